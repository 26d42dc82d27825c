package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.VmFlags.VM_PFNMAP;

import kernellab.core.sched.Task;

/**
 * The address-space part of {@code kernel/fork.c}: {@code mm_alloc}, {@code copy_mm} with
 * {@code dup_mmap} (private pages shared copy-on-write), and {@code mmput} with
 * {@code exit_mmap}.
 */
final class MmFork {

    private final VirtualMemory vm;
    private final PhysicalMemory memory;
    private final TaskMemoryHooks hooks;
    private final int levels;
    private final long taskSize;

    MmFork(VirtualMemory vm) {
        this.vm = vm;
        this.memory = vm.physicalMemory();
        this.hooks = vm.hooks;
        this.levels = vm.levels();
        this.taskSize = vm.taskSize();
    }

    /**
     * {@code mm_alloc}: an empty address space. Until exec fills it, mmap allocates below the
     * usual mmap_base and the program break sits at the usual program address, so a task that
     * never exec'ed (a synthetic behaviour, a task started by the runner's shell) can still map
     * memory and use malloc.
     */
    MmStruct newMm(Task t) {
        KernelCaches.TaskObjects objs = hooks.objectsOf(t);
        MmStruct mm = new MmStruct(new PageTable(memory, levels), taskSize, objs == null ? 0 : objs.mm());
        mm.mmapBase = Mmap.pageAlign(taskSize - vm.mmap.mmapGap(0));
        mm.startBrk = vm.mmap.elfBase();
        mm.brk = mm.startBrk;
        return mm;
    }

    /** {@code mmput}: drops a user; the last one tears the address space down ({@code exit_mmap}). */
    void mmput(MmStruct mm) {
        if (--mm.mmUsers > 0) {
            return;
        }
        for (VmArea v : mm.vmas()) {
            vm.memory.zapRange(mm, v, v.vmStart, v.vmEnd);
        }
        for (VmArea v : mm.vmas()) {
            vm.vma.removeVma(mm, v);
        }
        mm.pgd.freeAll();
        mm.mmCount--;
    }

    /**
     * {@code dup_mmap}: copies every VMA; page tables only of VMAs with anonymous pages,
     * write-protecting private pages in both. If memory runs out on the way, the copy stops
     * there (consistent, but partial) and the child is marked for SIGKILL before it runs, where
     * Linux's fork would fail with ENOMEM.
     */
    private MmStruct dupMm(MmStruct old, TaskVm childVm, Task child) {
        MmStruct mm = newMm(child);
        copyLayout(old, mm);
        mm.userState = old.userState == null ? null : old.userState.copy();
        boolean flushed = false;
        boolean complete = true;
        for (VmArea v : old.vmaView()) {
            VmArea n = new VmArea(mm, v.vmStart, v.vmEnd, v.vmFlags, v.vmPgoff, v.vmFile, v.vmOps);
            n.slabAddress = vm.vma.allocVmaObject();
            if (n.slabAddress == 0 || (v.anonVma != null && !vm.rmap.anonVmaFork(v, n))) {
                vm.vma.freeVmaObject(n);
                complete = false;
                break;
            }
            if (n.vmOps != null) {
                n.vmOps.open(n);
            }
            mm.insert(n);
            mm.statAccount(n.vmFlags, n.length() >>> PAGE_SHIFT);
            if (v.anonVma != null || (v.vmFlags & VM_PFNMAP) != 0) {
                int r = vm.memory.copyPteRange(old, mm, v);
                flushed |= r > 0;
                if (r < 0) {
                    complete = false;
                    break;
                }
            }
        }
        if (flushed) {
            old.tlbFlushes++;
        }
        if (!complete) {
            childVm.oomKilled = true;
        }
        return mm;
    }

    private static void copyLayout(MmStruct from, MmStruct to) {
        to.mmapBase = from.mmapBase;
        to.startCode = from.startCode;
        to.endCode = from.endCode;
        to.startData = from.startData;
        to.endData = from.endData;
        to.startBrk = from.startBrk;
        to.brk = from.brk;
        to.startStack = from.startStack;
        to.argStart = from.argStart;
        to.argEnd = from.argEnd;
        to.envStart = from.envStart;
        to.envEnd = from.envEnd;
        to.exeName = from.exeName;
    }

    /**
     * {@code copy_mm}: a thread shares the parent's mm, a process gets a copy; a task without a
     * parent (or whose parent has no mm) gets an empty one; a kernel thread none.
     */
    void copyMm(Task parent, Task child) {
        if (child.isKernelThread()) {
            return;
        }
        TaskVm c = vm.taskVm(child);
        MmStruct pmm = parent == null ? null : vm.mm(parent);
        if (parent != null && child.tgid() == parent.tgid()) {
            c.mm = pmm;
            if (pmm != null) {
                pmm.mmUsers++;
            }
            return;
        }
        c.mm = pmm == null ? newMm(child) : dupMm(pmm, c, child);
    }
}
