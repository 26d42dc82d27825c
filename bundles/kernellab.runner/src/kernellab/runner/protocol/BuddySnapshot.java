package kernellab.runner.protocol;

import java.util.List;

/**
 * The page allocator.
 *
 * @param timeNs simulated time
 * @param zones populated zones
 * @param frames all page frames, run-length encoded by owner
 */
public record BuddySnapshot(long timeNs, List<ZoneInfo> zones, List<FrameRun> frames) {
}
