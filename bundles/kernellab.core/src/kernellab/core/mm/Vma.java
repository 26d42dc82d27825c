package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.core.fs.Inode;
import kernellab.core.fs.Vfs;

/**
 * VMA operations ({@code mm/vma.c}): allocating and freeing vm_area_structs, inserting and
 * removing VMAs, the merge rules ({@code is_mergeable_vma}, {@code vma_merge}), splitting
 * ({@code __split_vma}, {@code vma_modify_flags}) and unmapping a range ({@code do_vmi_munmap}).
 */
final class Vma {

    private final VirtualMemory vm;
    private final PhysicalMemory memory;
    private final KernelCaches caches;
    private final Vfs vfs;

    Vma(VirtualMemory vm) {
        this.vm = vm;
        this.memory = vm.physicalMemory();
        this.caches = vm.caches;
        this.vfs = vm.vfs();
    }

    /** {@code vm_area_alloc}: a vm_area_struct from its slab cache; 0 when memory ran out. */
    long allocVmaObject() {
        String old = memory.setCallSite("vm_area_alloc");
        try {
            return memory.slab().cacheAlloc(caches.vmAreaStruct(), Gfp.GFP_KERNEL);
        } finally {
            memory.setCallSite(old);
        }
    }

    /** {@code vm_area_free}. */
    void freeVmaObject(VmArea v) {
        if (v.slabAddress != 0) {
            memory.slab().cacheFree(caches.vmAreaStruct(), v.slabAddress);
            v.slabAddress = 0;
        }
    }

    /** Inserts a new VMA, allocating its vm_area_struct and accounting its pages. */
    void insertNewVma(MmStruct mm, VmArea v) {
        v.slabAddress = allocVmaObject();
        if (v.slabAddress == 0) {
            throw new Errno(Errno.ENOMEM);
        }
        mm.insert(v);
        mm.statAccount(v.vmFlags, v.length() >>> PAGE_SHIFT);
    }

    /** Takes a VMA out of the tree for good: close, unaccount, drop anon_vma and file, free the object. */
    void removeVma(MmStruct mm, VmArea v) {
        mm.remove(v);
        mm.statAccount(v.vmFlags, -(v.length() >>> PAGE_SHIFT));
        if (v.vmOps != null) {
            v.vmOps.close(v);
            if (v.vmFile != null) {
                vfs.evictIfUnused(v.vmFile);
            }
        }
        vm.rmap.unlinkAnonVma(v);
        freeVmaObject(v);
    }

    /**
     * {@code is_mergeable_vma} + {@code is_mergeable_anon_vma} (mm/vma.c): equal flags
     * (soft-dirty aside), same file, no close operation, and compatible anon_vmas.
     *
     * @param a the VMA that would absorb the range (the merge target)
     * @param src the VMA whose range it absorbs, or {@code null} for a new mapping
     */
    static boolean mergeable(VmArea a, long flags, Inode file, VmOperations ops, VmArea src) {
        return ((a.vmFlags ^ flags) & ~VM_SOFTDIRTY) == 0 && a.vmFile == file && a.vmOps == ops
                && (ops == null || !ops.hasClose()) && mergeableAnonVma(a, src);
    }

    /**
     * {@code is_mergeable_anon_vma} of Linux 6.16+: the same anon_vma on both sides (or none), or
     * only one side has one and that side never came from a fork ({@code vma_had_uncowed_parents}:
     * its anon_vma_chain has more than the one link of its own anon_vma), since merging into a
     * fork child's anon_vma hierarchy would make its rmap walks slower.
     */
    private static boolean mergeableAnonVma(VmArea tgt, VmArea src) {
        AnonVma s = src == null ? null : src.anonVma;
        if (tgt.anonVma == null && s != null) {
            return !hadUncowedParents(src);
        }
        if (tgt.anonVma != null && s == null) {
            return !hadUncowedParents(tgt);
        }
        return tgt.anonVma == s;
    }

    /** {@code vma_had_uncowed_parents}: an anon_vma and a chain of more than one link (a fork child). */
    private static boolean hadUncowedParents(VmArea v) {
        return v.anonVma != null && v.chainObjects.size() != 1;
    }

    /** Whether {@code vma_merge} would have joined {@code left} and {@code right} ({@link VirtualMemory#canMerge}). */
    static boolean canMerge(VmArea left, VmArea right) {
        return canMergeAfter(left, right.vmStart, right.vmFlags, right.vmFile, right.vmOps, right, right.vmPgoff);
    }

    /**
     * {@code can_vma_merge_after}: {@code prev} ends at {@code addr}, is {@link #mergeable} with
     * the range and its file offsets run on into the range's {@code pgoff}.
     */
    static boolean canMergeAfter(VmArea prev, long addr, long flags, Inode file, VmOperations ops, VmArea src,
            long pgoff) {
        return prev.vmEnd == addr && mergeable(prev, flags, file, ops, src)
                && prev.vmPgoff + (prev.length() >>> PAGE_SHIFT) == pgoff;
    }

    /** Joins {@code right} into {@code left} ({@code __vma_adjust} removing the next VMA). */
    void mergeInto(MmStruct mm, VmArea left, VmArea right) {
        mm.remove(right);
        mm.setEnd(left, right.vmEnd);
        if (left.anonVma == null && right.anonVma != null) {
            vm.rmap.cloneLinks(right, left);
        }
        if (right.vmOps != null) {
            right.vmOps.close(right);
        }
        vm.rmap.unlinkAnonVma(right);
        freeVmaObject(right);
    }

    /** Merges {@code v} with its neighbours where {@code vma_merge} would. */
    VmArea mergeNeighbours(MmStruct mm, VmArea v) {
        VmArea prev = mm.prev(v);
        if (prev != null && canMerge(prev, v)) {
            mergeInto(mm, prev, v);
            v = prev;
        }
        VmArea next = mm.next(v);
        if (next != null && canMerge(v, next)) {
            mergeInto(mm, v, next);
        }
        return v;
    }

    /**
     * {@code __split_vma}: splits {@code v} at {@code addr}; returns the upper part (a new VMA).
     * The new part shares the anon_vma (a new chain) and the file. A huge PMD across
     * {@code addr} is split ({@code vma_adjust_trans_huge}).
     */
    private VmArea split(MmStruct mm, VmArea v, long addr, boolean checkLimit) {
        if (checkLimit && mm.mapCount() >= vm.maxMapCount()) {
            throw new Errno(Errno.ENOMEM);
        }
        if ((addr & (PageTable.HPAGE_PMD_SIZE - 1)) != 0) {
            mm.pgd.splitHugePmds(addr, addr + 1);
        }
        long obj = allocVmaObject();
        if (obj == 0) {
            throw new Errno(Errno.ENOMEM);
        }
        VmArea upper = new VmArea(mm, addr, v.vmEnd, v.vmFlags, v.vmPgoff + ((addr - v.vmStart) >>> PAGE_SHIFT), v.vmFile,
                v.vmOps);
        upper.slabAddress = obj;
        if (v.anonVma != null && !vm.rmap.cloneLinks(v, upper)) {
            freeVmaObject(upper);
            throw new Errno(Errno.ENOMEM);
        }
        if (upper.vmOps != null) {
            upper.vmOps.open(upper);
        }
        mm.setEnd(v, addr);
        mm.insert(upper);
        return upper;
    }

    /**
     * The first half of {@code vma_modify_flags}: splits {@code [start, end)} off the VMA and
     * gives it the new flags; the caller merges it with its neighbours afterwards.
     *
     * @return the VMA of exactly {@code [start, end)}
     */
    VmArea setFlags(MmStruct mm, VmArea v, long start, long end, long newFlags) {
        if (start > v.vmStart) {
            v = split(mm, v, start, true);
        }
        if (end < v.vmEnd) {
            split(mm, v, end, true);
        }
        mm.statAccount(v.vmFlags, -(v.length() >>> PAGE_SHIFT));
        v.vmFlags = newFlags;
        mm.statAccount(v.vmFlags, v.length() >>> PAGE_SHIFT);
        return v;
    }

    /** {@code __do_munmap}: splits at the ends, zaps the pages, frees the tables of the new gap, removes the VMAs. */
    void doMunmap(MmStruct mm, long start, long len) {
        long end = start + len;
        VmArea v = mm.findVma(start);
        if (v == null || v.vmStart >= end) {
            return;
        }
        if (start > v.vmStart) {
            if (end < v.vmEnd && mm.mapCount() >= vm.maxMapCount()) {
                throw new Errno(Errno.ENOMEM);
            }
            v = split(mm, v, start, false);
        }
        VmArea last = mm.findVma(end);
        if (last != null && end > last.vmStart) {
            split(mm, last, end, false);
        }
        VmArea prev = mm.prev(v);
        List<VmArea> doomed = new ArrayList<>();
        for (VmArea w = v; w != null && w.vmStart < end; w = mm.next(w)) {
            doomed.add(w);
        }
        for (VmArea w : doomed) {
            vm.memory.zapRange(mm, w, w.vmStart, w.vmEnd);
        }
        VmArea next = mm.next(doomed.get(doomed.size() - 1));
        for (VmArea w : doomed) {
            removeVma(mm, w);
        }
        mm.tlbFlushes++;
        mm.pgd.freeEmptyTables(prev == null ? 0 : prev.vmEnd, next == null ? vm.taskSize() + PAGE_SIZE : next.vmStart);
    }
}
