package kernellab.core.mm;

/**
 * {@code struct zone}: a range of page frames with its own buddy free lists
 * ({@code free_area[0..MAX_ORDER]}). The machine has ZONE_DMA (the first 16 MiB) and
 * ZONE_NORMAL (the rest), like a machine whose memory needs no ZONE_DMA32.
 */
public final class Zone {

    /** Index of ZONE_DMA. */
    public static final int DMA = 0;
    /** Index of ZONE_NORMAL. */
    public static final int NORMAL = 1;

    private final int id;
    private final String name;
    private final long startPfn;
    private final long endPfn;
    final FreeArea[] freeArea = new FreeArea[PhysicalMemory.NR_PAGE_ORDERS];
    long managedPages;
    long freePages;
    long watermarkMin;
    long watermarkLow;
    long watermarkHigh;
    /** {@code lowmem_reserve[]}: pages kept free against allocations that could use a higher zone, by that zone's index. */
    final long[] lowmemReserve = new long[2];

    Zone(int id, String name, long startPfn, long endPfn) {
        this.id = id;
        this.name = name;
        this.startPfn = startPfn;
        this.endPfn = endPfn;
        for (int i = 0; i < freeArea.length; i++) {
            freeArea[i] = new FreeArea();
        }
    }

    /** @return the zone index, {@link #DMA} or {@link #NORMAL} */
    public int id() {
        return id;
    }

    /** @return {@code "DMA"} or {@code "Normal"} */
    public String name() {
        return name;
    }

    /** @return the first pfn of the zone ({@code zone_start_pfn}) */
    public long startPfn() {
        return startPfn;
    }

    /** @return one past the last pfn of the zone */
    public long endPfn() {
        return endPfn;
    }

    /** @return the frames the zone spans */
    public long spannedPages() {
        return endPfn - startPfn;
    }

    /** @return the frames handed to the buddy allocator (spanned minus reserved) */
    public long managedPages() {
        return managedPages;
    }

    /** @return the free frames, the sum of {@code nr_free << order} over all orders */
    public long freePages() {
        return freePages;
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

    /**
     * @param highestZone the highest zone an allocation may use
     * @return the pages this zone keeps free against such allocations ({@code lowmem_reserve})
     */
    public long lowmemReserve(int highestZone) {
        return lowmemReserve[highestZone];
    }

    /** @return whether the zone has frames ({@code populated_zone()}) */
    public boolean populated() {
        return managedPages > 0;
    }
}
