package kernellab.core.mm;

import kernellab.api.KmemCacheArgs;
import kernellab.api.SlabFlags;

/**
 * How SLUB sizes a cache (mm/slub.c and mm/slab_common.c of Linux 6.8+): object alignment
 * ({@code calculate_alignment()}), the slot size including an out-of-object free pointer
 * ({@code calculate_sizes()}), and the slab order ({@code calculate_order()} with
 * {@code calc_slab_order()}), so that objperslab and pagesperslab equal a real kernel's for
 * the same object size and CPU count.
 */
public final class SlubSizing {

    /** {@code slub_max_order}: slabs are at most 8 pages unless one object needs more. */
    public static final int SLUB_MAX_ORDER = 3;
    /** {@code MAX_OBJS_PER_PAGE}: {@code slab->objects} is a 15-bit field. */
    public static final int MAX_OBJS_PER_PAGE = 32767;
    /** {@code cache_line_size()} on x86_64. */
    public static final int CACHE_LINE_SIZE = 64;
    /** {@code sizeof(void *)}. */
    public static final int POINTER_SIZE = 8;
    /** {@code MIN_PARTIAL}: the fewest partial slabs a cache keeps instead of freeing empty ones. */
    public static final int MIN_PARTIAL = 5;
    /** {@code MAX_PARTIAL}. */
    public static final int MAX_PARTIAL = 10;

    private SlubSizing() {
    }

    /**
     * {@code fls()}: the position of the most significant set bit, 1-based; 0 for 0.
     *
     * @param x a non-negative number
     * @return its bit length
     */
    static int fls(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    /**
     * {@code get_order()}: the smallest order whose block holds {@code size} bytes.
     *
     * @param size bytes, at least 1
     * @return the order
     */
    public static int getOrder(long size) {
        long pages = (size + PhysicalMemory.PAGE_SIZE - 1) >>> PhysicalMemory.PAGE_SHIFT;
        return pages <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(pages - 1);
    }

    /**
     * The default {@code slub_min_objects}: {@code 4 * (fls(nr_cpus) + 1)}.
     *
     * @param nrCpus CPUs of the machine
     * @return the minimum number of objects a slab should hold
     */
    public static int minObjects(int nrCpus) {
        return 4 * (fls(nrCpus) + 1);
    }

    /**
     * {@code order_objects()}: objects of {@code size} bytes in a slab of {@code order}.
     *
     * @param order slab order
     * @param size slot size
     * @return objects per slab
     */
    public static int orderObjects(int order, int size) {
        return (PhysicalMemory.PAGE_SIZE << order) / size;
    }

    /**
     * {@code calc_slab_order()}: the smallest order in {@code [minOrder, maxOrder]} whose
     * leftover is at most {@code 1/fractLeftover} of the slab; {@code maxOrder + 1} if none.
     */
    static int calcSlabOrder(int size, int minOrder, int maxOrder, int fractLeftover) {
        int order;
        for (order = minOrder; order <= maxOrder; order++) {
            int slabSize = PhysicalMemory.PAGE_SIZE << order;
            if (slabSize % size <= slabSize / fractLeftover) {
                break;
            }
        }
        return order;
    }

    /**
     * {@code calculate_order()}: tries leftover fractions 1/16, 1/8, 1/4 and finally 1/2 from
     * the order that fits {@code min_objects} objects up to {@link #SLUB_MAX_ORDER}; objects
     * that do not fit in an order-3 slab get {@code get_order(size)}.
     *
     * @param size the slot size ({@code s->size})
     * @param nrCpus CPUs of the machine
     * @return the slab order
     */
    public static int calculateOrder(int size, int nrCpus) {
        int minObjects = minObjects(nrCpus);
        int maxObjects = Math.max(orderObjects(SLUB_MAX_ORDER, size), 1);
        minObjects = Math.min(minObjects, maxObjects);
        int minOrder = getOrder((long) minObjects * size);
        if (orderObjects(minOrder, size) > MAX_OBJS_PER_PAGE) {
            return getOrder((long) size * MAX_OBJS_PER_PAGE) - 1;
        }
        for (int fraction = 16; fraction > 1; fraction /= 2) {
            int order = calcSlabOrder(size, minOrder, SLUB_MAX_ORDER, fraction);
            if (order <= SLUB_MAX_ORDER) {
                return order;
            }
        }
        return getOrder(size);
    }

    /**
     * {@code calculate_alignment()}: with {@link SlabFlags#SLAB_HWCACHE_ALIGN} the cache line,
     * halved while the object fits in half of it; never less than the requested alignment or
     * a pointer.
     *
     * @param flags cache flags
     * @param align requested alignment (0 for none)
     * @param size object size
     * @return the alignment
     */
    public static int calculateAlignment(int flags, int align, int size) {
        if ((flags & SlabFlags.SLAB_HWCACHE_ALIGN) != 0) {
            int ralign = CACHE_LINE_SIZE;
            while (size <= ralign / 2) {
                ralign /= 2;
            }
            align = Math.max(align, ralign);
        }
        align = Math.max(align, POINTER_SIZE);
        return alignUp(align, POINTER_SIZE);
    }

    /**
     * {@code calculate_sizes()} of Linux 6.18 without debugging metadata, where the free pointer
     * goes ({@code s->offset}): after the object (at {@code s->inuse}, the object rounded up to a
     * pointer) when the object may not be overwritten on free, that is with a constructor or
     * with {@link SlabFlags#SLAB_TYPESAFE_BY_RCU} and no {@code freeptr_offset}; at
     * {@code freeptr_offset} for an RCU cache that gives one; else near the middle of the object
     * ({@code ALIGN_DOWN(object_size / 2, sizeof(void *))}) away from small overflows at its edges.
     *
     * @param objectSize the size asked for
     * @param flags cache flags
     * @param args the creation arguments (constructor, free pointer offset)
     * @return the free pointer's offset in the slot
     */
    public static int freePointerOffset(int objectSize, int flags, KmemCacheArgs args) {
        boolean rcu = (flags & SlabFlags.SLAB_TYPESAFE_BY_RCU) != 0;
        if (rcu && !args.useFreeptrOffset() || args.ctor() != null) {
            return alignUp(objectSize, POINTER_SIZE);
        }
        if (rcu) {
            return args.freeptrOffset();
        }
        return objectSize / 2 / POINTER_SIZE * POINTER_SIZE;
    }

    /**
     * {@code calculate_sizes()} without debugging metadata: the object rounded up to a pointer,
     * plus the free pointer when {@link #freePointerOffset} put it after the object, rounded up
     * to the alignment.
     *
     * @param objectSize the size asked for
     * @param align the alignment from {@link #calculateAlignment}
     * @param offset the free pointer's offset from {@link #freePointerOffset}
     * @return the slot size {@code s->size}
     */
    public static int slotSize(int objectSize, int align, int offset) {
        int size = alignUp(objectSize, POINTER_SIZE);
        if (offset >= size) {
            size += POINTER_SIZE;
        }
        return alignUp(size, align);
    }

    /**
     * {@code s->min_partial}: {@code ilog2(size) / 2} clamped to
     * [{@link #MIN_PARTIAL}, {@link #MAX_PARTIAL}].
     *
     * @param size slot size
     * @return the number of partial or empty slabs a cache keeps
     */
    public static int minPartial(int size) {
        int min = (fls(size) - 1) / 2;
        return Math.min(MAX_PARTIAL, Math.max(MIN_PARTIAL, min));
    }

    static int alignUp(int x, int a) {
        return (x + a - 1) / a * a;
    }
}
