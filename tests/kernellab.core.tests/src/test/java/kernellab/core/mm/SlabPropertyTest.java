package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_KERNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import kernellab.api.SlabFlags;
import kernellab.core.printk.KernelLog;

/** Random object allocation and free sequences keep every cache's counts and lists consistent. */
class SlabPropertyTest {

    private record Obj(KmemCache cache, long address) {
    }

    @Property(tries = 60)
    void countsAndListsStayConsistent(@ForAll @IntRange(min = 1, max = 1024) int cpus,
            @ForAll @IntRange(min = 1, max = 6000) int sizeA, @ForAll @IntRange(min = 1, max = 300) int sizeB,
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 999) Integer> ops) {
        PhysicalMemory mem = new PhysicalMemory(64L << 20, cpus, new KernelLog());
        SlabAllocator slab = mem.slab();
        KmemCache a = slab.createCache("prop_a", sizeA, 0, 0, null);
        KmemCache b = slab.createCache("prop_b", sizeB, 0, SlabFlags.SLAB_HWCACHE_ALIGN, p -> { });
        long freeAtStart = mem.buddy().nrFreePages();
        List<Obj> live = new ArrayList<>();
        Set<Long> addresses = new HashSet<>();
        for (int op : ops) {
            if (op < 550 || live.isEmpty()) {
                KmemCache c = op % 3 == 0 ? b : a;
                long p = op % 7 == 0 ? slab.kmalloc(op % 300 + 1, GFP_KERNEL) : slab.cacheAlloc(c, GFP_KERNEL);
                KmemCache owner = mem.slabOf(p).cache();
                assertTrue(addresses.add(p), "an object is handed out twice");
                live.add(new Obj(owner, p));
            } else {
                Obj o = live.remove(op % live.size());
                addresses.remove(o.address());
                if (o.cache().name().startsWith("kmalloc")) {
                    slab.kfree(o.address());
                } else {
                    slab.cacheFree(o.cache(), o.address());
                }
            }
        }
        for (KmemCache c : slab.caches()) {
            boolean descriptors = c.name().startsWith("kmem_cache");
            check(c, descriptors ? slab.caches().size() : live.stream().filter(o -> o.cache() == c).count());
        }
        for (Obj o : live) {
            slab.cacheFree(o.cache(), o.address());
        }
        for (KmemCache c : List.of(a, b)) {
            check(c, 0);
            assertEquals(0, c.partial().count());
            assertTrue(c.empty().count() <= c.minPartial());
            slab.shrink(c);
            assertEquals(0, c.nrSlabs());
        }
        assertEquals(List.of(), mem.log().lines());
        assertTrue(mem.buddy().nrFreePages() <= freeAtStart);
        BuddyAllocatorPropertyTest.checkInvariants(mem);
    }

    private static void check(KmemCache c, long expectedInuse) {
        long inuse = 0;
        for (Slab s : c.full().slabs()) {
            assertEquals(c.objectsPerSlab(), s.inuse(), c.name() + ": a full slab is full");
            inuse += s.inuse();
        }
        for (Slab s : c.partial().slabs()) {
            assertTrue(s.inuse() > 0 && s.inuse() < c.objectsPerSlab(), c.name() + ": a partial slab is partial");
            inuse += s.inuse();
        }
        for (Slab s : c.empty().slabs()) {
            assertEquals(0, s.inuse(), c.name() + ": an empty slab is empty");
        }
        assertEquals(expectedInuse, inuse, c.name());
        assertEquals(expectedInuse, c.inuseObjects(), c.name());
        assertEquals(c.full().count() + c.partial().count() + c.empty().count(), c.nrSlabs(), c.name());
        SlabCacheStats st = c.stats();
        assertEquals(expectedInuse, st.activeObjs());
        assertEquals(c.nrSlabs() * c.objectsPerSlab(), st.numObjs());
        assertEquals(st.numSlabs(), st.activeSlabs());
        for (Slab s : c.full().slabs()) {
            for (int i = 0; i < c.objectsPerSlab(); i++) {
                assertTrue(s.objectAddress(i) + c.size() <= PhysicalMemory.pageAddress(s.firstPage()) + (4096L << c.order()),
                        "objects stay inside their slab");
            }
        }
    }
}
