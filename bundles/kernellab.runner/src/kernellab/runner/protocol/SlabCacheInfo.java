package kernellab.runner.protocol;

/**
 * One slab cache: the /proc/slabinfo columns plus the lengths of its slab lists.
 *
 * @param name cache name
 * @param activeObjs allocated objects
 * @param numObjs objects in all slabs
 * @param objSize object size with metadata
 * @param objPerSlab objects per slab
 * @param pagesPerSlab pages per slab
 * @param activeSlabs slabs with an allocated object
 * @param numSlabs all slabs
 * @param fullSlabs slabs on the full list
 * @param partialSlabs slabs on the partial list
 * @param emptySlabs slabs on the empty list
 */
public record SlabCacheInfo(String name, long activeObjs, long numObjs, int objSize, int objPerSlab, int pagesPerSlab,
        long activeSlabs, long numSlabs, int fullSlabs, int partialSlabs, int emptySlabs) {
}
