package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;
import static kernellab.core.mm.VmFlags.VM_WRITE;

import kernellab.api.Gfp;

/**
 * Reverse mapping of anonymous pages ({@code mm/rmap.c}): anon_vmas and their chains
 * ({@code anon_vma_prepare}, {@code anon_vma_clone}, {@code anon_vma_fork},
 * {@code unlink_anon_vmas}) and a new anonymous page's rmap ({@code folio_add_new_anon_rmap}).
 */
final class Rmap {

    private final VirtualMemory vm;
    private final PhysicalMemory memory;
    private final KernelCaches caches;

    Rmap(VirtualMemory vm) {
        this.vm = vm;
        this.memory = vm.physicalMemory();
        this.caches = vm.caches;
    }

    /** {@code anon_vma_alloc}: an anon_vma from its slab cache; {@code null} when memory ran out. */
    private AnonVma newAnonVma(AnonVma parent) {
        long addr = memory.slab().cacheAlloc(caches.anonVma(), Gfp.GFP_KERNEL);
        return addr == 0 ? null : new AnonVma(addr, parent);
    }

    /** {@code anon_vma_chain_link}: one chain object per (VMA, anon_vma) link; the link holds a reference. */
    private boolean link(AnonVma a, VmArea v) {
        long chain = memory.slab().cacheAlloc(caches.anonVmaChain(), Gfp.GFP_KERNEL);
        if (chain == 0) {
            return false;
        }
        v.chainObjects.add(chain);
        v.chainTargets.add(a);
        a.refs++;
        return true;
    }

    /** {@code anon_vma_clone}: links {@code to} to every anon_vma {@code from} is linked to. */
    boolean cloneLinks(VmArea from, VmArea to) {
        for (AnonVma a : from.chainTargets) {
            if (!link(a, to)) {
                unlinkAnonVma(to);
                return false;
            }
        }
        to.anonVma = from.anonVma;
        return true;
    }

    /** {@code anon_vma_fork}: the child's VMA is linked to the parent's anon_vmas and gets one of its own; {@code false} when memory ran out. */
    boolean anonVmaFork(VmArea parent, VmArea child) {
        AnonVma own = newAnonVma(parent.anonVma);
        if (own == null) {
            return false;
        }
        if (!cloneLinks(parent, child) || !link(own, child)) {
            unlinkAnonVma(child);
            if (own.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), own.kernelAddress());
            }
            return false;
        }
        child.anonVma = own;
        return true;
    }

    /** {@code unlink_anon_vmas}: frees the VMA's chains; an anon_vma goes with its last link. */
    void unlinkAnonVma(VmArea v) {
        for (int i = 0; i < v.chainObjects.size(); i++) {
            memory.slab().cacheFree(caches.anonVmaChain(), v.chainObjects.get(i));
            AnonVma a = v.chainTargets.get(i);
            if (--a.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), a.kernelAddress());
            }
        }
        v.chainObjects.clear();
        v.chainTargets.clear();
        v.anonVma = null;
    }

    /**
     * {@code anon_vma_prepare}: gives a VMA an anon_vma before its first anonymous page,
     * reusing an adjacent VMA's when the two could merge and the neighbour's anon_vma_chain is
     * its single own link, not a fork child's ({@code find_mergeable_anon_vma},
     * {@code reusable_anon_vma}).
     */
    boolean anonVmaPrepare(VmArea v) {
        if (v.anonVma != null) {
            return true;
        }
        AnonVma a = null;
        for (VmArea n : new VmArea[] {v.mm.prev(v), v.mm.next(v)}) {
            if (n != null && n.anonVma != null && n.chainObjects.size() == 1 && (n.vmEnd == v.vmStart || n.vmStart == v.vmEnd)
                    && ((n.vmFlags ^ v.vmFlags) & ~(VM_READ | VM_WRITE | VM_EXEC | VM_SOFTDIRTY)) == 0
                    && n.vmFile == v.vmFile && n.vmOps == v.vmOps) {
                long expected = n.vmEnd == v.vmStart ? n.vmPgoff + (n.length() >>> PAGE_SHIFT)
                        : n.vmPgoff - (v.length() >>> PAGE_SHIFT);
                if (expected == v.vmPgoff) {
                    a = n.anonVma;
                    break;
                }
            }
        }
        if (a == null) {
            a = newAnonVma(null);
            if (a == null) {
                return false;
            }
        }
        if (!link(a, v)) {
            if (a.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), a.kernelAddress());
            }
            return false;
        }
        v.anonVma = a;
        return true;
    }

    static void addNewAnonRmap(Page page, VmArea v, long address) {
        page.setMapping(v.anonVma);
        page.setIndex(v.linearPageIndex(address));
        page.addMapcount(1);
    }
}
