package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_ACCOUNT;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_GROWSDOWN;
import static kernellab.core.mm.VmFlags.VM_LOCKED;
import static kernellab.core.mm.VmFlags.VM_MAYEXEC;
import static kernellab.core.mm.VmFlags.VM_MAYREAD;
import static kernellab.core.mm.VmFlags.VM_MAYSHARE;
import static kernellab.core.mm.VmFlags.VM_MAYWRITE;
import static kernellab.core.mm.VmFlags.VM_NORESERVE;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SHARED;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;
import static kernellab.core.mm.VmFlags.VM_WRITE;
import static kernellab.core.mm.VmTracepoints.hex;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.fs.Inode;
import kernellab.core.fs.OpenFile;
import kernellab.core.fs.Vfs;
import kernellab.core.sched.Task;
import kernellab.core.trace.Tracer;

/**
 * Mapping and unmapping ({@code mm/mmap.c}): {@code mmap(2)} with Linux's argument checks
 * ({@code do_mmap}, {@code mmap_region}), {@code munmap(2)}, {@code brk(2)}, the top-down search
 * for a free range ({@code arch_get_unmapped_area_topdown}), {@code __mm_populate}, stack growth
 * ({@code expand_stack}) and the layout's bases ({@code mmap_base}, {@code ELF_ET_DYN_BASE}).
 */
final class Mmap {

    /** {@code vm.mmap_min_addr} default. */
    static final long MMAP_MIN_ADDR = 65_536;
    /** {@code stack_guard_gap}: 256 pages kept free below a stack. */
    static final long STACK_GUARD_GAP = 256L << PAGE_SHIFT;
    /** {@code RLIMIT_STACK} default, 8 MiB. */
    static final long STACK_LIMIT = 8L << 20;
    /** The PROT_* bits mmap and mprotect accept. */
    static final int PROT_MASK = Syscalls.PROT_READ | Syscalls.PROT_WRITE | Syscalls.PROT_EXEC;

    private final VirtualMemory vm;
    private final Vfs vfs;
    private final Tracer tracer;
    private final long taskSize;

    Mmap(VirtualMemory vm) {
        this.vm = vm;
        this.vfs = vm.vfs();
        this.tracer = vm.tracer;
        this.taskSize = vm.taskSize();
    }

    /** {@code PAGE_ALIGN}: rounds up to a page boundary. */
    static long pageAlign(long x) {
        return (x + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    /** {@code calc_vm_prot_bits}: PROT_* bits as VM_* flags. */
    static long calcVmProtBits(int prot) {
        return ((prot & Syscalls.PROT_READ) != 0 ? VM_READ : 0) | ((prot & Syscalls.PROT_WRITE) != 0 ? VM_WRITE : 0)
                | ((prot & Syscalls.PROT_EXEC) != 0 ? VM_EXEC : 0);
    }

    /** {@code vm_start_gap}: a stack's start minus the guard gap. */
    private static long startGap(VmArea v) {
        return (v.vmFlags & VM_GROWSDOWN) != 0 ? Math.max(0, v.vmStart - STACK_GUARD_GAP) : v.vmStart;
    }

    /** {@code mmap_base}'s gap: the stack limit plus guard gap (and stack randomization), at least 128 MiB, at most 5/6 of the space. */
    long mmapGap(long stackRnd) {
        return Math.min(Math.max(STACK_LIMIT + STACK_GUARD_GAP + stackRnd, 128L << 20), taskSize / 6 * 5);
    }

    /** {@code ELF_ET_DYN_BASE}: two thirds of the user address space, where a PIE is loaded. */
    long elfBase() {
        return (taskSize / 3 * 2) & -PAGE_SIZE;
    }

    /**
     * {@code arch_get_unmapped_area_topdown}: the hint if it is free, else the highest gap below
     * {@code mmap_base} that fits, else the lowest above {@code TASK_UNMAPPED_BASE}.
     *
     * @return the address, or 0 if nothing fits
     */
    long unmappedArea(MmStruct mm, long len, long hint) {
        if (len > taskSize - MMAP_MIN_ADDR) {
            return 0;
        }
        if (hint != 0) {
            long addr = pageAlign(hint);
            if (taskSize - len >= addr && addr >= MMAP_MIN_ADDR) {
                VmArea[] vp = mm.findVmaPrev(addr);
                if ((vp[0] == null || addr + len <= startGap(vp[0])) && (vp[1] == null || addr >= vp[1].vmEnd)) {
                    return addr;
                }
            }
        }
        long high = mm.mmapBase;
        long low = MMAP_MIN_ADDR;
        VmArea v = mm.lastStartingBelow(high);
        VmArea above = v == null ? mm.findVma(0) : mm.next(v);
        long end = above == null ? high : Math.min(high, startGap(above));
        while (true) {
            long gapStart = v == null ? low : Math.max(low, v.vmEnd);
            if (end >= gapStart && end - gapStart >= len) {
                return end - len;
            }
            if (v == null) {
                break;
            }
            end = Math.min(end, startGap(v));
            v = mm.prev(v);
        }
        long addr = pageAlign(taskSize / 3);
        for (VmArea w = mm.findVma(addr); ; w = mm.next(w)) {
            long limit = w == null ? taskSize : startGap(w);
            if (limit - addr >= len) {
                return addr;
            }
            if (w == null) {
                return 0;
            }
            addr = Math.max(addr, w.vmEnd);
        }
    }

    /** {@code mmap(2)} with its tracepoint ({@link VirtualMemory#mmap}). */
    long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        long r;
        try {
            r = doMmap(t, addr, length, prot, flags, fd, offset);
        } catch (Errno e) {
            traceMmap(addr, length, prot, flags, -e.errno());
            throw e;
        }
        traceMmap(addr, length, prot, flags, r);
        return r;
    }

    private void traceMmap(long addr, long length, int prot, int flags, long result) {
        if (tracer.enabled(VmTracepoints.MMAP)) {
            tracer.event(VmTracepoints.MMAP).field("addr", hex(addr)).field("len", length).field("prot", prot)
                    .field("flags", hex(flags)).field("ret", result < 0 ? Long.toString(result) : hex(result)).emit();
        }
    }

    private long doMmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        MmStruct mm = vm.requireMm(t);
        if ((offset & (PAGE_SIZE - 1)) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        OpenFile file = null;
        if ((flags & Syscalls.MAP_ANONYMOUS) == 0) {
            file = vfs.file(t, fd);
        }
        if (length == 0) {
            throw new Errno(Errno.EINVAL);
        }
        int type = flags & Syscalls.MAP_TYPE;
        if (type != Syscalls.MAP_SHARED && type != Syscalls.MAP_PRIVATE && type != Syscalls.MAP_SHARED_VALIDATE) {
            throw new Errno(Errno.EINVAL);
        }
        if ((prot & ~PROT_MASK) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        boolean fixed = (flags & (Syscalls.MAP_FIXED | Syscalls.MAP_FIXED_NOREPLACE)) != 0;
        if (!fixed) {
            addr &= -PAGE_SIZE;
            if (addr != 0 && addr < MMAP_MIN_ADDR) {
                addr = pageAlign(MMAP_MIN_ADDR);
            }
        }
        long len = pageAlign(length);
        if (len <= 0 || len < length) {
            throw new Errno(Errno.ENOMEM);
        }
        long pgoff = offset >>> PAGE_SHIFT;
        if (pgoff + (len >>> PAGE_SHIFT) < pgoff) {
            throw new Errno(Errno.EOVERFLOW);
        }
        if (mm.mapCount() > vm.maxMapCount()) {
            throw new Errno(Errno.ENOMEM);
        }
        if (fixed) {
            if ((addr & (PAGE_SIZE - 1)) != 0) {
                throw new Errno(Errno.EINVAL);
            }
            if (len > taskSize || addr > taskSize - len) {
                throw new Errno(Errno.ENOMEM);
            }
            if (addr < MMAP_MIN_ADDR) {
                throw new Errno(Errno.EPERM);
            }
            if ((flags & Syscalls.MAP_FIXED_NOREPLACE) != 0 && (flags & Syscalls.MAP_FIXED) == 0
                    && mm.findVmaIntersection(addr, addr + len) != null) {
                throw new Errno(Errno.EEXIST);
            }
        } else {
            addr = unmappedArea(mm, len, addr);
            if (addr == 0) {
                throw new Errno(Errno.ENOMEM);
            }
        }
        long vmFlags = calcVmProtBits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        if ((flags & Syscalls.MAP_GROWSDOWN) != 0) {
            vmFlags |= VM_GROWSDOWN;
        }
        if ((flags & Syscalls.MAP_LOCKED) != 0) {
            vmFlags |= VM_LOCKED;
        }
        Inode inode = null;
        if (file != null) {
            if (type == Syscalls.MAP_PRIVATE) {
                if (!file.readable()) {
                    throw new Errno(Errno.EACCES);
                }
            } else {
                if ((prot & Syscalls.PROT_WRITE) != 0 && !file.writable()) {
                    throw new Errno(Errno.EACCES);
                }
                if (!file.readable()) {
                    throw new Errno(Errno.EACCES);
                }
                vmFlags |= VM_SHARED | VM_MAYSHARE;
                if (!file.writable()) {
                    vmFlags &= ~(VM_MAYWRITE | VM_SHARED);
                }
            }
            if (file.seqFile()) {
                throw new Errno(Errno.ENODEV);
            }
            if ((vmFlags & VM_GROWSDOWN) != 0) {
                throw new Errno(Errno.EINVAL);
            }
            inode = file.inode();
        } else if (type == Syscalls.MAP_PRIVATE) {
            pgoff = addr >>> PAGE_SHIFT;
        } else {
            pgoff = 0;
            vmFlags |= VM_SHARED | VM_MAYSHARE;
        }
        if ((flags & Syscalls.MAP_NORESERVE) != 0) {
            vmFlags |= VM_NORESERVE;
        }
        VmArea v = mmapRegion(mm, inode, addr, len, vmFlags, pgoff);
        if ((vmFlags & VM_LOCKED) != 0 || (flags & (Syscalls.MAP_POPULATE | Syscalls.MAP_NONBLOCK)) == Syscalls.MAP_POPULATE) {
            populate(t, mm, v, addr, addr + len);
        }
        return addr;
    }

    /** {@code mmap_region}: clears what was there, tries to merge, else inserts a new VMA. */
    private VmArea mmapRegion(MmStruct mm, Inode file, long addr, long len, long vmFlags, long pgoff) {
        long end = addr + len;
        if (mm.findVmaIntersection(addr, end) != null) {
            vm.vma.doMunmap(mm, addr, len);
        }
        if ((vmFlags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE) {
            vmFlags |= VM_ACCOUNT;
        }
        boolean shmemZero = file == null && (vmFlags & VM_SHARED) != 0;
        VmOperations ops = file == null && !shmemZero ? null : VmOperations.FILE;
        if (!shmemZero) {
            VmArea[] vp = mm.findVmaPrev(addr);
            VmArea prev = vp[1];
            VmArea next = vp[0];
            if (prev != null && Vma.canMergeAfter(prev, addr, vmFlags, file, ops, null, pgoff)) {
                mm.statAccount(vmFlags, len >>> PAGE_SHIFT);
                mm.setEnd(prev, end);
                if (next != null && Vma.canMerge(prev, next)) {
                    vm.vma.mergeInto(mm, prev, next);
                }
                return prev;
            }
            if (next != null && next.vmStart == end && Vma.mergeable(next, vmFlags, file, ops, null)
                    && pgoff + (len >>> PAGE_SHIFT) == next.vmPgoff) {
                mm.statAccount(vmFlags, len >>> PAGE_SHIFT);
                mm.moveStart(next, addr);
                next.vmPgoff = pgoff;
                return next;
            }
        }
        if (shmemZero) {
            file = vfs.shmemZeroFile(len);
        }
        VmArea v = new VmArea(mm, addr, end, vmFlags | VM_SOFTDIRTY, pgoff, file, ops);
        vm.vma.insertNewVma(mm, v);
        if (ops != null) {
            ops.open(v);
        }
        return v;
    }

    /** {@code __mm_populate}: faults the range in as get_user_pages does (writes for private writable mappings). */
    private void populate(Task t, MmStruct mm, VmArea v, long start, long end) {
        boolean write = (v.vmFlags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
        TaskVm tv = vm.taskVm(t);
        for (long a = start; a < end; a += PAGE_SIZE) {
            VmArea w = mm.findVma(a);
            if (w == null || w.vmStart > a || (w.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0) {
                continue;
            }
            long pte = mm.pgd.get(a);
            if ((pte & PageTable.PTE_PRESENT) != 0 && (!write || (pte & PageTable.PTE_RW) != 0)) {
                continue;
            }
            VmFault r = vm.memory.handleMmFault(tv, mm, w, a, write);
            if (r == VmFault.OOM) {
                break;
            }
        }
    }

    /** {@code munmap(2)} with its tracepoint ({@link VirtualMemory#munmap}). */
    void munmap(Task t, long addr, long length) {
        MmStruct mm = vm.requireMm(t);
        int ret = 0;
        try {
            if ((addr & (PAGE_SIZE - 1)) != 0 || addr < 0 || addr > taskSize || length < 0 || length > taskSize - addr) {
                throw new Errno(Errno.EINVAL);
            }
            long len = pageAlign(length);
            if (len == 0) {
                throw new Errno(Errno.EINVAL);
            }
            vm.vma.doMunmap(mm, addr, len);
        } catch (Errno e) {
            ret = -e.errno();
            throw e;
        } finally {
            if (tracer.enabled(VmTracepoints.MUNMAP)) {
                tracer.event(VmTracepoints.MUNMAP).field("addr", hex(addr)).field("len", length).field("ret", ret).emit();
            }
        }
    }

    /** {@code brk(2)} with its tracepoint ({@link VirtualMemory#brk}). */
    long brk(Task t, long addr) {
        MmStruct mm = vm.requireMm(t);
        long result = doBrk(mm, addr);
        if (tracer.enabled(VmTracepoints.BRK)) {
            tracer.event(VmTracepoints.BRK).field("brk", hex(addr)).field("ret", hex(result)).emit();
        }
        return result;
    }

    private long doBrk(MmStruct mm, long brk) {
        if (brk < mm.startBrk) {
            return mm.brk;
        }
        long newbrk = pageAlign(brk);
        long oldbrk = pageAlign(mm.brk);
        if (oldbrk == newbrk) {
            mm.brk = brk;
            return brk;
        }
        if (brk <= mm.brk) {
            vm.vma.doMunmap(mm, newbrk, oldbrk - newbrk);
            mm.brk = brk;
            return brk;
        }
        if (newbrk > taskSize) {
            return mm.brk;
        }
        VmArea next = mm.findVma(oldbrk);
        if (next != null && newbrk + PAGE_SIZE > startGap(next)) {
            return mm.brk;
        }
        if (mm.mapCount() >= vm.maxMapCount()) {
            return mm.brk;
        }
        long flags = VmFlags.VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;
        VmArea prev = mm.findVmaPrev(oldbrk)[1];
        long len = newbrk - oldbrk;
        if (prev != null && Vma.canMergeAfter(prev, oldbrk, flags, null, null, null, oldbrk >>> PAGE_SHIFT)) {
            mm.setEnd(prev, newbrk);
            mm.statAccount(flags, len >>> PAGE_SHIFT);
        } else {
            try {
                vm.vma.insertNewVma(mm, new VmArea(mm, oldbrk, newbrk, flags | VM_SOFTDIRTY, oldbrk >>> PAGE_SHIFT, null, null));
            } catch (Errno e) {
                return mm.brk;
            }
        }
        mm.brk = brk;
        return brk;
    }

    /** {@code expand_stack}: grows a GROWSDOWN VMA down to the page of {@code address}, within RLIMIT_STACK and the guard gap. */
    boolean expandStack(MmStruct mm, VmArea v, long address) {
        long newStart = address & -PAGE_SIZE;
        if (v.vmEnd - newStart > STACK_LIMIT) {
            return false;
        }
        VmArea prev = mm.prev(v);
        if (prev != null && (prev.vmFlags & VM_GROWSDOWN) == 0 && newStart - prev.vmEnd < STACK_GUARD_GAP
                && (prev.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) != 0) {
            return false;
        }
        if (prev != null && newStart < prev.vmEnd) {
            return false;
        }
        long grow = (v.vmStart - newStart) >>> PAGE_SHIFT;
        mm.moveStart(v, newStart);
        v.vmPgoff -= grow;
        mm.statAccount(v.vmFlags, grow);
        return true;
    }
}
