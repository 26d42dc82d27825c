package kernellab.core.mm;

/**
 * The memory counters behind /proc/meminfo, in pages.
 *
 * @param totalRam frames managed by the page allocator ({@code MemTotal})
 * @param free free frames ({@code MemFree})
 * @param slabReclaimable pages of caches with {@code SLAB_RECLAIM_ACCOUNT} ({@code SReclaimable})
 * @param slabUnreclaimable pages of the other caches ({@code SUnreclaim})
 * @param kernelStack pages of kernel stacks ({@code KernelStack})
 * @param pageTables pages of page tables ({@code PageTables})
 * @param kmallocLarge pages handed out by kmalloc directly for sizes over 8 KiB
 * @param anonThps 2 MiB anonymous pages mapped by a PMD ({@code NR_ANON_THPS}; {@code AnonHugePages}
 *        is 512 pages each)
 */
public record MemInfo(long totalRam, long free, long slabReclaimable, long slabUnreclaimable, long kernelStack,
        long pageTables, long kmallocLarge, long anonThps) {

    /** @return {@code Slab}: reclaimable plus unreclaimable slab pages */
    public long slab() {
        return slabReclaimable + slabUnreclaimable;
    }
}
