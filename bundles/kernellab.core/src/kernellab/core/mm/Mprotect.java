package kernellab.core.mm;

import static kernellab.core.mm.PageTable.PTE_PROTNONE;
import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_ACCOUNT;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_NORESERVE;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SHARED;
import static kernellab.core.mm.VmFlags.VM_WRITE;
import static kernellab.core.mm.VmTracepoints.hex;

import kernellab.api.Errno;
import kernellab.core.sched.Task;
import kernellab.core.trace.Tracer;

/**
 * {@code mprotect(2)} ({@code mm/mprotect.c}): {@code mprotect_fixup} VMA by VMA and
 * {@code change_protection} of the PTEs.
 */
final class Mprotect {

    private final VirtualMemory vm;
    private final Tracer tracer;

    Mprotect(VirtualMemory vm) {
        this.vm = vm;
        this.tracer = vm.tracer;
    }

    /** {@code do_mprotect_pkey} with its tracepoint ({@link VirtualMemory#mprotect}). */
    void mprotect(Task t, long start, long length, int prot) {
        int ret = 0;
        try {
            doMprotect(vm.requireMm(t), start, length, prot);
        } catch (Errno e) {
            ret = -e.errno();
            throw e;
        } finally {
            if (tracer.enabled(VmTracepoints.MPROTECT)) {
                tracer.event(VmTracepoints.MPROTECT).field("addr", hex(start)).field("len", length).field("prot", prot)
                        .field("ret", ret).emit();
            }
        }
    }

    private void doMprotect(MmStruct mm, long start, long length, int prot) {
        if ((start & (PAGE_SIZE - 1)) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        if (length == 0) {
            return;
        }
        long len = Mmap.pageAlign(length);
        long end = start + len;
        if (end <= start) {
            throw new Errno(Errno.ENOMEM);
        }
        if ((prot & ~Mmap.PROT_MASK) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        VmArea v = mm.findVma(start);
        if (v == null || v.vmStart > start) {
            throw new Errno(Errno.ENOMEM);
        }
        long nstart = start;
        while (true) {
            long newFlags = Mmap.calcVmProtBits(prot) | (v.vmFlags & ~(VM_READ | VM_WRITE | VM_EXEC));
            if ((newFlags & ~(newFlags >>> 4) & (VM_READ | VM_WRITE | VM_EXEC)) != 0) {
                throw new Errno(Errno.EACCES);
            }
            long tmp = Math.min(v.vmEnd, end);
            VmArea after = mprotectFixup(mm, v, nstart, tmp, newFlags);
            nstart = tmp;
            if (nstart >= end) {
                return;
            }
            v = mm.next(after);
            if (v == null || v.vmStart != nstart) {
                throw new Errno(Errno.ENOMEM);
            }
        }
    }

    /**
     * {@code mprotect_fixup}: returns the VMA now covering {@code [start, end)}. A private mapping
     * made writable is charged ({@code VM_ACCOUNT}); since Linux 6.7 an anonymous one that never
     * had a page faulted in (no anon_vma yet) loses the charge when it becomes read-only again,
     * so it can merge with a read-only neighbour. A faulted one keeps it.
     */
    private VmArea mprotectFixup(MmStruct mm, VmArea v, long start, long end, long newFlags) {
        if (newFlags == v.vmFlags) {
            return v;
        }
        if ((newFlags & VM_WRITE) != 0) {
            if ((v.vmFlags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE)) == 0) {
                newFlags |= VM_ACCOUNT;
            }
        } else if ((v.vmFlags & VM_ACCOUNT) != 0 && v.isAnonymous() && v.anonVma == null) {
            newFlags &= ~VM_ACCOUNT;
        }
        v = vm.vma.setFlags(mm, v, start, end, newFlags);
        changeProtection(mm, v);
        return vm.vma.mergeNeighbours(mm, v);
    }

    /** {@code change_protection}: PTEs lose rw where the VMA is no longer writable, become PROT_NONE entries where it is inaccessible. */
    private void changeProtection(MmStruct mm, VmArea v) {
        boolean[] changed = {false};
        boolean none = (v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0;
        mm.pgd.forEach(v.vmStart, v.vmEnd, (a, pte) -> {
            long n = pte;
            if (none) {
                n = (n & ~PageTable.PTE_PRESENT & ~PageTable.PTE_RW) | PTE_PROTNONE;
            } else {
                if ((n & PTE_PROTNONE) != 0) {
                    n = (n & ~PTE_PROTNONE) | PageTable.PTE_PRESENT;
                }
                if ((v.vmFlags & VM_WRITE) == 0) {
                    n &= ~PageTable.PTE_RW;
                }
                n = (v.vmFlags & VM_EXEC) != 0 ? n & ~PageTable.PTE_NX : n | PageTable.PTE_NX;
            }
            if (n != pte) {
                mm.pgd.update(a, n);
                changed[0] = true;
            }
        });
        if (changed[0]) {
            mm.tlbFlushes++;
        }
    }
}
