package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.Gfp.__GFP_ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.KernelOops;
import kernellab.api.KmemCacheArgs;
import kernellab.api.SlabFlags;
import kernellab.core.printk.KernelLog;
import kernellab.core.proc.ProcSlabinfo;

/** A cache's full, partial and empty lists on scripted allocation sequences. */
class KmemCacheTest {

    private final KernelLog log = new KernelLog();
    private final PhysicalMemory mem = new PhysicalMemory(64L << 20, 1, log);
    private final SlabAllocator slab = mem.slab();

    /** "full/partial/empty" list lengths and the in-use count. */
    private static String lists(KmemCache c) {
        return c.full().count() + "/" + c.partial().count() + "/" + c.empty().count() + " inuse " + c.inuseObjects();
    }

    @Test
    void allocationsFillPartialSlabsFirstAndFreesMoveSlabsBetweenLists() {
        KmemCache c = slab.createCache("lab_obj", 1024, 0, 0, null);
        assertEquals(8, c.objectsPerSlab());
        assertEquals(1, c.order());
        assertEquals("0/0/0 inuse 0", lists(c));
        List<Long> objs = new ArrayList<>();
        objs.add(slab.cacheAlloc(c, GFP_KERNEL));
        assertEquals("0/1/0 inuse 1", lists(c), "a new slab from the buddy allocator, on the partial list");
        for (int i = 1; i < 8; i++) {
            objs.add(slab.cacheAlloc(c, GFP_KERNEL));
        }
        assertEquals("1/0/0 inuse 8", lists(c));
        objs.add(slab.cacheAlloc(c, GFP_KERNEL));
        assertEquals("1/1/0 inuse 9", lists(c));
        assertEquals(objs.get(0) + 8192, (long) objs.get(8), "the second slab follows the first in memory");
        slab.cacheFree(c, objs.get(3));
        assertEquals("0/2/0 inuse 8", lists(c), "the full slab becomes partial");
        Slab first = mem.slabOf(objs.get(0));
        assertEquals(first, c.partial().slabs().get(1), "it joins the partial list at the tail");
        long x = slab.cacheAlloc(c, GFP_KERNEL);
        assertEquals(objs.get(8) + 1024, x, "the head of the partial list is the second slab");
        slab.cacheFree(c, objs.get(8));
        slab.cacheFree(c, x);
        assertEquals("0/1/1 inuse 7", lists(c), "the second slab is empty and kept");
        assertEquals(objs.get(3), slab.cacheAlloc(c, GFP_KERNEL), "a partial slab before an empty one");
        assertEquals("1/0/1 inuse 8", lists(c));
        assertEquals(x, slab.cacheAlloc(c, GFP_KERNEL), "then the empty slab, last freed object first");
        assertEquals("1/1/0 inuse 9", lists(c));
        assertEquals("lab_obj                9     16   1024    8    2 : tunables    0    0    0 : slabdata      2      2      0",
                ProcSlabinfo.line(c.stats()));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void emptySlabsBeyondMinPartialGoBackToTheBuddyAllocatorAndShrinkFreesTheRest() {
        KmemCache c = slab.createCache("lab_obj", 1024, 0, 0, null);
        assertEquals(5, c.minPartial());
        long freeBefore = mem.buddy().nrFreePages();
        List<Long> objs = new ArrayList<>();
        for (int i = 0; i < 7 * 8; i++) {
            objs.add(slab.cacheAlloc(c, GFP_KERNEL));
        }
        assertEquals("7/0/0 inuse 56", lists(c));
        assertEquals(freeBefore - 14, mem.buddy().nrFreePages());
        for (long p : objs) {
            slab.cacheFree(c, p);
        }
        assertEquals("0/0/5 inuse 0", lists(c), "two slabs given back, five kept");
        assertEquals(freeBefore - 10, mem.buddy().nrFreePages());
        assertEquals(10, mem.memInfo().slabUnreclaimable() - mem.slabInfo().stream()
                .filter(s -> !s.name().equals("lab_obj")).mapToLong(s -> s.numSlabs() * s.pagesPerSlab()).sum());
        assertEquals(0, slab.shrink(c));
        assertEquals("0/0/0 inuse 0", lists(c));
        assertEquals(freeBefore, mem.buddy().nrFreePages());
    }

    @Test
    void slabsAreColouredByCacheLineAndTheCtorRunsWhenASlabIsCreated() {
        List<Long> constructed = new ArrayList<>();
        KmemCache c = slab.createCache("coloured", 1000, 0, 0, constructed::add);
        assertEquals(1008, c.size(), "the constructor moves the free pointer behind the object");
        assertEquals(8, c.objectsPerSlab());
        assertEquals(2, c.colourCount(), "8192 - 8 * 1008 = 128 bytes left: colours 0 and 64");
        KmemCache d = slab.createCache("coloured2", 1000, 0, 0, null);
        assertEquals(3, d.colourCount(), "8192 - 8 * 1000 = 192 bytes left: three colours");
        long[] firsts = new long[4];
        for (int s = 0; s < 4; s++) {
            firsts[s] = slab.cacheAlloc(d, GFP_KERNEL);
            for (int i = 1; i < 8; i++) {
                slab.cacheAlloc(d, GFP_KERNEL);
            }
        }
        for (int s = 0; s < 4; s++) {
            assertEquals(new long[] { 0, 64, 128, 0 }[s], Math.floorMod(firsts[s], 8192), "colour offset of slab " + s);
        }
        assertEquals(0, constructed.size());
        long o = slab.cacheAlloc(c, GFP_KERNEL);
        assertEquals(8, constructed.size(), "one slab, eight objects constructed");
        assertEquals(o, (long) constructed.get(0));
        slab.cacheFree(c, o);
        slab.cacheAlloc(c, GFP_KERNEL);
        assertEquals(8, constructed.size(), "reusing a slab does not construct again");
    }

    @Test
    void zallocZeroesAndHwcacheAlignAligns() {
        KmemCache c = slab.createCache("aligned", 40, 0, SlabFlags.SLAB_HWCACHE_ALIGN, null);
        assertEquals(64, c.size());
        long p = slab.cacheAlloc(c, GFP_KERNEL);
        assertEquals(0, Math.floorMod(p, 64));
        mem.write(p, new byte[] { 7, 7, 7 }, 0, 3);
        slab.cacheFree(c, p);
        long q = slab.cacheAlloc(c, GFP_KERNEL | __GFP_ZERO);
        assertEquals(p, q, "LIFO: the object freed last comes back first");
        byte[] b = new byte[3];
        mem.read(q, b, 0, 3);
        assertEquals("[0, 0, 0]", Arrays.toString(b));
    }

    @Test
    void destroyWithLiveObjectsFailsAndTheCacheStaysUsable() {
        KmemCache c = slab.createCache("leaky", 1024, 0, 0, null);
        long a = slab.cacheAlloc(c, GFP_KERNEL);
        long b = slab.cacheAlloc(c, GFP_KERNEL);
        slab.cacheFree(c, a);
        mem.setCallSite("leaky_exit [leaky]");
        assertEquals(-Errno.EBUSY, slab.destroyCache(c));
        String slabAddr = String.format("%016x", mem.virtToPage(b).structPageAddress());
        assertEquals(List.of(
                "=============================================================================",
                "BUG leaky (Not tainted): Objects remaining in leaky on __kmem_cache_shutdown()",
                "-----------------------------------------------------------------------------",
                "",
                String.format("Slab 0x%s objects=8 used=1 fp=0x%016x flags=0x4000000000010200(slab|head|zone=1)", slabAddr, a),
                String.format("Object 0x%016x @offset=1024", b),
                "WARNING: CPU: 0 PID: 0 at mm/slab_common.c kmem_cache_destroy",
                "kmem_cache_destroy leaky: Slab cache still has objects when called from leaky_exit [leaky]"), log.lines());
        assertTrue(slab.caches().contains(c));
        assertTrue(slab.cacheAlloc(c, GFP_KERNEL) != 0);
        slab.cacheFree(c, a);
        slab.cacheFree(c, b);
        assertEquals(0, slab.destroyCache(c));
        assertTrue(c.isDestroyed());
        assertNull(slab.find("leaky"));
    }

    @Test
    void invalidCreateFailsWithEinvalAndSlabPanicPanics() {
        Errno e = assertThrows(Errno.class,
                () -> slab.createCache("bad", 0, 0, 0, null));
        assertEquals(Errno.EINVAL, e.errno());
        assertThrows(KernelOops.class,
                () -> slab.createCache("bad", 16, 3, SlabFlags.SLAB_PANIC, null));
        assertEquals(List.of("WARNING: CPU: 0 PID: 0 at mm/slab_common.c kmem_cache_create_usercopy",
                "kmem_cache_create(bad) failed with error -22",
                "Kernel panic - not syncing: kmem_cache_create: Failed to create slab 'bad'. Error -22"), log.lines());
    }

    /**
     * __kmem_cache_create_args and calculate_sizes (Linux 6.18): an RCU cache that names a word
     * for the free pointer keeps its 96-byte slots (42 per page, slabinfo objsize 96); without it
     * the pointer goes after the object and the slot is 104 bytes (39 per page).
     */
    @Test
    void aFreePointerOffsetKeepsAnRcuCacheAtItsObjectSize() {
        KmemCache with = slab.createCache("rcu_named", 96, KmemCacheArgs.NONE.withFreeptrOffset(16), SlabFlags.SLAB_TYPESAFE_BY_RCU);
        KmemCache without = slab.createCache("rcu_plain", 96, KmemCacheArgs.NONE, SlabFlags.SLAB_TYPESAFE_BY_RCU);
        assertEquals("16 96 42", with.freePointerOffset() + " " + with.size() + " " + with.objectsPerSlab());
        assertEquals("96 104 39", without.freePointerOffset() + " " + without.size() + " " + without.objectsPerSlab());
        slab.cacheAlloc(with, GFP_KERNEL);
        assertEquals("rcu_named              1     42     96   42    1 : tunables    0    0    0 : slabdata      1      1      0",
                ProcSlabinfo.line(with.stats()));
    }

    /**
     * __kmem_cache_create_args: {@code args->use_freeptr_offset && (args->freeptr_offset >= object_size
     * || !(flags & SLAB_TYPESAFE_BY_RCU) || !IS_ALIGNED(args->freeptr_offset, __alignof__(freeptr_t)))}
     * is -EINVAL.
     */
    @Test
    void aFreePointerOffsetOutsideTheObjectUnalignedOrWithoutRcuIsEinval() {
        int rcu = SlabFlags.SLAB_TYPESAFE_BY_RCU;
        for (Object[] bad : new Object[][] {{96, 96, rcu}, {96, 12, rcu}, {96, 16, 0}}) {
            Errno e = assertThrows(Errno.class, () -> slab.createCache("bad", (int) bad[0],
                    KmemCacheArgs.NONE.withFreeptrOffset((int) bad[1]), (int) bad[2]));
            assertEquals(Errno.EINVAL, e.errno());
        }
        assertEquals(3, log.lines().stream().filter(l -> l.equals("kmem_cache_create(bad) failed with error -22")).count());
    }
}
