package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_DMA;
import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.Gfp.__GFP_NOWARN;
import static kernellab.api.Gfp.__GFP_ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.core.printk.KernelLog;

/** kmalloc's size classes, large allocations, and the SLUB-debug reports of kfree misuse. */
class KmallocTest {

    private final KernelLog log = new KernelLog();
    private final PhysicalMemory mem = new PhysicalMemory(64L << 20, 4, log);
    private final SlabAllocator slab = mem.slab();

    @ParameterizedTest(name = "kmalloc({0}) -> {1}, ksize {2}")
    @CsvSource({ "1, kmalloc-8, 8", "8, kmalloc-8, 8", "9, kmalloc-16, 16", "24, kmalloc-32, 32", "33, kmalloc-64, 64",
        "65, kmalloc-96, 96", "96, kmalloc-96, 96", "97, kmalloc-128, 128", "100, kmalloc-128, 128", "129, kmalloc-192, 192",
        "193, kmalloc-256, 256", "257, kmalloc-512, 512", "1000, kmalloc-1k, 1024", "2048, kmalloc-2k, 2048",
        "4097, kmalloc-8k, 8192", "8192, kmalloc-8k, 8192" })
    void sizesGoToTheSmallestFittingCache(long size, String cache, long ksize) {
        long p = slab.kmalloc(size, GFP_KERNEL);
        assertEquals(cache, mem.slabOf(p).cache().name());
        assertEquals(ksize, slab.ksize(p));
        assertEquals(1, slab.find(cache).inuseObjects());
        slab.kfree(p);
        assertEquals(0, slab.find(cache).inuseObjects());
    }

    @Test
    void largeRequestsGetCompoundPagesFromTheBuddyAllocator() {
        long free = mem.buddy().nrFreePages();
        long p = slab.kmalloc(8193, GFP_KERNEL);
        assertNull(mem.slabOf(p));
        assertEquals(16384, slab.ksize(p));
        Page head = mem.virtToPage(p);
        assertTrue(head.test(PageFlag.HEAD));
        assertEquals(free - 4, mem.buddy().nrFreePages());
        assertEquals(4, mem.memInfo().kmallocLarge());
        slab.kfree(p);
        assertEquals(free, mem.buddy().nrFreePages());
        assertEquals(0, slab.kmalloc(SlabAllocator.KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void zeroSizeAndNullAreHandledLikeLinux() {
        assertEquals(SlabAllocator.ZERO_SIZE_PTR, slab.kmalloc(0, GFP_KERNEL));
        slab.kfree(SlabAllocator.ZERO_SIZE_PTR);
        slab.kfree(0);
        assertEquals(0, slab.ksize(0));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void kzallocZeroesOnlyWhatWasAskedButKmallocKeepsOldBytes() {
        long p = slab.kmalloc(64, GFP_KERNEL);
        mem.write(p, new byte[] { 1, 2, 3, 4 }, 0, 4);
        slab.kfree(p);
        long q = slab.kmalloc(64, GFP_KERNEL);
        assertEquals(p, q);
        byte[] b = new byte[4];
        mem.read(q, b, 0, 4);
        assertEquals("[1, 2, 3, 4]", Arrays.toString(b));
        slab.kfree(q);
        long z = slab.kmalloc(64, GFP_KERNEL | __GFP_ZERO);
        mem.read(z, b, 0, 4);
        assertEquals("[0, 0, 0, 0]", Arrays.toString(b));
    }

    @Test
    void dmaRequestsUseTheDmaCachesInZoneDma() {
        long p = slab.kmalloc(100, GFP_KERNEL | GFP_DMA);
        assertEquals("dma-kmalloc-128", mem.slabOf(p).cache().name());
        assertEquals(Zone.DMA, mem.virtToPage(p).zone().id());
    }

    @Test
    void doubleKfreeIsReportedWithTheObjectAddressAndIgnored() {
        long keep = slab.kmalloc(64, GFP_KERNEL);
        long p = slab.kmalloc(64, GFP_KERNEL);
        mem.write(p, "Hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        mem.write(p + 63, new byte[] { -1 }, 0, 1);
        slab.kfree(p);
        slab.kfree(p);
        Slab s = mem.slabOf(p);
        assertEquals(List.of(
                "=============================================================================",
                "BUG kmalloc-64 (Not tainted): Object already free",
                "-----------------------------------------------------------------------------",
                "",
                String.format("Slab 0x%016x objects=64 used=1 fp=0x%016x flags=0x4000000000000200(slab|zone=1)",
                        s.firstPage().structPageAddress(), p),
                String.format("Object 0x%016x @offset=64 fp=0x%016x", p, p + 64),
                "",
                String.format("Object   %016x: 48 65 6c 6c 6f 00 00 00 00 00 00 00 00 00 00 00  Hello...........", p),
                String.format("Object   %016x: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................", p + 16),
                String.format("Object   %016x: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................", p + 32),
                String.format("Object   %016x: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 ff  ................", p + 48),
                String.format("FIX kmalloc-64: Object at 0x%016x not freed", p)), log.lines());
        assertEquals(1, slab.find("kmalloc-64").inuseObjects());
        assertEquals(p, slab.kmalloc(64, GFP_KERNEL), "the free list was not corrupted: p comes back once");
        assertTrue(slab.kmalloc(64, GFP_KERNEL) != p);
        slab.kfree(keep);
        log.clear();
        slab.kfree(keep);
        assertTrue(log.lines().get(1).startsWith("BUG kmalloc-64 (Tainted: G    B             ): Object already free"));
    }

    @Test
    void kfreeOfAPointerKmallocDidNotReturnIsReportedAndIgnored() {
        long p = slab.kmalloc(64, GFP_KERNEL);
        slab.kfree(p + 8);
        assertEquals(String.format("BUG kmalloc-64 (Not tainted): Invalid object pointer 0x%016x", p + 8), log.lines().get(1));
        assertEquals(String.format("FIX kmalloc-64: Object at 0x%016x not freed", p + 8), log.lines().get(5));
        log.clear();
        long page = mem.getFreePages(GFP_KERNEL, 0);
        slab.kfree(page);
        assertEquals(List.of("WARNING: CPU: 0 PID: 0 at mm/slub.c free_large_kmalloc",
                String.format("object pointer: 0x%016x", page)), log.lines());
        assertTrue(mem.virtToPage(page).isAllocated());
        assertEquals(1, slab.find("kmalloc-64").inuseObjects());
    }

    @Test
    void kmemCacheFreeIntoTheWrongCacheIsReportedAndIgnored() {
        KmemCache a = slab.createCache("cache_a", 64, 0, 0, null);
        long p = slab.kmalloc(64, GFP_KERNEL);
        slab.cacheFree(a, p);
        assertEquals(List.of("WARNING: CPU: 0 PID: 0 at mm/slab.h cache_from_obj",
                "kmem_cache_free: Wrong slab cache. cache_a but object is from kmalloc-64"), log.lines());
        assertEquals(1, slab.find("kmalloc-64").inuseObjects());
    }
}
