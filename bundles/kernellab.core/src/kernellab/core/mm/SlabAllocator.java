package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.api.KernelOops;
import kernellab.api.KmemCacheArgs;
import kernellab.api.SlabFlags;

/**
 * The slab layer's common part (mm/slab_common.c) and kmalloc: the list of caches, cache
 * creation and destruction, the kmalloc caches, {@code kmalloc}/{@code kfree}/{@code ksize},
 * and the checks that make misuse a report instead of corruption.
 *
 * <p>At boot it creates, in the kernel's order, the {@code kmem_cache} and
 * {@code kmem_cache_node} caches (every later cache takes one object of each), then
 * {@code kmalloc-8} … {@code kmalloc-8k} (with {@code kmalloc-96} and {@code kmalloc-192}),
 * then their {@code dma-kmalloc-*} twins. Caches are never merged (as with the
 * {@code slab_nomerge} boot option).
 */
public final class SlabAllocator {

    /** Largest size served by a kmalloc cache ({@code KMALLOC_MAX_CACHE_SIZE}); larger requests get pages. */
    public static final int KMALLOC_MAX_CACHE_SIZE = 8192;
    /** Largest kmalloc size ({@code KMALLOC_MAX_SIZE}): one block of {@code MAX_ORDER}. */
    public static final long KMALLOC_MAX_SIZE = (long) PhysicalMemory.PAGE_SIZE << PhysicalMemory.MAX_ORDER;
    /** What {@code kmalloc(0)} returns ({@code ZERO_SIZE_PTR}); {@code kfree} ignores it. */
    public static final long ZERO_SIZE_PTR = 16;
    /** {@code sizeof(struct kmem_cache)} as a 5.x x86_64 kernel's slabinfo shows it. */
    static final int KMEM_CACHE_SIZE = 448;
    /** {@code sizeof(struct kmem_cache_node)}. */
    static final int KMEM_CACHE_NODE_SIZE = 64;

    /** {@code size_index[]}: kmalloc index for sizes 1…192 in steps of 8 ({@code (size - 1) / 8}). */
    private static final byte[] SIZE_INDEX = { 3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2 };

    private final PhysicalMemory memory;
    /** {@code slab_caches}, oldest first (/proc/slabinfo prints it newest first). */
    private final List<KmemCache> caches = new ArrayList<>();
    private final KmemCache kmemCacheCache;
    private final KmemCache kmemCacheNodeCache;
    private final KmemCache[] kmallocCaches = new KmemCache[14];
    private final KmemCache[] dmaKmallocCaches = new KmemCache[14];

    SlabAllocator(PhysicalMemory memory) {
        this.memory = memory;
        kmemCacheCache = new KmemCache(this, "kmem_cache", KMEM_CACHE_SIZE, KmemCacheArgs.NONE, SlabFlags.SLAB_HWCACHE_ALIGN, false);
        kmemCacheNodeCache = new KmemCache(this, "kmem_cache_node", KMEM_CACHE_NODE_SIZE, KmemCacheArgs.NONE,
                SlabFlags.SLAB_HWCACHE_ALIGN, false);
        bootstrap(kmemCacheCache);
        bootstrap(kmemCacheNodeCache);
        for (int i = 3; i <= 13; i++) {
            kmallocCaches[i] = createKmallocCache(i, 0);
            if (i == 6) {
                kmallocCaches[1] = createKmallocCache(1, 0);
            } else if (i == 7) {
                kmallocCaches[2] = createKmallocCache(2, 0);
            }
        }
        for (int i = 1; i <= 13; i++) {
            dmaKmallocCaches[i] = createKmallocCache(i, SlabFlags.SLAB_CACHE_DMA);
        }
    }

    /** {@code bootstrap()}: the boot caches get their own descriptors from {@code kmem_cache}. */
    private void bootstrap(KmemCache cache) {
        cache.selfObject = kmemCacheCache.allocObject(Gfp.GFP_NOWAIT);
        cache.nodeObject = kmemCacheNodeCache.allocObject(Gfp.GFP_NOWAIT);
        caches.add(cache);
    }

    private KmemCache createKmallocCache(int index, int flags) {
        int size = kmallocSize(index);
        String name = (flags != 0 ? "dma-kmalloc-" : "kmalloc-") + (size >= 1024 ? size / 1024 + "k" : String.valueOf(size));
        KmemCache c = new KmemCache(this, name, size, KmemCacheArgs.NONE.withAlign(8), flags, true);
        register(c);
        return c;
    }

    private static int kmallocSize(int index) {
        return index == 1 ? 96 : index == 2 ? 192 : 1 << index;
    }

    /** {@code kmalloc_index()}: the kmalloc cache index for a size of 1 … 8192 bytes. */
    static int kmallocIndex(long size) {
        if (size <= 192) {
            return SIZE_INDEX[(int) (size - 1) >>> 3];
        }
        return 64 - Long.numberOfLeadingZeros(size - 1);
    }

    PhysicalMemory memory() {
        return memory;
    }

    BuddyAllocator buddy() {
        return memory.buddy();
    }

    int nrCpus() {
        return memory.nrCpus();
    }

    private void register(KmemCache c) {
        c.selfObject = kmemCacheCache.allocObject(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO);
        c.nodeObject = kmemCacheNodeCache.allocObject(Gfp.GFP_KERNEL);
        caches.add(c);
    }

    /** @return the live caches, newest first, as /proc/slabinfo lists them */
    public List<KmemCache> caches() {
        List<KmemCache> out = new ArrayList<>(caches.size());
        for (int i = caches.size() - 1; i >= 0; i--) {
            out.add(caches.get(i));
        }
        return out;
    }

    /**
     * @param name a cache name
     * @return the newest live cache of that name, or {@code null}
     */
    public KmemCache find(String name) {
        for (int i = caches.size() - 1; i >= 0; i--) {
            if (caches.get(i).name().equals(name)) {
                return caches.get(i);
            }
        }
        return null;
    }

    /**
     * @param size 1 … 8192
     * @return the kmalloc cache that serves the size
     */
    public KmemCache kmallocCache(long size) {
        return kmallocCaches[kmallocIndex(size)];
    }

    /**
     * {@code kmem_cache_create(name, size, align, flags, ctor)}: {@link #createCache(String, int,
     * KmemCacheArgs, int)} with only the alignment and the constructor.
     *
     * @param name cache name
     * @param size object size
     * @param align minimum alignment, 0 for none
     * @param flags {@link SlabFlags}
     * @param ctor constructor run on each object when its slab is created, or {@code null}
     * @return the cache
     * @throws Errno EINVAL for an invalid request without SLAB_PANIC, ENOMEM when memory runs out
     * @throws KernelOops for a failure with SLAB_PANIC
     */
    public KmemCache createCache(String name, int size, int align, int flags, LongConsumer ctor) {
        return createCache(name, size, KmemCacheArgs.NONE.withAlign(align).withCtor(ctor), flags);
    }

    /**
     * {@code __kmem_cache_create_args()}. Sizes are SLUB's ({@link SlubSizing}). An invalid
     * request (no name, size 0 or above {@link #KMALLOC_MAX_SIZE}, alignment not a power of two,
     * a free pointer offset outside the object, not a multiple of 8 or without
     * {@link SlabFlags#SLAB_TYPESAFE_BY_RCU}) fails with the kernel's warning, or panics with
     * {@link SlabFlags#SLAB_PANIC}.
     *
     * @param name cache name
     * @param size object size
     * @param args alignment, free pointer offset, constructor
     * @param flags {@link SlabFlags}
     * @return the cache
     * @throws Errno EINVAL for an invalid request without SLAB_PANIC, ENOMEM when memory runs out
     * @throws KernelOops for a failure with SLAB_PANIC
     */
    public KmemCache createCache(String name, int size, KmemCacheArgs args, int flags) {
        int err = 0;
        int align = args.align();
        if (name == null || name.isEmpty() || size < 1 || size > KMALLOC_MAX_SIZE || align < 0
                || align != 0 && Integer.bitCount(align) != 1) {
            err = -Errno.EINVAL;
        }
        if (args.useFreeptrOffset() && (args.freeptrOffset() < 0 || args.freeptrOffset() >= size
                || (flags & SlabFlags.SLAB_TYPESAFE_BY_RCU) == 0 || args.freeptrOffset() % SlubSizing.POINTER_SIZE != 0)) {
            err = -Errno.EINVAL;
        }
        KmemCache c = null;
        if (err == 0) {
            c = new KmemCache(this, name, size, args, flags, false);
            long self = kmemCacheCache.allocObject(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO);
            long node = self == 0 ? 0 : kmemCacheNodeCache.allocObject(Gfp.GFP_KERNEL);
            if (node == 0) {
                if (self != 0) {
                    freeChecked(self);
                }
                err = -Errno.ENOMEM;
            } else {
                c.selfObject = self;
                c.nodeObject = node;
                caches.add(c);
            }
        }
        if (err != 0) {
            String what = String.valueOf(name);
            if ((flags & SlabFlags.SLAB_PANIC) != 0) {
                memory.reports().oops(String.format("Kernel panic - not syncing: kmem_cache_create: Failed to create slab '%s'. Error %d",
                        what, err));
                throw new KernelOops("kmem_cache_create: Failed to create slab '" + what + "'. Error " + err);
            }
            memory.reports().warn("mm/slab_common.c:kmem_cache_create_usercopy",
                    String.format("kmem_cache_create(%s) failed with error %d", what, err));
            throw new Errno(-err);
        }
        return c;
    }

    /**
     * {@code kmem_cache_destroy()}: frees the cache's empty slabs and removes it. A cache that
     * still has objects is not removed: SLUB's report lists the remaining objects, a warning
     * follows, and the cache stays usable.
     *
     * @param cache the cache
     * @return 0, or {@code -EBUSY} if objects remain
     */
    public int destroyCache(KmemCache cache) {
        if (cache == null || cache.isDestroyed()) {
            return 0;
        }
        cache.shrink();
        if (cache.inuseObjects() > 0) {
            for (Slab s : cache.partial().slabs()) {
                reportRemaining(cache, s);
            }
            for (Slab s : cache.full().slabs()) {
                reportRemaining(cache, s);
            }
            memory.reports().warn("mm/slab_common.c:kmem_cache_destroy", String.format(
                    "kmem_cache_destroy %s: Slab cache still has objects when called from %s", cache.name(), memory.callSite()));
            return -Errno.EBUSY;
        }
        caches.remove(cache);
        cache.markDestroyed();
        freeChecked(cache.nodeObject);
        freeChecked(cache.selfObject);
        return 0;
    }

    private void reportRemaining(KmemCache cache, Slab s) {
        StringBuilder objs = new StringBuilder();
        for (int i = 0; i < cache.objectsPerSlab(); i++) {
            if (s.isAllocated(i)) {
                objs.append(String.format("Object 0x%016x @offset=%d\n", s.objectAddress(i),
                        s.objectAddress(i) - PhysicalMemory.pageAddress(s.firstPage.pfn)));
            }
        }
        memory.reports().slabBug(cache, s, "Objects remaining in " + cache.name() + " on __kmem_cache_shutdown()", objs.toString(),
                null);
    }

    /**
     * {@code kmem_cache_shrink()}.
     *
     * @param cache the cache
     * @return 0 if the cache now holds no empty slab (always, here)
     */
    public int shrink(KmemCache cache) {
        cache.shrink();
        return 0;
    }

    /**
     * {@code kmem_cache_alloc()}; {@link Gfp#__GFP_ZERO} zeroes the object
     * ({@code kmem_cache_zalloc}). Emits {@code kmem_cache_alloc}.
     *
     * @param cache the cache
     * @param gfp flags
     * @return the object's address, or 0 when memory runs out
     */
    public long cacheAlloc(KmemCache cache, int gfp) {
        long p = cache.allocObject(gfp);
        if (p != 0 && (gfp & Gfp.__GFP_ZERO) != 0) {
            memory.memset(p, 0, cache.objectSize());
        }
        memory.trace().kmemCacheAlloc(memory.callSite(), p, cache.objectSize(), cache.size, gfp);
        return p;
    }

    /**
     * {@code kmem_cache_free()}: checked like SLUB with consistency checks: a pointer that is
     * not an object of this cache, or an object already free, is reported and not freed.
     * Emits {@code kmem_cache_free}.
     *
     * @param cache the cache the caller believes the object belongs to
     * @param objp the object
     */
    public void cacheFree(KmemCache cache, long objp) {
        if (objp == 0) {
            return;
        }
        memory.trace().kmemCacheFree(memory.callSite(), objp, cache.name());
        Slab s = memory.slabOf(objp);
        if (s == null) {
            memory.reports().warn("mm/slab.h:cache_from_obj", String.format(
                    "kmem_cache_free: Wrong slab cache. %s but object is from (not a slab object) at 0x%016x", cache.name(), objp));
            return;
        }
        if (s.cache != cache) {
            memory.reports().warn("mm/slab.h:cache_from_obj",
                    String.format("kmem_cache_free: Wrong slab cache. %s but object is from %s", cache.name(), s.cache.name()));
            return;
        }
        freeChecked(s, objp);
    }

    private void freeChecked(long objp) {
        freeChecked(memory.slabOf(objp), objp);
    }

    /** {@code free_consistency_checks()} then the free. */
    private void freeChecked(Slab s, long objp) {
        int idx = s.indexOf(objp);
        KmemCache cache = s.cache;
        if (idx < 0) {
            memory.reports().slabBug(cache, s, String.format("Invalid object pointer 0x%016x", objp), "",
                    String.format("Object at 0x%016x not freed", objp));
            return;
        }
        if (!s.isAllocated(idx)) {
            byte[] contents = new byte[Math.min(cache.objectSize(), PhysicalMemory.PAGE_SIZE)];
            memory.read(objp, contents, 0, contents.length);
            memory.reports().slabBug(cache, s, "Object already free", String.format("Object 0x%016x @offset=%d fp=0x%016x\n\n",
                    objp, objp - PhysicalMemory.pageAddress(s.firstPage.pfn), s.freePointerOf(idx))
                    + MmReports.hexDump("Object   ", objp, contents),
                    String.format("Object at 0x%016x not freed", objp));
            return;
        }
        cache.freeObject(s, idx);
    }

    /**
     * {@code kmalloc()}: sizes up to 8 KiB from the smallest fitting kmalloc cache
     * ({@code dma-kmalloc-*} with {@link Gfp#__GFP_DMA}), larger ones as a compound page block
     * from the buddy allocator. Emits {@code kmalloc}.
     *
     * @param size bytes
     * @param gfp flags; {@link Gfp#__GFP_ZERO} zeroes the memory ({@code kzalloc})
     * @return the address; {@link #ZERO_SIZE_PTR} for size 0; 0 when memory runs out or the
     *         size exceeds {@link #KMALLOC_MAX_SIZE}
     */
    public long kmalloc(long size, int gfp) {
        if (size == 0) {
            memory.trace().kmalloc(memory.callSite(), ZERO_SIZE_PTR, 0, 0, gfp);
            return ZERO_SIZE_PTR;
        }
        long p;
        long allocated;
        if (size < 0 || size > KMALLOC_MAX_SIZE) {
            if ((gfp & Gfp.__GFP_NOWARN) == 0) {
                memory.reports().warn("mm/slab_common.c:__kmalloc_large_node", "kmalloc: size " + size + " exceeds KMALLOC_MAX_SIZE");
            }
            p = 0;
            allocated = 0;
        } else if (size > KMALLOC_MAX_CACHE_SIZE) {
            int order = SlubSizing.getOrder(size);
            Page page = buddy().allocPages(gfp | Gfp.__GFP_COMP, order);
            p = page == null ? 0 : PhysicalMemory.pageAddress(page.pfn);
            allocated = page == null ? 0 : (long) PhysicalMemory.PAGE_SIZE << order;
            if (page != null) {
                page.set(PageFlag.LARGE_KMALLOC);
                memory.accountKmallocLarge(1L << order);
            }
        } else {
            int idx = kmallocIndex(size);
            KmemCache c = (gfp & Gfp.__GFP_DMA) != 0 ? dmaKmallocCaches[idx] : kmallocCaches[idx];
            p = c.allocObject(gfp);
            allocated = p == 0 ? 0 : c.size;
            if (p != 0 && (gfp & Gfp.__GFP_ZERO) != 0) {
                memory.memset(p, 0, size);
            }
        }
        memory.trace().kmalloc(memory.callSite(), p, size, allocated, gfp);
        return p;
    }

    /**
     * {@code kfree()}: frees what {@link #kmalloc} returned; ignores 0 and
     * {@link #ZERO_SIZE_PTR}. A pointer that kmalloc did not return is reported (SLUB's
     * {@code Invalid object pointer} inside a slab, {@code Object already free} for a double
     * free, a warning for any other address) and ignored. Emits {@code kfree}.
     *
     * @param objp the pointer
     */
    public void kfree(long objp) {
        memory.trace().kfree(memory.callSite(), objp);
        if (objp == 0 || objp == ZERO_SIZE_PTR) {
            return;
        }
        Slab s = memory.slabOf(objp);
        if (s != null) {
            freeChecked(s, objp);
            return;
        }
        Page page = memory.virtToPage(objp);
        if (page != null && page.test(PageFlag.LARGE_KMALLOC) && PhysicalMemory.pageAddress(page.pfn) == objp) {
            int order = page.order;
            memory.accountKmallocLarge(-(1L << order));
            buddy().freePagesOk(page, order);
            return;
        }
        memory.reports().warn("mm/slub.c:free_large_kmalloc", String.format("object pointer: 0x%016x", objp));
    }

    /**
     * {@code ksize()}: the usable size of a kmalloc'd object: its cache's slot size, or the
     * page block's size for large allocations.
     *
     * @param objp a pointer returned by kmalloc
     * @return the size, 0 for 0 or {@link #ZERO_SIZE_PTR} or a pointer kmalloc did not return
     */
    public long ksize(long objp) {
        if (objp == 0 || objp == ZERO_SIZE_PTR) {
            return 0;
        }
        Slab s = memory.slabOf(objp);
        if (s != null) {
            return s.indexOf(objp) >= 0 ? s.cache.size : 0;
        }
        Page page = memory.virtToPage(objp);
        if (page != null && page.allocHead != null && page.allocHead.test(PageFlag.LARGE_KMALLOC)) {
            return (long) PhysicalMemory.PAGE_SIZE << page.allocHead.order;
        }
        return 0;
    }

    /** {@code slab_out_of_memory()}. */
    void slabOutOfMemory(KmemCache cache, int gfp) {
        if ((gfp & Gfp.__GFP_NOWARN) == 0) {
            memory.reports().warning(String.format(
                    "SLUB: Unable to allocate memory on node -1, gfp=%#x(%s)\n  cache: %s, object size: %d, buffer size: %d, default order: %d, min order: %d",
                    gfp, Gfp.describe(gfp), cache.name(), cache.objectSize(), cache.size, cache.order(), cache.order()));
        }
    }
}
