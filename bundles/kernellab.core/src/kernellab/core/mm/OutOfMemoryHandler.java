package kernellab.core.mm;

/**
 * What the page allocator calls when an allocation that may wait finds no free block even at
 * the min watermark, where Linux would reclaim and, failing that, run the OOM killer
 * ({@code __alloc_pages_may_oom()}). Only small allocations ({@code order <= 3}) that may
 * enter direct reclaim and did not ask for {@code __GFP_NORETRY} get here.
 */
@FunctionalInterface
public interface OutOfMemoryHandler {

    /**
     * @param gfp the allocation's flags
     * @param order its order
     * @return {@code true} if memory was freed (e.g. a task was killed) and the allocation
     *         should be retried, {@code false} to fail it
     */
    boolean outOfMemory(int gfp, int order);
}
