package kernellab.core.mm;

/**
 * {@code struct mem_size_stats}: what /proc/PID/smaps reports for one VMA, gathered by walking
 * its page table the way {@code smaps_pte_entry} and {@code smaps_account} do. Sizes in bytes;
 * PSS keeps 12 extra fractional bits ({@code PSS_SHIFT}).
 *
 * @param resident Rss
 * @param pss Pss, in bytes shifted left by {@link #PSS_SHIFT}
 * @param sharedClean Shared_Clean
 * @param sharedDirty Shared_Dirty
 * @param privateClean Private_Clean
 * @param privateDirty Private_Dirty
 * @param referenced Referenced
 * @param anonymous Anonymous
 * @param pssLocked Pss of a VM_LOCKED VMA, shifted like {@code pss}
 */
public record MemSizeStats(long resident, long pss, long sharedClean, long sharedDirty, long privateClean, long privateDirty,
        long referenced, long anonymous, long pssLocked) {

    /** Fixed-point shift of PSS. */
    public static final int PSS_SHIFT = 12;

    /**
     * @param vm the address spaces (to tell normal pages from the zero page and [vvar])
     * @param mm the mm
     * @param v a VMA of it
     * @return the VMA's statistics
     */
    public static MemSizeStats of(VirtualMemory vm, MmStruct mm, VmArea v) {
        long[] s = new long[8];
        mm.pgd.forEach(v.vmStart, v.vmEnd, (addr, pte) -> {
            Page page = vm.normalPage(pte);
            if (page == null) {
                return;
            }
            long size = PhysicalMemory.PAGE_SIZE;
            boolean dirty = (pte & PageTable.PTE_DIRTY) != 0 || page.test(PageFlag.DIRTY);
            if (page.mapping() instanceof AnonVma) {
                s[7] += size;
            }
            s[0] += size;
            if ((pte & PageTable.PTE_ACCESSED) != 0 || page.test(PageFlag.REFERENCED)) {
                s[6] += size;
            }
            if (page.refcount() == 1 || page.mapcount() < 2) {
                s[dirty ? 5 : 4] += size;
                s[1] += size << PSS_SHIFT;
            } else {
                s[dirty ? 3 : 2] += size;
                s[1] += (size << PSS_SHIFT) / page.mapcount();
            }
        });
        long locked = (v.vmFlags & VmFlags.VM_LOCKED) != 0 ? s[1] : 0;
        return new MemSizeStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], locked);
    }
}
