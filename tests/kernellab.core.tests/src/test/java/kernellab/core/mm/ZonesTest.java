package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_DMA;
import static kernellab.api.Gfp.GFP_DMA32;
import static kernellab.api.Gfp.GFP_HIGHUSER_MOVABLE;
import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.Gfp.__GFP_DMA;
import static kernellab.api.Gfp.__GFP_DMA32;
import static kernellab.api.Gfp.__GFP_HIGHMEM;
import static kernellab.api.Gfp.__GFP_MOVABLE;
import static kernellab.api.Gfp.__GFP_NOWARN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kernellab.core.printk.KernelLog;
import kernellab.core.proc.ProcBuddyinfo;

/**
 * The zones of x86_64 ({@code zone_sizes_init()}: ZONE_DMA below 16 MiB, ZONE_DMA32 below 4 GiB,
 * ZONE_NORMAL above, ZONE_MOVABLE and ZONE_DEVICE empty), the zone an allocation starts from
 * ({@code gfp_zone()}) and the zonelist it falls back along, and the per-zone numbers of
 * {@code init_per_zone_wmark_min()}.
 */
class ZonesTest {

    /** 4 GiB + 8 MiB, 4 CPUs: the smallest kind of machine with a populated ZONE_NORMAL. */
    private static final long BIG = (4L << 30) + (8L << 20);

    private static String layout(PhysicalMemory mem) {
        return mem.buddy().zones().stream()
                .map(z -> z.name() + " " + z.startPfn() + "+" + z.spannedPages() + (z.populated() ? "" : " empty"))
                .collect(Collectors.joining(", "));
    }

    /** {@code zone_sizes_init()} and {@code free_area_init()}: each zone starts where the one below ends; memblock starts at frame 1. */
    @Test
    void zoneBoundariesAre16MiBAnd4GiB() {
        assertEquals("DMA 1+2047, DMA32 0+0 empty, Normal 0+0 empty, Movable 0+0 empty, Device 0+0 empty",
                layout(new PhysicalMemory(8L << 20, 1, new KernelLog())));
        assertEquals("DMA 1+4095, DMA32 4096+61440, Normal 0+0 empty, Movable 0+0 empty, Device 0+0 empty",
                layout(new PhysicalMemory(256L << 20, 1, new KernelLog())));
        PhysicalMemory big = new PhysicalMemory(BIG, 4, new KernelLog());
        assertEquals("DMA 1+4095, DMA32 4096+1044480, Normal 1048576+2048, Movable 0+0 empty, Device 0+0 empty", layout(big));
        assertEquals("DMA DMA32 Normal", big.freeAreas().stream().map(ZoneFreeAreas::zone).collect(Collectors.joining(" ")),
                "/proc/buddyinfo lists the populated zones (frag_show: walk_zones_in_node with assert_populated)");
        assertEquals("Node 0, zone   Normal      1      1      0      1      1      1      1      1      1      1      1 ",
                ProcBuddyinfo.line(big.freeAreas().get(2)), "the boot caches took their pages from ZONE_NORMAL");
        assertEquals("DMA DMA DMA32 DMA32 Normal", zoneNames(big, 0, 4095, 4096, 1048575, 1048576));
    }

    private static String zoneNames(PhysicalMemory mem, long... pfns) {
        List<String> names = new ArrayList<>();
        for (long pfn : pfns) {
            names.add(mem.buddy().pfnToPage(pfn).zoneName());
        }
        return String.join(" ", names);
    }

    /** {@code gfp_zone()} reads GFP_ZONE_TABLE of a 64-bit kernel; {@code GFP_ZONE_BAD} combinations read as ZONE_DMA. */
    @Test
    void gfpZoneNamesTheHighestUsableZone() {
        assertEquals(Zone.NORMAL, BuddyAllocator.gfpZone(GFP_KERNEL));
        assertEquals(Zone.NORMAL, BuddyAllocator.gfpZone(__GFP_HIGHMEM), "no ZONE_HIGHMEM on 64-bit");
        assertEquals(Zone.NORMAL, BuddyAllocator.gfpZone(__GFP_MOVABLE));
        assertEquals(Zone.MOVABLE, BuddyAllocator.gfpZone(GFP_HIGHUSER_MOVABLE));
        assertEquals(Zone.DMA32, BuddyAllocator.gfpZone(GFP_DMA32));
        assertEquals(Zone.DMA32, BuddyAllocator.gfpZone(__GFP_DMA32 | __GFP_MOVABLE));
        assertEquals(Zone.DMA, BuddyAllocator.gfpZone(GFP_DMA));
        assertEquals(Zone.DMA, BuddyAllocator.gfpZone(__GFP_DMA | __GFP_MOVABLE));
        assertEquals(Zone.DMA, BuddyAllocator.gfpZone(__GFP_DMA | __GFP_DMA32), "GFP_ZONE_BAD");
    }

    /**
     * {@code get_page_from_freelist()} walks the zonelist from {@code gfp_zone()} down: GFP_KERNEL
     * empties ZONE_NORMAL to its low watermark (5 pages, {@code __zone_watermark_ok()} with
     * ZONE_NORMAL's lowmem_reserve of 0), then goes on in ZONE_DMA32; GFP_DMA32 never touches
     * ZONE_NORMAL, GFP_DMA only ZONE_DMA.
     */
    @Test
    void allocationsFallBackDownTheZonelist() {
        PhysicalMemory big = new PhysicalMemory(BIG, 4, new KernelLog());
        Zone normal = big.buddy().zone(Zone.NORMAL);
        assertEquals("DMA32 DMA Normal Normal", String.join(" ", big.allocPages(GFP_DMA32, 0).zoneName(),
                big.allocPages(GFP_DMA, 0).zoneName(), big.allocPages(GFP_HIGHUSER_MOVABLE, 0).zoneName(),
                big.allocPages(GFP_KERNEL, 0).zoneName()));
        long fromNormal = 0;
        Page p;
        while ((p = big.allocPages(GFP_KERNEL | __GFP_NOWARN, 0)).zone() == normal) {
            fromNormal++;
        }
        assertEquals("DMA32", p.zoneName());
        assertEquals(5, normal.watermarkLow());
        assertEquals(5, normal.freePages(), "left at the low watermark after " + fromNormal + " more pages");
        assertEquals("DMA32", big.allocPages(GFP_HIGHUSER_MOVABLE, 0).zoneName());
    }

    /**
     * {@code calculate_min_free_kbytes()} (int_sqrt(16 * lowmem kB) = 8199 kB = 2049 pages),
     * {@code __setup_per_zone_wmarks()} (shares by managed size; steps of max(min / 4, 0.1 %);
     * ZONE_MOVABLE's min clamped to 32 … 128 with steps of its share, 0) and
     * {@code setup_per_zone_lowmem_reserve()} (ratios 256, 256, 32, 0).
     */
    @Test
    void watermarksAndLowmemReserveOfEachZone() {
        PhysicalMemory big = new PhysicalMemory(BIG, 4, new KernelLog());
        assertEquals(List.of(
                "DMA min 7 low 11 high 15 promo 19 protection 0 4080 4088 4088 4088",
                "DMA32 min 2037 low 3081 high 4125 promo 5169 protection 0 0 8 8 8",
                "Normal min 3 low 5 high 7 promo 9 protection 0 0 0 0 0",
                "Movable min 32 low 32 high 32 promo 32 protection 0 0 0 0 0",
                "Device min 0 low 0 high 0 promo 0 protection 0 0 0 0 0"), marks(big));
    }

    private static List<String> marks(PhysicalMemory mem) {
        List<String> out = new ArrayList<>();
        for (Zone z : mem.buddy().zones()) {
            StringBuilder sb = new StringBuilder(String.format("%s min %d low %d high %d promo %d protection", z.name(),
                    z.watermarkMin(), z.watermarkLow(), z.watermarkHigh(), z.watermarkPromo()));
            for (int i = 0; i < Zone.MAX_NR_ZONES; i++) {
                sb.append(' ').append(z.lowmemReserve(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /**
     * {@code zone_set_pageset_high_and_batch()}: {@code zone_batchsize()} (0.1 % of the zone, at most
     * 256 pages, a quarter, rounded to 2^n - 1), {@code zone_highsize()} (the low watermark or an
     * eighth of the zone over the CPUs, at least 4 batches); {@code calculate_normal_threshold()}.
     */
    @Test
    void pagesetLimitsAndStatThresholds() {
        PhysicalMemory def = new PhysicalMemory(PhysicalMemory.DEFAULT_MEMORY_BYTES, 4, new KernelLog());
        assertEquals("DMA batch 1 high_min 9 high_max 127 threshold 6; DMA32 batch 15 high_min 149 high_max 1920 threshold 12",
                pagesets(def));
        PhysicalMemory big = new PhysicalMemory(BIG, 4, new KernelLog());
        assertEquals("DMA batch 1 high_min 4 high_max 127 threshold 6; DMA32 batch 63 high_min 770 high_max 32640 threshold 36; "
                + "Normal batch 1 high_min 4 high_max 64 threshold 6", pagesets(big));
    }

    private static String pagesets(PhysicalMemory mem) {
        return mem.buddy().zones().stream().filter(Zone::populated)
                .map(z -> String.format("%s batch %d high_min %d high_max %d threshold %d", z.name(), z.pagesetBatch(),
                        z.pagesetHighMin(), z.pagesetHighMax(), z.statThreshold()))
                .collect(Collectors.joining("; "));
    }
}
