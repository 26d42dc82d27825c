package kernellab.runner.protocol;

import java.util.List;

/**
 * A cache and its slabs.
 *
 * @param timeNs simulated time
 * @param cache the cache's numbers
 * @param slabs its slabs: full, then partial, then empty
 */
public record SlabCacheDetail(long timeNs, SlabCacheInfo cache, List<SlabInfo> slabs) {
}
