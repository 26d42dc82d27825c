package kernellab.runner.protocol;

import java.util.List;

/**
 * A memory zone of the buddy allocator.
 *
 * @param name zone name ({@code DMA}, {@code DMA32}, {@code Normal})
 * @param startPfn first frame
 * @param endPfn frame after the last
 * @param managedPages frames the buddy allocator manages
 * @param freePages free frames
 * @param nrFree free blocks per order 0 … 10 (the /proc/buddyinfo numbers)
 */
public record ZoneInfo(String name, long startPfn, long endPfn, long managedPages, long freePages, List<Long> nrFree) {
}
