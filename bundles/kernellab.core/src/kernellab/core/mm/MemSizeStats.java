package kernellab.core.mm;

import kernellab.core.fs.Inode;

/**
 * {@code struct mem_size_stats}: what /proc/PID/smaps reports for one VMA (and smaps_rollup for
 * all of them), gathered by walking the page table the way {@code smaps_pte_entry},
 * {@code smaps_account} and {@code smaps_page_accumulate} do. Sizes in bytes; the PSS values
 * keep 12 extra fractional bits ({@code PSS_SHIFT}).
 *
 * @param resident Rss
 * @param pss Pss, in bytes shifted left by {@link #PSS_SHIFT}
 * @param pssDirty Pss_Dirty: the Pss of dirty pages, shifted
 * @param pssAnon Pss_Anon (smaps_rollup only), shifted
 * @param pssFile Pss_File (smaps_rollup only), shifted
 * @param pssShmem Pss_Shmem (smaps_rollup only), shifted
 * @param sharedClean Shared_Clean
 * @param sharedDirty Shared_Dirty
 * @param privateClean Private_Clean
 * @param privateDirty Private_Dirty
 * @param referenced Referenced
 * @param anonymous Anonymous
 * @param pssLocked Pss of VM_LOCKED VMAs, shifted like {@code pss}
 * @param anonHuge AnonHugePages: anonymous memory mapped by huge PMDs
 */
public record MemSizeStats(long resident, long pss, long pssDirty, long pssAnon, long pssFile, long pssShmem, long sharedClean,
        long sharedDirty, long privateClean, long privateDirty, long referenced, long anonymous, long pssLocked,
        long anonHuge) {

    /** Fixed-point shift of PSS. */
    public static final int PSS_SHIFT = 12;

    /** Nothing mapped (the gate VMA, an empty address space). */
    public static final MemSizeStats EMPTY = new MemSizeStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * @param vm the address spaces (to tell normal pages from the zero page and the raw vDSO data frames)
     * @param mm the mm
     * @param v a VMA of it
     * @return the VMA's statistics
     */
    public static MemSizeStats of(VirtualMemory vm, MmStruct mm, VmArea v) {
        long[] s = new long[13];
        mm.pgd.forEach(v.vmStart, v.vmEnd, (addr, pte) -> {
            Page page = vm.normalPage(pte);
            if (page == null) {
                return;
            }
            long size = PhysicalMemory.PAGE_SIZE;
            boolean dirty = (pte & PageTable.PTE_DIRTY) != 0 || page.test(PageFlag.DIRTY);
            boolean anon = page.mapping() instanceof AnonVma;
            if (anon) {
                s[11] += size;
                if (mm.pgd.huge(addr)) {
                    s[12] += size;
                }
            }
            s[0] += size;
            if ((pte & PageTable.PTE_ACCESSED) != 0 || page.test(PageFlag.REFERENCED)) {
                s[10] += size;
            }
            boolean exclusive = page.refcount() == 1 || page.mapcount() < 2;
            long pss = exclusive ? size << PSS_SHIFT : (size << PSS_SHIFT) / page.mapcount();
            s[1] += pss;
            if (anon) {
                s[3] += pss;
            } else if (page.mapping() instanceof Inode i && !i.diskBacked()) {
                s[5] += pss;
            } else {
                s[4] += pss;
            }
            if (dirty) {
                s[2] += pss;
            }
            s[(exclusive ? 8 : 6) + (dirty ? 1 : 0)] += size;
        });
        long locked = (v.vmFlags & VmFlags.VM_LOCKED) != 0 ? s[1] : 0;
        return new MemSizeStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], locked, s[12]);
    }

    /**
     * @param o another VMA's statistics
     * @return the sums, as {@code show_smaps_rollup} gathers every VMA into one {@code mem_size_stats}
     */
    public MemSizeStats plus(MemSizeStats o) {
        return new MemSizeStats(resident + o.resident, pss + o.pss, pssDirty + o.pssDirty, pssAnon + o.pssAnon,
                pssFile + o.pssFile, pssShmem + o.pssShmem, sharedClean + o.sharedClean, sharedDirty + o.sharedDirty,
                privateClean + o.privateClean, privateDirty + o.privateDirty, referenced + o.referenced,
                anonymous + o.anonymous, pssLocked + o.pssLocked, anonHuge + o.anonHuge);
    }
}
