package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_DMA;
import static kernellab.api.Gfp.GFP_ATOMIC;
import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.Gfp.GFP_NOWAIT;
import static kernellab.api.Gfp.__GFP_MEMALLOC;
import static kernellab.api.Gfp.__GFP_NOWARN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Gfp;
import kernellab.core.printk.KernelLog;
import kernellab.core.proc.ProcBuddyinfo;

/** Splits, merges and misuse of the buddy allocator, observed through /proc/buddyinfo. */
class BuddyAllocatorTest {

    private final KernelLog log = new KernelLog();
    /** 32 MiB: ZONE_DMA frames 1 … 4095 (frame 0 is the reserved BIOS page), ZONE_DMA32 4096 frames, ZONE_NORMAL empty. */
    private final PhysicalMemory mem = new PhysicalMemory(32L << 20, 4, log);

    private String dma() {
        return ProcBuddyinfo.line(mem.freeAreas().get(0));
    }

    @Test
    void bootLeavesTheBiosPageReservedAndTheRestInMaximalBlocks() {
        assertEquals("""
                Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n\
                Node 0, zone    DMA32      1      1      0      1      1      1      1      1      1      1      3 \n""",
                ProcBuddyinfo.render(mem.freeAreas()));
        Page bios = mem.buddy().pfnToPage(0);
        assertTrue(bios.test(PageFlag.RESERVED));
        assertEquals(1, bios.refcount());
        assertEquals(8191, mem.memInfo().totalRam());
    }

    @Test
    void splitTakesTheLowerHalfAndMergeRestoresTheBlocks() {
        Page a = mem.allocPages(GFP_DMA, 0);
        assertEquals(1, a.pfn());
        assertEquals("Node 0, zone      DMA      0      1      1      1      1      1      1      1      1      1      3 ", dma());
        Page b = mem.allocPages(GFP_DMA, 0);
        assertEquals(2, b.pfn(), "the order-1 block 2-3 is split, 3 goes to the order-0 list");
        assertEquals("Node 0, zone      DMA      1      0      1      1      1      1      1      1      1      1      3 ", dma());
        Page c = mem.allocPages(GFP_DMA, 3);
        assertEquals(8, c.pfn());
        assertEquals("Node 0, zone      DMA      1      0      1      0      1      1      1      1      1      1      3 ", dma());
        Page d = mem.allocPages(GFP_DMA, 3);
        assertEquals(16, d.pfn(), "the order-4 block 16-31 is split into 16-23 (taken) and 24-31");
        assertEquals("Node 0, zone      DMA      1      0      1      1      0      1      1      1      1      1      3 ", dma());
        mem.freePages(b, 0);
        assertEquals("Node 0, zone      DMA      0      1      1      1      0      1      1      1      1      1      3 ", dma(),
                "2 merges with its buddy 3");
        mem.freePages(c, 3);
        mem.freePages(d, 3);
        assertEquals("Node 0, zone      DMA      0      1      1      1      1      1      1      1      1      1      3 ", dma(),
                "16-23 merges with 24-31; 8-15 cannot merge while 0-7 holds the reserved frame");
        mem.freePages(a, 0);
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 ", dma());
        assertEquals(List.of(), log.lines());
    }

    @Test
    void smallestSufficientBlockIsSplitFirstAndMergesClimbBackToMaxOrder() {
        Page[] quarters = new Page[4];
        for (int i = 0; i < 4; i++) {
            quarters[i] = mem.allocPages(GFP_DMA, 8);
        }
        assertArrayEquals(new long[] { 256, 512, 768, 1024 },
                new long[] { quarters[0].pfn(), quarters[1].pfn(), quarters[2].pfn(), quarters[3].pfn() },
                "the order-8 block first, then the order-9 block split in two, then an order-10 block");
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      2 ", dma());
        for (Page q : quarters) {
            mem.freePages(q, 8);
        }
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 ", dma());
    }

    @Test
    void kernelAllocationsFallBackFromDma32ToDmaAndFailWithNull() {
        int taken = 0;
        while (mem.allocPages(GFP_KERNEL | __GFP_NOWARN, 10) != null) {
            taken++;
        }
        assertEquals(3 + 3, taken, "three order-10 blocks in each zone");
        assertNull(mem.allocPages(GFP_KERNEL, 10));
        assertEquals(List.of("swapper/0: page allocation failure: order:10, mode:0xcc0(GFP_KERNEL), nodemask=(null)"), log.lines());
        assertEquals(0, mem.getFreePages(GFP_DMA | __GFP_NOWARN, 10));
    }

    /** {@code calculate_min_free_kbytes()}, {@code __setup_per_zone_wmarks()}, {@code setup_per_zone_lowmem_reserve()}. */
    @Test
    void watermarksFollowMinFreeKbytesAndLowmemReserve() {
        Zone dma = mem.buddy().zone(Zone.DMA);
        Zone dma32 = mem.buddy().zone(Zone.DMA32);
        // min_free_kbytes = int_sqrt(32764 * 16) = 724 kB = 181 pages, shared by managed size
        assertEquals("90 112 134", dma.watermarkMin() + " " + dma.watermarkLow() + " " + dma.watermarkHigh());
        assertEquals("90 112 134", dma32.watermarkMin() + " " + dma32.watermarkLow() + " " + dma32.watermarkHigh());
        assertEquals(16, dma.lowmemReserve(Zone.NORMAL), "4096 / 256");
        assertEquals(16, dma.lowmemReserve(Zone.DMA32));
        assertEquals(0, dma.lowmemReserve(Zone.DMA));
        assertEquals(0, dma32.lowmemReserve(Zone.NORMAL), "ZONE_NORMAL is empty");
        PhysicalMemory big = new PhysicalMemory(PhysicalMemory.DEFAULT_MEMORY_BYTES, 4, new KernelLog());
        Zone n = big.buddy().zone(Zone.DMA32);
        assertEquals("479 598 717 240", n.watermarkMin() + " " + n.watermarkLow() + " " + n.watermarkHigh() + " "
                + big.buddy().zone(Zone.DMA).lowmemReserve(Zone.NORMAL));
    }

    @Test
    void atomicAllocationsDigDeeperThanKernelOnesAndMemallocTakesTheRest() {
        assertEquals(8186, mem.buddy().nrFreePages(), "five pages hold the boot caches' descriptors");
        int kernel = 0;
        while (mem.allocPages(GFP_KERNEL | __GFP_NOWARN, 0) != null) {
            kernel++;
        }
        assertEquals((4091 - 112) + (4095 - 112 - 16) + (112 - 90) + (112 + 16 - 90 - 16), kernel,
                "DMA32 then DMA to the low watermark (DMA keeps its lowmem reserve), then both to the min watermark");
        int atomic = 0;
        while (mem.allocPages(GFP_ATOMIC | __GFP_NOWARN, 0) != null) {
            atomic++;
        }
        assertEquals(2 * (90 - 34), atomic, "GFP_ATOMIC may go down to min - min/2 - (min/2)/4 = 34 pages");
        int memalloc = 0;
        while (mem.allocPages(GFP_KERNEL | __GFP_MEMALLOC, 0) != null) {
            memalloc++;
        }
        assertEquals(34 + 50, memalloc, "__GFP_MEMALLOC ignores the watermarks");
        assertEquals(0, mem.buddy().nrFreePages());
    }

    @Test
    void theOomHandlerIsAskedBeforeASmallKernelAllocationFails() {
        List<Page> held = new ArrayList<>();
        Page p;
        while ((p = mem.allocPages(GFP_KERNEL | __GFP_NOWARN, 0)) != null) {
            held.add(p);
        }
        List<String> calls = new ArrayList<>();
        mem.buddy().setOutOfMemoryHandler((gfp, order) -> {
            calls.add(Gfp.describe(gfp) + " order " + order);
            mem.freePages(held.remove(held.size() - 1), 0);
            return true;
        });
        assertTrue(mem.allocPages(GFP_KERNEL, 0) != null, "the handler freed a page");
        assertNull(mem.allocPages(GFP_KERNEL | __GFP_NOWARN, 4), "order 4 is costly: no OOM kill");
        assertNull(mem.allocPages(GFP_KERNEL | __GFP_NOWARN | Gfp.__GFP_NORETRY, 0), "__GFP_NORETRY: no OOM kill");
        assertNull(mem.allocPages(GFP_NOWAIT | __GFP_NOWARN, 0), "cannot wait: no OOM kill");
        assertEquals(List.of("GFP_KERNEL order 0"), calls);
    }

    @Test
    void freedPagesKeepTheirBytesUnlessZeroingIsAskedFor() {
        long addr = mem.getFreePages(GFP_KERNEL, 0);
        Page p = mem.virtToPage(addr);
        assertEquals(PhysicalMemory.PAGE_OFFSET + (p.pfn() << 12), addr);
        byte[] junk = { 1, 2, 3, 4 };
        mem.write(addr + 100, junk, 0, 4);
        mem.freePages(addr, 0);
        assertEquals(addr, mem.getFreePages(GFP_KERNEL, 0), "the page just freed is at the head of the order-0 list");
        byte[] out = new byte[4];
        mem.read(addr + 100, out, 0, 4);
        assertArrayEquals(junk, out, "a freed page keeps its old contents");
        mem.freePages(addr, 0);
        assertEquals(addr, mem.getZeroedPage(GFP_KERNEL));
        mem.read(addr + 100, out, 0, 4);
        assertArrayEquals(new byte[4], out);
    }

    @Test
    void freeingTwiceIsReportedAndIgnored() {
        Page p = mem.allocPages(GFP_DMA, 0);
        mem.freePages(p, 0);
        String before = dma();
        mem.freePages(p, 0);
        assertEquals(before, dma());
        assertEquals(List.of(
                "BUG: Bad page state in process swapper/0  pfn:00001",
                "page:ffffea0000000040 refcount:0 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x1",
                "flags: 0x0(zone=0)",
                "page dumped because: page already freed (double free)"), log.lines());
        assertEquals("Tainted: G    B             ", mem.taint().toString());
    }

    @Test
    void freeingWithTheWrongOrderIsReportedAndIgnored() {
        Page p = mem.allocPages(GFP_DMA, 2);
        mem.freePages(p, 1);
        assertEquals(List.of(
                "BUG: Bad page state in process swapper/0  pfn:00004",
                "page:ffffea0000000100 refcount:1 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x4",
                "flags: 0x0(zone=0)",
                "page dumped because: freed with order 1 but allocated with order 2"), log.lines());
        assertTrue(p.isAllocated());
        mem.freePages(p, 2);
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 ", dma());
    }

    @Test
    void freeingPagesThatWereNeverAllocatedIsReportedAndIgnored() {
        String before = ProcBuddyinfo.render(mem.freeAreas());
        mem.freePages(mem.buddy().pfnToPage(100), 0);
        mem.freePages(mem.buddy().pfnToPage(0), 0);
        mem.freePages(PhysicalMemory.PAGE_OFFSET + (5000L << 12), 0);
        assertEquals(before, ProcBuddyinfo.render(mem.freeAreas()));
        assertEquals(List.of(
                "BUG: Bad page state in process swapper/0  pfn:00064",
                "page:ffffea0000001900 refcount:0 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x64",
                "flags: 0x0(zone=0)",
                "page dumped because: freeing a page that was never allocated",
                "BUG: Bad page state in process swapper/0  pfn:00000",
                "page:ffffea0000000000 refcount:1 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x0",
                "flags: 0x1000(reserved|zone=0)",
                "page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set",
                "BUG: Bad page state in process swapper/0  pfn:01388",
                "page:ffffea000004e200 refcount:0 mapcount:0 mapping:0000000000000000 index:0x0 pfn:0x1388",
                "flags: 0x4000000000000000(zone=1)",
                "page dumped because: freeing a page that was never allocated"), log.lines());
    }

    @Test
    void sharedPagesAreFreedByTheLastReference() {
        Page p = mem.allocPages(GFP_DMA, 0);
        p.get();
        mem.freePages(p, 0);
        assertTrue(p.isAllocated());
        assertEquals(1, p.refcount());
        mem.freePages(p, 0);
        assertEquals(0, p.refcount());
        assertEquals(List.of(), log.lines());
    }
}
