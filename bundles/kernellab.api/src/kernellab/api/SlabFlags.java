package kernellab.api;

/**
 * Flags of {@link KernelContext#kmemCacheCreate}, with the values of Linux 5.x
 * ({@code include/linux/slab.h}).
 */
public final class SlabFlags {

    /**
     * Align objects on a cache line (64 bytes), or on the smallest power of two that still
     * keeps a small object inside one line ({@code calculate_alignment()} in mm/slab_common.c).
     */
    public static final int SLAB_HWCACHE_ALIGN = 0x2000;
    /** Take the slab pages from ZONE_DMA. */
    public static final int SLAB_CACHE_DMA = 0x4000;
    /** The cache's pages count as reclaimable ({@code SReclaimable} in /proc/meminfo). */
    public static final int SLAB_RECLAIM_ACCOUNT = 0x20000;
    /** Panic if {@code kmem_cache_create} fails instead of returning {@code null}. */
    public static final int SLAB_PANIC = 0x40000;
    /**
     * Objects may be reused but their memory stays of this type until an RCU grace period;
     * SLUB then keeps the free pointer outside the object, which makes the object larger,
     * unless the cache names a word of the object for it ({@link KmemCacheArgs#withFreeptrOffset}).
     */
    public static final int SLAB_TYPESAFE_BY_RCU = 0x80000;
    /** Charge the objects to the memory cgroup (bookkeeping only). */
    public static final int SLAB_ACCOUNT = 0x4000000;

    private SlabFlags() {
    }
}
