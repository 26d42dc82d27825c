package kernellab.core.mm;

/**
 * One cache's numbers as /proc/slabinfo (SLUB) reports them, plus the list lengths that
 * SLUB does not print but the lecture's picture of a cache needs.
 *
 * @param name cache name
 * @param activeObjs allocated objects (SLUB: all objects minus the free ones on the partial
 *        and empty slabs)
 * @param numObjs object slots in all slabs
 * @param objSize slot size ({@code s->size})
 * @param objPerSlab objects per slab
 * @param pagesPerSlab pages per slab
 * @param activeSlabs slabs (SLUB reports every slab as active)
 * @param numSlabs slabs
 * @param fullSlabs slabs on the full list
 * @param partialSlabs slabs on the partial list
 * @param emptySlabs slabs on the empty list
 */
public record SlabCacheStats(String name, long activeObjs, long numObjs, int objSize, int objPerSlab, int pagesPerSlab,
        long activeSlabs, long numSlabs, int fullSlabs, int partialSlabs, int emptySlabs) {
}
