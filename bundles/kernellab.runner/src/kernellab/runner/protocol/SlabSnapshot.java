package kernellab.runner.protocol;

import java.util.List;

/**
 * All slab caches.
 *
 * @param timeNs simulated time
 * @param caches the caches in /proc/slabinfo order (newest first)
 */
public record SlabSnapshot(long timeNs, List<SlabCacheInfo> caches) {
}
