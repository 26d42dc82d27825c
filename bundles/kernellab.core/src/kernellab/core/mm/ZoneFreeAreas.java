package kernellab.core.mm;

/**
 * One line of /proc/buddyinfo as data: the free blocks per order of one zone.
 *
 * @param node NUMA node (always 0)
 * @param zone zone name, {@code DMA} or {@code Normal}
 * @param nrFree {@code free_area[order].nr_free} for orders 0 … 10
 */
public record ZoneFreeAreas(int node, String zone, long[] nrFree) {

    /** Copies the array. */
    public ZoneFreeAreas {
        nrFree = nrFree.clone();
    }

    /** @return a copy of the counts */
    @Override
    public long[] nrFree() {
        return nrFree.clone();
    }

    /** @return free pages in the zone: the sum of {@code nr_free << order} */
    public long freePages() {
        long sum = 0;
        for (int o = 0; o < nrFree.length; o++) {
            sum += nrFree[o] << o;
        }
        return sum;
    }
}
