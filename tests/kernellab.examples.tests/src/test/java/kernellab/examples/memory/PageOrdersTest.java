package kernellab.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageOrdersTest {

    @Test
    void eachOrderIsAnAlignedBlockAndAllPagesComeBack() {
        ModuleRun run = ModuleRun.of(new PageOrders());
        assertEquals(List.of("pages: order  0 =    1 pages (  4 kB) at pfn 0x01016, ffff888001016000, zone DMA32",
                "pages: order  1 =    2 pages (  8 kB) at pfn 0x01038, ffff888001038000, zone DMA32",
                "pages: order  2 =    4 pages ( 16 kB) at pfn 0x0103c, ffff88800103c000, zone DMA32",
                "pages: order  3 =    8 pages ( 32 kB) at pfn 0x01040, ffff888001040000, zone DMA32",
                "pages: order  5 =   32 pages (128 kB) at pfn 0x01060, ffff888001060000, zone DMA32",
                "pages: order 10 = 1024 pages (4096 kB) at pfn 0x01400, ffff888001400000, zone DMA32",
                "pages: order  2 =    4 pages ( 16 kB) at pfn 0x00004, ffff888000004000, zone DMA",
                "pages: all blocks freed"), run.dmesg());
        for (String line : run.dmesg().subList(0, 7)) {
            int order = Integer.parseInt(line.substring(13, 15).trim());
            long pfn = Long.parseLong(line.substring(line.indexOf("pfn 0x") + 6, line.indexOf(", ffff")), 16);
            assertEquals(0, pfn % (1 << order), "a block of order " + order + " is aligned to its size: " + line);
        }
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n"
                + "Node 0, zone    DMA32      0      1      1      1      0      0      1      1      1      1     59 \n",
                run.buddyBefore());
        assertEquals("Node 0, zone      DMA      1      1      0      1      1      1      1      1      1      1      3 \n"
                + "Node 0, zone    DMA32      1      1      0      1      1      0      0      1      1      1     58 \n",
                run.buddyLoaded(), "DMA lost its order-2 block, DMA32 one of its order-10 blocks");
        ModuleRun noop = ModuleRun.noop();
        assertEquals(ModuleRun.freePages(noop.buddyLoaded(), "DMA32") - 1071, ModuleRun.freePages(run.buddyLoaded(), "DMA32"));
        assertEquals(ModuleRun.freePages(noop.buddyLoaded(), "DMA") - 4, ModuleRun.freePages(run.buddyLoaded(), "DMA"));
        assertEquals(ModuleRun.freePages(noop.buddyAfter(), "DMA32"), ModuleRun.freePages(run.buddyAfter(), "DMA32"));
        assertEquals(run.buddyBefore().lines().toList().get(0), run.buddyAfter().lines().toList().get(0),
                "the DMA block merged back with its buddies");
    }
}
