package kernellab.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class KmallocSizesTest {

    @Test
    void eachSizeLandsInTheSmallestFittingCacheOrInPages() {
        ModuleRun run = ModuleRun.of(new KmallocSizes());
        assertEquals(List.of("kmalloc:     1 bytes -> kmalloc-8       ksize     8, wasted     7",
                "kmalloc:     8 bytes -> kmalloc-8       ksize     8, wasted     0",
                "kmalloc:    13 bytes -> kmalloc-16      ksize    16, wasted     3",
                "kmalloc:    64 bytes -> kmalloc-64      ksize    64, wasted     0",
                "kmalloc:    65 bytes -> kmalloc-96      ksize    96, wasted    31",
                "kmalloc:    96 bytes -> kmalloc-96      ksize    96, wasted     0",
                "kmalloc:    97 bytes -> kmalloc-128     ksize   128, wasted    31",
                "kmalloc:   128 bytes -> kmalloc-128     ksize   128, wasted     0",
                "kmalloc:   129 bytes -> kmalloc-192     ksize   192, wasted    63",
                "kmalloc:   192 bytes -> kmalloc-192     ksize   192, wasted     0",
                "kmalloc:   193 bytes -> kmalloc-256     ksize   256, wasted    63",
                "kmalloc:   500 bytes -> kmalloc-512     ksize   512, wasted    12",
                "kmalloc:  1024 bytes -> kmalloc-1k      ksize  1024, wasted     0",
                "kmalloc:  1025 bytes -> kmalloc-2k      ksize  2048, wasted  1023",
                "kmalloc:  3000 bytes -> kmalloc-4k      ksize  4096, wasted  1096",
                "kmalloc:  4096 bytes -> kmalloc-4k      ksize  4096, wasted     0",
                "kmalloc:  8192 bytes -> kmalloc-8k      ksize  8192, wasted     0",
                "kmalloc:  8193 bytes -> pages, order 2  ksize 16384, wasted  8191",
                "kmalloc: 20000 bytes -> pages, order 3  ksize 32768, wasted 12768",
                "kmalloc: all freed"), run.dmesg());
        assertEquals(List.of(
                "kmalloc-8k             1      4   8192    4    8 : tunables    0    0    0 : slabdata      1      1      0",
                "kmalloc-4k             2      8   4096    8    8 : tunables    0    0    0 : slabdata      1      1      0",
                "kmalloc-192            2     21    192   21    1 : tunables    0    0    0 : slabdata      1      1      0",
                "kmalloc-96             2     42     96   42    1 : tunables    0    0    0 : slabdata      1      1      0",
                "kmalloc-32             0      0     32  128    1 : tunables    0    0    0 : slabdata      0      0      0",
                "kmalloc-8              2    512      8  512    1 : tunables    0    0    0 : slabdata      1      1      0"),
                List.of("kmalloc-8k", "kmalloc-4k", "kmalloc-192", "kmalloc-96", "kmalloc-32", "kmalloc-8").stream()
                        .map(c -> ModuleRun.slabLine(run.slabinfoLoaded(), c)).toList());
        assertEquals("kmalloc-8k             0      4   8192    4    8 : tunables    0    0    0 : slabdata      1      1      0",
                ModuleRun.slabLine(run.slabinfoAfter(), "kmalloc-8k"), "the empty slab stays in the cache");
        ModuleRun noop = ModuleRun.noop();
        long slabPages = 8 + 8 + 8 + 4 + 2 + 1 + 1 + 1 + 1 + 1 + 1 + 1;
        assertEquals(ModuleRun.freePages(noop.buddyLoaded(), "DMA32") - slabPages - 4 - 8,
                ModuleRun.freePages(run.buddyLoaded(), "DMA32"), "one slab per cache used, plus 16 and 32 KiB of pages");
        assertEquals(ModuleRun.freePages(noop.buddyAfter(), "DMA32") - slabPages,
                ModuleRun.freePages(run.buddyAfter(), "DMA32"), "rmmod gives the large blocks back, the slabs stay");
    }
}
