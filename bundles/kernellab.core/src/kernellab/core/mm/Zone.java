package kernellab.core.mm;

/**
 * {@code struct zone}: a range of page frames with its own buddy free lists
 * ({@code free_area[0..MAX_ORDER]}), watermarks, {@code lowmem_reserve[]} and per-CPU pageset
 * limits. A node has the zones of an x86_64 kernel ({@code enum zone_type} with
 * CONFIG_ZONE_DMA, CONFIG_ZONE_DMA32 and CONFIG_ZONE_DEVICE): ZONE_DMA (below 16 MiB), ZONE_DMA32
 * (below 4 GiB), ZONE_NORMAL (the rest), and ZONE_MOVABLE and ZONE_DEVICE, which stay empty
 * (no {@code kernelcore=}/{@code movablecore=}, no device memory). A zone without frames is still
 * a zone: /proc/zoneinfo lists it, /proc/buddyinfo does not.
 */
public final class Zone {

    /** Index of ZONE_DMA: frames below 16 MiB ({@code MAX_DMA_PFN}). */
    public static final int DMA = 0;
    /** Index of ZONE_DMA32: frames below 4 GiB ({@code MAX_DMA32_PFN}). */
    public static final int DMA32 = 1;
    /** Index of ZONE_NORMAL: frames from 4 GiB on; empty on a machine with less memory. */
    public static final int NORMAL = 2;
    /** Index of ZONE_MOVABLE, always empty here. */
    public static final int MOVABLE = 3;
    /** Index of ZONE_DEVICE, always empty here. */
    public static final int DEVICE = 4;
    /** {@code MAX_NR_ZONES}. */
    public static final int MAX_NR_ZONES = 5;
    /** {@code zone_names[]}. */
    private static final String[] NAMES = { "DMA", "DMA32", "Normal", "Movable", "Device" };

    private final int id;
    private final long startPfn;
    private final long endPfn;
    final FreeArea[] freeArea = new FreeArea[PhysicalMemory.NR_PAGE_ORDERS];
    long managedPages;
    long freePages;
    long watermarkMin;
    long watermarkLow;
    long watermarkHigh;
    long watermarkPromo;
    /** {@code lowmem_reserve[]}: pages kept free against allocations that could use a higher zone, by that zone's index. */
    final long[] lowmemReserve = new long[MAX_NR_ZONES];
    int pagesetBatch;
    int pagesetHighMin;
    int pagesetHighMax;
    int statThreshold;
    long pgalloc;
    long numaHit;

    /**
     * @param id the zone index
     * @param startPfn {@code zone_start_pfn}, 0 for an empty zone
     * @param endPfn one past the last frame, {@code startPfn} for an empty zone
     */
    Zone(int id, long startPfn, long endPfn) {
        this.id = id;
        this.startPfn = startPfn;
        this.endPfn = endPfn;
        for (int i = 0; i < freeArea.length; i++) {
            freeArea[i] = new FreeArea();
        }
    }

    /** @return the zone index, {@link #DMA} … {@link #DEVICE} */
    public int id() {
        return id;
    }

    /** @return the zone's name as /proc prints it: {@code DMA}, {@code DMA32}, {@code Normal}, {@code Movable}, {@code Device} */
    public String name() {
        return NAMES[id];
    }

    /** @return the first pfn of the zone ({@code zone_start_pfn}) */
    public long startPfn() {
        return startPfn;
    }

    /** @return one past the last pfn of the zone */
    public long endPfn() {
        return endPfn;
    }

    /** @return the frames the zone spans ({@code spanned_pages}) */
    public long spannedPages() {
        return endPfn - startPfn;
    }

    /** @return the frames of RAM in the span ({@code present_pages}); the simulated machine has no holes */
    public long presentPages() {
        return spannedPages();
    }

    /** @return the frames handed to the buddy allocator ({@code managed_pages}) */
    public long managedPages() {
        return managedPages;
    }

    /** @return the free frames, the sum of {@code nr_free << order} over all orders */
    public long freePages() {
        return freePages;
    }

    /**
     * @return {@code NR_FREE_PAGES_BLOCKS}: the free pages in blocks of at least
     *         {@link PhysicalMemory#PAGEBLOCK_ORDER}, whole free pageblocks ({@code __add_to_free_list()})
     */
    public long freePagesBlocks() {
        long sum = 0;
        for (int o = PhysicalMemory.PAGEBLOCK_ORDER; o <= PhysicalMemory.MAX_ORDER; o++) {
            sum += freeArea[o].nrFree() << o;
        }
        return sum;
    }

    /**
     * @param order 0 … {@link PhysicalMemory#MAX_ORDER}
     * @return the free list of that order
     */
    public FreeArea freeArea(int order) {
        return freeArea[order];
    }

    /** @return the min watermark: below it only {@code __GFP_HIGH}/atomic allocations dig deeper ({@code min_wmark_pages}) */
    public long watermarkMin() {
        return watermarkMin;
    }

    /** @return the low watermark that ordinary allocations try first ({@code low_wmark_pages}) */
    public long watermarkLow() {
        return watermarkLow;
    }

    /** @return the high watermark ({@code high_wmark_pages}) */
    public long watermarkHigh() {
        return watermarkHigh;
    }

    /** @return the promotion watermark of memory tiering ({@code promo_wmark_pages}) */
    public long watermarkPromo() {
        return watermarkPromo;
    }

    /**
     * @param highestZone the highest zone an allocation may use
     * @return the pages this zone keeps free against such allocations ({@code lowmem_reserve})
     */
    public long lowmemReserve(int highestZone) {
        return lowmemReserve[highestZone];
    }

    /** @return the per-CPU pagesets' {@code batch} ({@code zone_batchsize()}) */
    public int pagesetBatch() {
        return pagesetBatch;
    }

    /** @return the per-CPU pagesets' {@code high_min} ({@code zone_highsize()} from the low watermark) */
    public int pagesetHighMin() {
        return pagesetHighMin;
    }

    /** @return the per-CPU pagesets' {@code high_max} ({@code zone_highsize()} from an eighth of the zone) */
    public int pagesetHighMax() {
        return pagesetHighMax;
    }

    /** @return the per-CPU counters' {@code stat_threshold} ({@code calculate_normal_threshold()}) */
    public int statThreshold() {
        return statThreshold;
    }

    /** @return {@code PGALLOC} of this zone: the pages allocated from it since boot ({@code pgalloc_dma}, {@code pgalloc_dma32}…) */
    public long pgalloc() {
        return pgalloc;
    }

    /**
     * @return {@code NUMA_HIT} (and {@code NUMA_LOCAL}) of this zone: the allocations it served
     *         since boot, all of them on the preferred and local node of a one-node machine
     */
    public long numaHit() {
        return numaHit;
    }

    /** @return whether the zone has frames ({@code populated_zone()}) */
    public boolean populated() {
        return presentPages() > 0;
    }
}
