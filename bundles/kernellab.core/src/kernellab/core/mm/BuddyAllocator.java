package kernellab.core.mm;

import java.util.List;

import kernellab.api.Gfp;

/**
 * The zoned buddy allocator of mm/page_alloc.c: per zone, free blocks of {@code 2^order}
 * pages on {@code free_area[order]}; an allocation takes the first block of the smallest
 * sufficient order ({@code __rmqueue_smallest()}) and splits it, keeping the lower half and
 * putting each upper half on the next lower list ({@code expand()}); a free merges the block
 * with its buddy ({@code pfn ^ (1 << order)}) while the buddy is free with the same order
 * ({@code __free_one_page()}), and puts the result at the list's tail when its own buddy one
 * order higher is free too ({@code buddy_merge_likely()}), otherwise at the head.
 *
 * <p>The zones are x86_64's ({@link Zone}): an allocation's GFP zone bits name the highest zone
 * it may use ({@code gfp_zone()}: {@link Gfp#__GFP_DMA} ZONE_DMA, {@link Gfp#__GFP_DMA32}
 * ZONE_DMA32, {@link Gfp#__GFP_MOVABLE} with {@link Gfp#__GFP_HIGHMEM} ZONE_MOVABLE, everything
 * else ZONE_NORMAL), and it falls back down the zonelist to the lower zones (Normal, DMA32, DMA).
 * Each zone has the kernel's watermarks ({@code min_free_kbytes = int_sqrt(16 * lowmem_kbytes)}
 * shared by managed size, low = min + max(min / 4, 0.1 % of the zone), high and promo one step
 * more each) and {@code lowmem_reserve[]} (the managed pages of the zones above, divided by
 * {@code lowmem_reserve_ratio} 256, 256, 32) against allocations that could have used a higher
 * zone. An allocation first tries every zone at the low watermark
 * ({@code get_page_from_freelist()}), then at the min watermark, halved for
 * {@link Gfp#__GFP_HIGH} and lowered by a quarter more for
 * {@link Gfp#__GFP_ATOMIC} ({@code gfp_to_alloc_flags()}); {@link Gfp#__GFP_MEMALLOC} ignores
 * watermarks. Reclaim and compaction are not simulated: where Linux would go on to the OOM
 * killer, the {@link OutOfMemoryHandler} is asked. Per-CPU page lists and migratetype lists
 * are not simulated; the pagesets' limits are computed as the kernel sets them, for /proc/zoneinfo.
 *
 * <p>Misuse (a wrong order, a double free, freeing a page that was never allocated, a reserved
 * or a slab page) is reported with {@code bad_page()}'s report and the call is ignored, so
 * that nothing is corrupted.
 */
public final class BuddyAllocator {

    private final Page[] memMap;
    private final Zone[] zones;
    private final MmReports reports;
    private final MmTracepoints trace;
    private OutOfMemoryHandler oomHandler;

    /** {@code ALLOC_WMARK_MIN}: check against the min watermark. */
    private static final int ALLOC_WMARK_MIN = 0;
    /** {@code ALLOC_WMARK_LOW}: check against the low watermark. */
    private static final int ALLOC_WMARK_LOW = 1;
    /** {@code ALLOC_NO_WATERMARKS}: no check at all. */
    private static final int ALLOC_NO_WATERMARKS = 4;
    /** {@code ALLOC_HARDER}: atomic allocations may go a quarter below the min watermark. */
    private static final int ALLOC_HARDER = 0x10;
    /** {@code ALLOC_HIGH} ({@code __GFP_HIGH}): half the min watermark. */
    private static final int ALLOC_HIGH = 0x20;
    /** {@code PAGE_ALLOC_COSTLY_ORDER}: larger allocations never invoke the OOM killer. */
    private static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    /** {@code sysctl_lowmem_reserve_ratio[]}: ZONE_DMA and ZONE_DMA32 256, ZONE_NORMAL 32, ZONE_MOVABLE 0. */
    private static final int[] LOWMEM_RESERVE_RATIO = { 256, 256, 32, 0, 0 };
    /** {@code watermark_scale_factor}, in 1/10000 of a zone. */
    private static final int WATERMARK_SCALE_FACTOR = 10;
    /** {@code MIN_PERCPU_PAGELIST_HIGH_FRACTION}: a pageset may grow to an eighth of the zone, split over the CPUs. */
    private static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;
    /** {@code SWAP_CLUSTER_MAX}: the smallest min watermark of ZONE_MOVABLE. */
    private static final long SWAP_CLUSTER_MAX = 32;
    /** The first frame in memblock: x86's {@code trim_bios_range()} reserves the BIOS page, frame 0. */
    private static final long FIRST_PFN = 1;

    /**
     * Builds the zones ({@code zone_sizes_init()} and {@code free_area_init()}: each zone spans from
     * where the one below ends to its {@code MAX_*_PFN} or the end of memory; a zone that gets no
     * frames is empty), frees every frame but the BIOS page into them ({@code memblock_free_all()})
     * and sets the watermarks and pageset limits.
     *
     * @param nrPages frames of the machine ({@code max_pfn})
     * @param nrCpus online CPUs, which share the pagesets' limits
     */
    BuddyAllocator(int nrPages, int nrCpus, MmReports reports, MmTracepoints trace) {
        this.reports = reports;
        this.trace = trace;
        this.memMap = new Page[nrPages];
        long[] maxZonePfn = { Math.min(PhysicalMemory.MAX_DMA_PFN, nrPages), Math.min(PhysicalMemory.MAX_DMA32_PFN, nrPages),
                nrPages };
        zones = new Zone[Zone.MAX_NR_ZONES];
        long start = FIRST_PFN;
        for (int i = 0; i < Zone.MAX_NR_ZONES; i++) {
            long end = i < maxZonePfn.length ? Math.max(maxZonePfn[i], start) : start;
            zones[i] = end > start ? new Zone(i, start, end) : new Zone(i, 0, 0);
            start = end;
        }
        int z = Zone.DMA;
        for (int pfn = 0; pfn < nrPages; pfn++) {
            while (pfn >= zones[z].endPfn() && pfn >= FIRST_PFN) {
                z++;
            }
            memMap[pfn] = new Page(pfn, zones[z]);
        }
        Page biosPage = memMap[0];
        biosPage.set(PageFlag.RESERVED);
        biosPage.refcount = 1;
        for (Zone zone : zones) {
            freeMemoryRange(zone, zone.startPfn(), zone.endPfn());
        }
        initPerZoneWmarkMin(nrCpus);
    }

    /**
     * {@code init_per_zone_wmark_min()}: {@code calculate_min_free_kbytes()} over the zones up to
     * ZONE_NORMAL ({@code nr_free_buffer_pages()}), {@code __setup_per_zone_wmarks()} (each zone's
     * share of {@code min_free_kbytes} by managed size; ZONE_MOVABLE's min is capped at
     * {@code managed / 1024} within 32 … 128, but its steps stay those of its share) with the
     * pagesets' {@code zone_pcp_update()}, {@code refresh_zone_stat_thresholds()} and
     * {@code setup_per_zone_lowmem_reserve()}.
     */
    private void initPerZoneWmarkMin(int nrCpus) {
        long lowmemPages = 0;
        for (int i = Zone.DMA; i <= Zone.NORMAL; i++) {
            lowmemPages += zones[i].managedPages;
        }
        long minFreeKbytes = Math.clamp(intSqrt((lowmemPages << (PhysicalMemory.PAGE_SHIFT - 10)) * 16), 128, 262144);
        long pagesMin = minFreeKbytes >>> (PhysicalMemory.PAGE_SHIFT - 10);
        for (Zone zone : zones) {
            long share = pagesMin * zone.managedPages / lowmemPages;
            long step = Math.max(share >> 2, zone.managedPages * WATERMARK_SCALE_FACTOR / 10000);
            zone.watermarkMin = zone.id() == Zone.MOVABLE ? Math.clamp(zone.managedPages / 1024, SWAP_CLUSTER_MAX, 128) : share;
            zone.watermarkLow = zone.watermarkMin + step;
            zone.watermarkHigh = zone.watermarkLow + step;
            zone.watermarkPromo = zone.watermarkHigh + step;
            if (zone.populated()) {
                zoneSetPagesetHighAndBatch(zone, nrCpus);
                zone.statThreshold = calculateNormalThreshold(zone, nrCpus);
            }
        }
        for (int i = 0; i < Zone.MAX_NR_ZONES - 1; i++) {
            Zone zone = zones[i];
            int ratio = LOWMEM_RESERVE_RATIO[i];
            long managed = 0;
            for (int j = i + 1; j < Zone.MAX_NR_ZONES; j++) {
                managed += zones[j].managedPages;
                zone.lowmemReserve[j] = ratio == 0 || zone.managedPages == 0 ? 0 : managed / ratio;
            }
        }
    }

    /** {@code int_sqrt()}: the integer square root, rounded down. */
    private static long intSqrt(long x) {
        long r = (long) Math.sqrt((double) x);
        while (r * r > x) {
            r--;
        }
        while ((r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    /**
     * {@code zone_set_pageset_high_and_batch()}: {@code zone_batchsize()} is about 0.1 % of the
     * zone, at most 1 MiB, a quarter of it rounded to {@code 2^n - 1}; {@code zone_highsize()} splits
     * the low watermark ({@code high_min}) or an eighth of the zone ({@code high_max}) over the
     * node's CPUs, at least four batches.
     */
    private static void zoneSetPagesetHighAndBatch(Zone zone, int nrCpus) {
        long batch = Math.min(zone.managedPages >> 10, (1L << 20) / PhysicalMemory.PAGE_SIZE) / 4;
        batch = Math.max(batch, 1);
        batch = Long.highestOneBit(batch + batch / 2) - 1;
        zone.pagesetBatch = (int) Math.max(1, batch);
        zone.pagesetHighMin = (int) Math.max(zone.watermarkLow / nrCpus, zone.pagesetBatch << 2);
        zone.pagesetHighMax = (int) Math.max(zone.managedPages / MIN_PERCPU_PAGELIST_HIGH_FRACTION / nrCpus,
                zone.pagesetBatch << 2);
    }

    /**
     * {@code calculate_normal_threshold()} in mm/vmstat.c: {@code 2 * fls(cpus) * (1 + fls(zone size
     * in 128 MiB units))}, at most 125.
     */
    private static int calculateNormalThreshold(Zone zone, int nrCpus) {
        long mem = zone.managedPages >> (27 - PhysicalMemory.PAGE_SHIFT);
        return Math.min(125, 2 * fls(nrCpus) * (1 + fls(mem)));
    }

    /** {@code fls()}: the position of the highest set bit, 1-based, 0 for 0. */
    private static int fls(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    /**
     * Sets what happens when a small allocation that may wait finds no memory (issue: the OOM
     * killer); {@code null} makes it fail.
     *
     * @param handler the handler
     */
    public void setOutOfMemoryHandler(OutOfMemoryHandler handler) {
        this.oomHandler = handler;
    }

    /** {@code memblock_free_all()}: hands a pfn range to the allocator in maximal aligned blocks, to the lists' tails. */
    private void freeMemoryRange(Zone zone, long start, long end) {
        while (start < end) {
            int order = Math.min(PhysicalMemory.MAX_ORDER, Long.numberOfTrailingZeros(start));
            while (start + (1L << order) > end) {
                order--;
            }
            zone.managedPages += 1L << order;
            zone.freePages += 1L << order;
            freeOneBlock(memMap[(int) start], order, true);
            start += 1L << order;
        }
    }

    /**
     * @return all {@link Zone#MAX_NR_ZONES} zones, ZONE_DMA first, populated or not: ZONE_DMA32
     *         is empty on machines of 16 MiB or less, ZONE_NORMAL on machines of 4 GiB or less,
     *         ZONE_MOVABLE and ZONE_DEVICE always
     */
    public List<Zone> zones() {
        return List.of(zones);
    }

    /**
     * @param id {@link Zone#DMA} … {@link Zone#DEVICE}
     * @return the zone
     */
    public Zone zone(int id) {
        return zones[id];
    }

    /** @return the number of page frames ({@code max_pfn}) */
    public int nrPages() {
        return memMap.length;
    }

    /**
     * {@code pfn_to_page()}.
     *
     * @param pfn a page frame number
     * @return its descriptor, or {@code null} if there is no such frame
     */
    public Page pfnToPage(long pfn) {
        return pfn >= 0 && pfn < memMap.length ? memMap[(int) pfn] : null;
    }

    /** @return free frames over all zones ({@code nr_free_pages()}) */
    public long nrFreePages() {
        long sum = 0;
        for (Zone z : zones) {
            sum += z.freePages;
        }
        return sum;
    }

    /** @return frames managed by the allocator over all zones ({@code totalram_pages()}) */
    public long totalRamPages() {
        long sum = 0;
        for (Zone z : zones) {
            sum += z.managedPages;
        }
        return sum;
    }

    /**
     * {@code alloc_pages(gfp, order)}: a block of {@code 2^order} contiguous frames, its first
     * page with a reference count of 1; zeroed with {@link Gfp#__GFP_ZERO}, a compound page
     * with {@link Gfp#__GFP_COMP}. Emits {@code mm_page_alloc}; counts the pages in the zone's
     * {@code PGALLOC} and the allocation in its {@code NUMA_HIT} and {@code NUMA_LOCAL}
     * ({@code rmqueue_buddy()} and {@code zone_statistics()}).
     *
     * @param gfp allocation flags
     * @param order 0 … {@link PhysicalMemory#MAX_ORDER}
     * @return the first page, or {@code null} when no zone has a large enough free block
     *         (reported by {@code warn_alloc()} unless {@link Gfp#__GFP_NOWARN})
     */
    public Page allocPages(int gfp, int order) {
        if (order < 0 || order > PhysicalMemory.MAX_ORDER) {
            if ((gfp & Gfp.__GFP_NOWARN) == 0) {
                reports.warn("mm/page_alloc.c:__alloc_pages", "order " + order + " > MAX_ORDER " + PhysicalMemory.MAX_ORDER);
            }
            return null;
        }
        int highestZone = gfpZone(gfp);
        Page page = getPageFromFreelist(order, highestZone, ALLOC_WMARK_LOW);
        if (page == null) {
            int allocFlags = gfpToAllocFlags(gfp);
            page = getPageFromFreelist(order, highestZone, allocFlags);
            while (page == null && mayOom(gfp, order)) {
                long free = nrFreePages();
                if (!oomHandler.outOfMemory(gfp, order) || nrFreePages() <= free) {
                    break;
                }
                page = getPageFromFreelist(order, highestZone, allocFlags);
            }
        }
        trace.pageAlloc(page, order, gfp);
        if (page == null) {
            if ((gfp & Gfp.__GFP_NOWARN) == 0) {
                reports.allocFailure(order, gfp);
            }
            return null;
        }
        page.zone.pgalloc += 1L << order;
        page.zone.numaHit++;
        prepNewPage(page, order, gfp);
        return page;
    }

    /**
     * {@code gfp_zone()}: the highest zone the zone modifiers allow, from {@code GFP_ZONE_TABLE} of
     * a 64-bit kernel ({@code __GFP_HIGHMEM} alone means ZONE_NORMAL). A combination the table
     * calls {@code GFP_ZONE_BAD} (two zone modifiers) reads as ZONE_DMA, as it does without
     * CONFIG_DEBUG_VM's {@code VM_BUG_ON}.
     *
     * @param gfp allocation flags
     * @return the zone index where the zonelist walk starts
     */
    static int gfpZone(int gfp) {
        return switch (gfp & (Gfp.__GFP_DMA | Gfp.__GFP_HIGHMEM | Gfp.__GFP_DMA32 | Gfp.__GFP_MOVABLE)) {
            case 0, Gfp.__GFP_HIGHMEM, Gfp.__GFP_MOVABLE -> Zone.NORMAL;
            case Gfp.__GFP_DMA32, Gfp.__GFP_MOVABLE | Gfp.__GFP_DMA32 -> Zone.DMA32;
            case Gfp.__GFP_MOVABLE | Gfp.__GFP_HIGHMEM -> Zone.MOVABLE;
            default -> Zone.DMA;
        };
    }

    /** {@code gfp_to_alloc_flags()} plus {@code __gfp_pfmemalloc_flags()} for the slow path. */
    private static int gfpToAllocFlags(int gfp) {
        if ((gfp & Gfp.__GFP_MEMALLOC) != 0 && (gfp & Gfp.__GFP_NOMEMALLOC) == 0) {
            return ALLOC_NO_WATERMARKS;
        }
        int flags = ALLOC_WMARK_MIN;
        if ((gfp & Gfp.__GFP_HIGH) != 0) {
            flags |= ALLOC_HIGH;
        }
        if ((gfp & Gfp.__GFP_ATOMIC) != 0 && (gfp & Gfp.__GFP_NOMEMALLOC) == 0) {
            flags |= ALLOC_HARDER;
        }
        return flags;
    }

    /** Whether Linux would invoke the OOM killer for this failure ({@code __alloc_pages_may_oom()}). */
    private boolean mayOom(int gfp, int order) {
        return oomHandler != null && (gfp & Gfp.__GFP_DIRECT_RECLAIM) != 0 && (gfp & Gfp.__GFP_NORETRY) == 0
                && order <= PAGE_ALLOC_COSTLY_ORDER;
    }

    /** {@code get_page_from_freelist()}: the first zone of the zonelist that passes the watermark check. */
    private Page getPageFromFreelist(int order, int highestZone, int allocFlags) {
        for (int z = highestZone; z >= Zone.DMA; z--) {
            Zone zone = zones[z];
            if (!zone.populated()) {
                continue;
            }
            if ((allocFlags & ALLOC_NO_WATERMARKS) == 0) {
                long mark = (allocFlags & ALLOC_WMARK_LOW) != 0 ? zone.watermarkLow : zone.watermarkMin;
                if (!zoneWatermarkOk(zone, order, mark, highestZone, allocFlags)) {
                    continue;
                }
            }
            Page page = rmqueueSmallest(zone, order);
            if (page != null) {
                return page;
            }
        }
        return null;
    }

    /** {@code __zone_watermark_ok()}. */
    private static boolean zoneWatermarkOk(Zone zone, int order, long mark, int highestZone, int allocFlags) {
        long free = zone.freePages - ((1L << order) - 1);
        long min = mark;
        if ((allocFlags & ALLOC_HIGH) != 0) {
            min -= min / 2;
        }
        if ((allocFlags & ALLOC_HARDER) != 0) {
            min -= min / 4;
        }
        if (free <= min + zone.lowmemReserve[highestZone]) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o <= PhysicalMemory.MAX_ORDER; o++) {
            if (zone.freeArea[o].nrFree() > 0) {
                return true;
            }
        }
        return false;
    }

    private Page rmqueueSmallest(Zone zone, int order) {
        for (int current = order; current <= PhysicalMemory.MAX_ORDER; current++) {
            FreeArea area = zone.freeArea[current];
            Page page = area.first();
            if (page == null) {
                continue;
            }
            area.remove(page);
            page.clear(PageFlag.BUDDY);
            expand(zone, page, order, current);
            zone.freePages -= 1L << order;
            return page;
        }
        return null;
    }

    /** {@code expand()}: splits a block of order {@code high} down to {@code low}, freeing the upper halves. */
    private void expand(Zone zone, Page page, int low, int high) {
        while (high > low) {
            high--;
            Page upper = memMap[(int) (page.pfn + (1L << high))];
            upper.set(PageFlag.BUDDY);
            upper.order = high;
            zone.freeArea[high].addHead(upper);
        }
    }

    private void prepNewPage(Page head, int order, int gfp) {
        int n = 1 << order;
        for (int i = 0; i < n; i++) {
            Page p = memMap[(int) (head.pfn + i)];
            p.allocHead = head;
            p.everAllocated = true;
            if ((gfp & Gfp.__GFP_ZERO) != 0) {
                p.zero();
            }
        }
        head.order = order;
        head.refcount = 1;
        if ((gfp & Gfp.__GFP_COMP) != 0 && order > 0) {
            head.set(PageFlag.HEAD);
        }
    }

    /**
     * {@code __free_pages(page, order)}: drops a reference; the last one gives the block back
     * and merges it with its free buddies. Emits {@code mm_page_free}. A page that may not be
     * freed this way is reported ({@code BUG: Bad page state}) and left alone.
     *
     * @param page the first page of the block, as {@link #allocPages} returned it
     * @param order the order it was allocated with
     */
    public void freePages(Page page, int order) {
        if (page == null) {
            return;
        }
        String bad = checkFree(page, order);
        if (bad != null) {
            reports.badPage(page, bad);
            return;
        }
        if (page.refcount > 1) {
            page.refcount--;
            return;
        }
        freePagesOk(page, order);
    }

    private String checkFree(Page page, int order) {
        if (page.test(PageFlag.RESERVED) || page.test(PageFlag.SLAB)) {
            return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
        }
        if (page.allocHead == null) {
            return page.everAllocated ? "page already freed (double free)" : "freeing a page that was never allocated";
        }
        if (page.allocHead != page) {
            return String.format("not the first page of its block (pfn:%#x order:%d)", page.allocHead.pfn, page.allocHead.order);
        }
        if (order != page.order) {
            return String.format("freed with order %d but allocated with order %d", order, page.order);
        }
        if (page.mapcount > 0) {
            return "nonzero mapcount";
        }
        if (page.mapping != null) {
            return "non-NULL mapping";
        }
        return null;
    }

    /** Frees a block the caller owns without checks (slab pages, kmalloc's large blocks). */
    void freePagesOk(Page head, int order) {
        trace.pageFree(head, order);
        int n = 1 << order;
        for (int i = 0; i < n; i++) {
            Page p = memMap[(int) (head.pfn + i)];
            p.allocHead = null;
            p.flags = 0;
            p.slab = null;
            p.refcount = 0;
            p.mapcount = 0;
            p.mapping = null;
            p.index = 0;
            p.privateData = 0;
        }
        head.zone.freePages += n;
        freeOneBlock(head, order, false);
    }

    /** {@code __free_one_page()}: coalesces with free buddies and queues the result. */
    private void freeOneBlock(Page page, int order, boolean toTail) {
        Zone zone = page.zone;
        long pfn = page.pfn;
        long buddyPfn = 0;
        while (order < PhysicalMemory.MAX_ORDER) {
            buddyPfn = pfn ^ (1L << order);
            Page buddy = freeBuddy(zone, buddyPfn, order);
            if (buddy == null) {
                break;
            }
            zone.freeArea[order].remove(buddy);
            buddy.clear(PageFlag.BUDDY);
            buddy.order = 0;
            pfn &= buddyPfn;
            order++;
        }
        page = memMap[(int) pfn];
        page.set(PageFlag.BUDDY);
        page.order = order;
        if (toTail || buddyMergeLikely(zone, pfn, buddyPfn, order)) {
            zone.freeArea[order].addTail(page);
        } else {
            zone.freeArea[order].addHead(page);
        }
    }

    /** {@code page_is_buddy()}: the frame heads a free block of exactly this order in the same zone. */
    private Page freeBuddy(Zone zone, long pfn, int order) {
        if (pfn < 0 || pfn >= memMap.length) {
            return null;
        }
        Page buddy = memMap[(int) pfn];
        return buddy.zone == zone && buddy.test(PageFlag.BUDDY) && buddy.order == order ? buddy : null;
    }

    /** {@code buddy_merge_likely()}: whether the block's buddy one order up is free, so a merge is likely soon. */
    private boolean buddyMergeLikely(Zone zone, long pfn, long buddyPfn, int order) {
        if (order >= PhysicalMemory.MAX_ORDER - 1) {
            return false;
        }
        long higherPfn = buddyPfn & pfn;
        return freeBuddy(zone, higherPfn ^ (1L << (order + 1)), order + 1) != null;
    }
}
