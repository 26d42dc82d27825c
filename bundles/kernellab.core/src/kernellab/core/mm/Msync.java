package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_LOCKED;
import static kernellab.core.mm.VmFlags.VM_SHARED;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.sched.Task;

/** {@code msync(2)} ({@code mm/msync.c}) over the range walk of {@link Madvise#walkVmas}. */
final class Msync {

    private final VirtualMemory vm;

    Msync(VirtualMemory vm) {
        this.vm = vm;
    }

    /** {@code msync(2)} ({@link VirtualMemory#msync}). */
    void msync(Task t, long start, long length, int flags) {
        MmStruct mm = vm.requireMm(t);
        if ((flags & ~(Syscalls.MS_ASYNC | Syscalls.MS_INVALIDATE | Syscalls.MS_SYNC)) != 0
                || (start & (PAGE_SIZE - 1)) != 0
                || (flags & (Syscalls.MS_ASYNC | Syscalls.MS_SYNC)) == (Syscalls.MS_ASYNC | Syscalls.MS_SYNC)) {
            throw new Errno(Errno.EINVAL);
        }
        long end = start + Mmap.pageAlign(length);
        if (end < start) {
            throw new Errno(Errno.ENOMEM);
        }
        if (end == start) {
            return;
        }
        boolean unmapped = Madvise.walkVmas(mm, start, end, (v, a, e) -> {
            if ((flags & Syscalls.MS_INVALIDATE) != 0 && (v.vmFlags & VM_LOCKED) != 0) {
                throw new Errno(Errno.EBUSY);
            }
            if ((v.vmFlags & VM_SHARED) != 0 && v.vmFile != null) {
                mm.pgd.forEach(a, e, (addr, pte) -> {
                    Page p = vm.memory.normalPage(pte);
                    if (p != null) {
                        p.clear(PageFlag.DIRTY);
                        if ((pte & PageTable.PTE_DIRTY) != 0) {
                            mm.pgd.update(addr, pte & ~PageTable.PTE_DIRTY);
                        }
                    }
                });
            }
        });
        if (unmapped) {
            throw new Errno(Errno.ENOMEM);
        }
    }
}
