package kernellab.core.mm;

import java.util.function.LongConsumer;

import kernellab.api.Gfp;
import kernellab.api.KmemCacheArgs;
import kernellab.api.KmemCacheHandle;
import kernellab.api.SlabFlags;

/**
 * {@code struct kmem_cache}: a cache of equally sized objects, organised as Bonwick's slab
 * allocator teaches it and sized like Linux SLUB.
 *
 * <p>The cache keeps its slabs on three lists: {@link #full()}, {@link #partial()} and
 * {@link #empty()}. An allocation is served from the first partial slab, else from an empty
 * slab, else from a new slab taken from the buddy allocator; frees move slabs back from full
 * to partial (at the tail) and from partial to empty. A slab that becomes empty is given
 * back to the buddy allocator when the cache already keeps {@link #minPartial()} partial or
 * empty slabs (SLUB's {@code n->nr_partial >= s->min_partial} test); {@code kmem_cache_shrink}
 * gives back all empty slabs.
 *
 * <p>New slabs are coloured: object 0 starts {@code colour * 64} bytes into the slab, the
 * colour cycling through the cache lines that the slab's leftover space can absorb (SLAB's
 * {@code colour_next}); the constructor runs on every object when the slab is created.
 */
public final class KmemCache implements KmemCacheHandle {

    private final SlabAllocator allocator;
    private final String name;
    private final int objectSize;
    final int size;
    /** {@code s->offset}: where a free object holds its free pointer. */
    private final int offset;
    private final int align;
    private final int flags;
    private final LongConsumer ctor;
    private final int order;
    private final int objects;
    private final int minPartial;
    private final int colourCount;
    private int colourNext;
    final boolean kmalloc;
    /** The cache's own {@code struct kmem_cache} object (in the kmem_cache cache), 0 for the boot caches. */
    long selfObject;
    /** Its {@code struct kmem_cache_node} object. */
    long nodeObject;

    private final SlabList full = new SlabList(SlabList.Kind.FULL);
    private final SlabList partial = new SlabList(SlabList.Kind.PARTIAL);
    private final SlabList empty = new SlabList(SlabList.Kind.EMPTY);
    private long nrSlabs;
    private long inuseObjects;
    private boolean destroyed;

    KmemCache(SlabAllocator allocator, String name, int objectSize, KmemCacheArgs args, int flags, boolean kmalloc) {
        this.allocator = allocator;
        this.name = name;
        this.objectSize = objectSize;
        this.align = SlubSizing.calculateAlignment(flags, args.align(), objectSize);
        this.flags = flags;
        this.ctor = args.ctor();
        this.kmalloc = kmalloc;
        this.offset = SlubSizing.freePointerOffset(objectSize, flags, args);
        this.size = SlubSizing.slotSize(objectSize, this.align, offset);
        this.order = SlubSizing.calculateOrder(size, allocator.nrCpus());
        this.objects = SlubSizing.orderObjects(order, size);
        this.minPartial = SlubSizing.minPartial(size);
        int leftover = (PhysicalMemory.PAGE_SIZE << order) - objects * size;
        this.colourCount = leftover / SlubSizing.CACHE_LINE_SIZE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int objectSize() {
        return objectSize;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int freePointerOffset() {
        return offset;
    }

    /** @return the object alignment */
    public int align() {
        return align;
    }

    /** @return the creation flags */
    public int flags() {
        return flags;
    }

    @Override
    public int objectsPerSlab() {
        return objects;
    }

    @Override
    public int order() {
        return order;
    }

    /** @return pages per slab, {@code 1 << order} */
    public int pagesPerSlab() {
        return 1 << order;
    }

    /** @return how many partial or empty slabs the cache keeps before giving empty ones back */
    public int minPartial() {
        return minPartial;
    }

    /** @return how many colours (cache-line offsets) the slabs cycle through; 0 when the leftover is under a line */
    public int colourCount() {
        return colourCount;
    }

    /** @return whether the cache has a constructor */
    public boolean hasCtor() {
        return ctor != null;
    }

    /** @return the slabs with every object allocated */
    public SlabList full() {
        return full;
    }

    /** @return the slabs with some objects allocated */
    public SlabList partial() {
        return partial;
    }

    /** @return the slabs with no object allocated, kept for reuse */
    public SlabList empty() {
        return empty;
    }

    /** @return all slabs of the cache */
    public long nrSlabs() {
        return nrSlabs;
    }

    /** @return allocated objects */
    public long inuseObjects() {
        return inuseObjects;
    }

    /** @return object slots in all slabs */
    public long totalObjects() {
        return nrSlabs * objects;
    }

    /** @return whether {@code kmem_cache_destroy} has removed the cache */
    public boolean isDestroyed() {
        return destroyed;
    }

    boolean reclaimable() {
        return (flags & SlabFlags.SLAB_RECLAIM_ACCOUNT) != 0;
    }

    /** @return the cache's line of /proc/slabinfo as data, with its list lengths */
    public SlabCacheStats stats() {
        return new SlabCacheStats(name, inuseObjects, totalObjects(), size, objects, 1 << order, nrSlabs, nrSlabs,
                full.count(), partial.count(), empty.count());
    }

    /**
     * Allocates one object.
     *
     * @param gfp flags for a new slab's pages
     * @return the object's address, or 0 if no slab could be allocated
     */
    long allocObject(int gfp) {
        Slab s = partial.head;
        if (s == null) {
            s = empty.head;
            if (s != null) {
                empty.remove(s);
            } else {
                s = newSlab(gfp);
                if (s == null) {
                    return 0;
                }
            }
            partial.addHead(s);
        }
        int idx = s.allocIndex();
        inuseObjects++;
        if (s.inuse == objects) {
            partial.remove(s);
            full.addHead(s);
        }
        return s.objectAddress(idx);
    }

    /** Frees slot {@code idx} of {@code s}, which the caller checked is allocated. */
    void freeObject(Slab s, int idx) {
        boolean wasFull = s.inuse == objects;
        s.freeIndex(idx);
        inuseObjects--;
        if (s.inuse == 0) {
            s.list.remove(s);
            if (partial.count() + empty.count() >= minPartial) {
                discardSlab(s);
            } else {
                empty.addHead(s);
            }
        } else if (wasFull) {
            full.remove(s);
            partial.addTail(s);
        }
    }

    private Slab newSlab(int gfp) {
        int pageGfp = (gfp & ~Gfp.__GFP_ZERO) | Gfp.__GFP_COMP | ((flags & SlabFlags.SLAB_CACHE_DMA) != 0 ? Gfp.__GFP_DMA : 0);
        Page first = allocator.buddy().allocPages(pageGfp, order);
        if (first == null) {
            allocator.slabOutOfMemory(this, gfp);
            return null;
        }
        int colour = 0;
        if (colourCount > 0) {
            colour = colourNext * SlubSizing.CACHE_LINE_SIZE;
            colourNext = (colourNext + 1) % colourCount;
        }
        Slab s = new Slab(this, first, colour);
        int n = 1 << order;
        Page[] pages = allocator.memory().memMap();
        for (int i = 0; i < n; i++) {
            Page p = pages[(int) (first.pfn + i)];
            p.set(PageFlag.SLAB);
            p.slab = s;
        }
        nrSlabs++;
        allocator.memory().accountSlabPages(reclaimable(), n);
        if (ctor != null) {
            allocator.memory().constructing(s);
            try {
                for (int i = 0; i < objects; i++) {
                    ctor.accept(s.objectAddress(i));
                }
            } finally {
                allocator.memory().constructing(null);
            }
        }
        return s;
    }

    private void discardSlab(Slab s) {
        nrSlabs--;
        allocator.memory().accountSlabPages(reclaimable(), -(1 << order));
        allocator.buddy().freePagesOk(s.firstPage, order);
    }

    /**
     * {@code kmem_cache_shrink()}: gives every empty slab back to the buddy allocator.
     *
     * @return the number of slabs freed
     */
    int shrink() {
        int freed = 0;
        for (Slab s = empty.head; s != null; s = empty.head) {
            empty.remove(s);
            discardSlab(s);
            freed++;
        }
        return freed;
    }

    void markDestroyed() {
        destroyed = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
