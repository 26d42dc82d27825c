package kernellab.runner.protocol;

/**
 * Consecutive page frames with the same owner.
 *
 * @param startPfn first frame
 * @param pages number of frames
 * @param owner their owner
 */
public record FrameRun(long startPfn, long pages, FrameOwner owner) {
}
