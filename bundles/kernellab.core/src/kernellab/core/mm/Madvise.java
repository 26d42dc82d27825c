package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_LOCKED;
import static kernellab.core.mm.VmFlags.VM_PFNMAP;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.sched.Task;

/**
 * {@code madvise(2)} ({@code mm/madvise.c}) and the VMA-range walk it shares with
 * {@code msync(2)} ({@code madvise_walk_vmas}).
 */
final class Madvise {

    /** What a range walk does with the part {@code [start, end)} of a VMA. */
    @FunctionalInterface
    interface RangeVisitor {
        void visit(VmArea v, long start, long end);
    }

    private final VirtualMemory vm;

    Madvise(VirtualMemory vm) {
        this.vm = vm;
    }

    /**
     * {@code madvise_walk_vmas}: calls the visitor on each VMA part of {@code [start, end)} in
     * address order, stepping over holes.
     *
     * @return whether the range had an unmapped part (the caller's ENOMEM, after the mapped parts
     *         were handled)
     */
    static boolean walkVmas(MmStruct mm, long start, long end, RangeVisitor visitor) {
        boolean unmapped = false;
        long a = start;
        while (a < end) {
            VmArea v = mm.findVma(a);
            if (v == null) {
                return true;
            }
            if (v.vmStart > a) {
                unmapped = true;
                a = v.vmStart;
                if (a >= end) {
                    break;
                }
            }
            long e = Math.min(end, v.vmEnd);
            visitor.visit(v, a, e);
            a = e;
        }
        return unmapped;
    }

    /** {@code do_madvise} ({@link VirtualMemory#madvise}). */
    void madvise(Task t, long start, long length, int advice) {
        MmStruct mm = vm.requireMm(t);
        boolean thp = advice == Syscalls.MADV_HUGEPAGE || advice == Syscalls.MADV_NOHUGEPAGE;
        if ((start & (PAGE_SIZE - 1)) != 0 || (!thp && (advice < Syscalls.MADV_NORMAL || advice > Syscalls.MADV_DONTNEED))) {
            throw new Errno(Errno.EINVAL);
        }
        long len = Mmap.pageAlign(length);
        if (len < length) {
            throw new Errno(Errno.EINVAL);
        }
        long end = start + len;
        if (end < start) {
            throw new Errno(Errno.EINVAL);
        }
        if (end == start) {
            return;
        }
        boolean unmapped = walkVmas(mm, start, end, (v, a, e) -> {
            if (advice == Syscalls.MADV_DONTNEED) {
                if ((v.vmFlags & (VM_LOCKED | VM_PFNMAP)) != 0) {
                    throw new Errno(Errno.EINVAL);
                }
                vm.memory.zapRange(mm, v, a, e);
                mm.tlbFlushes++;
            } else if (thp) {
                long newFlags = advice == Syscalls.MADV_HUGEPAGE ? (v.vmFlags & ~VmFlags.VM_NOHUGEPAGE) | VmFlags.VM_HUGEPAGE
                        : (v.vmFlags & ~VmFlags.VM_HUGEPAGE) | VmFlags.VM_NOHUGEPAGE;
                if (newFlags != v.vmFlags) {
                    vm.vma.mergeNeighbours(mm, vm.vma.setFlags(mm, v, a, e, newFlags));
                }
            }
        });
        if (unmapped) {
            throw new Errno(Errno.ENOMEM);
        }
    }
}
