package kernellab.api;

/**
 * A {@code struct kmem_cache *} returned by {@link KernelContext#kmemCacheCreate}: read-only
 * facts about the cache; pass it back to the {@code kmemCache*} calls.
 */
public interface KmemCacheHandle {

    /**
     * @return the cache's name as /proc/slabinfo shows it
     */
    String name();

    /**
     * @return the size asked for at creation ({@code object_size})
     */
    int objectSize();

    /**
     * @return the size of one object slot including alignment and metadata ({@code size}, the
     *         objsize column of /proc/slabinfo)
     */
    int size();

    /**
     * @return where SLUB keeps the free pointer of a free object ({@code s->offset}): the
     *         middle of the object when it may be overwritten, {@code freeptr_offset} when one
     *         was given, else right after the object (a constructor, SLAB_TYPESAFE_BY_RCU)
     */
    int freePointerOffset();

    /**
     * @return objects per slab (objperslab)
     */
    int objectsPerSlab();

    /**
     * @return the page order of one slab (pagesperslab = {@code 1 << order})
     */
    int order();
}
