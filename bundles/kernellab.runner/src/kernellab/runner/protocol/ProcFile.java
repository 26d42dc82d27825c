package kernellab.runner.protocol;

/**
 * A file's contents.
 *
 * @param path what was read
 * @param timeNs simulated time of the reading
 * @param text the contents, exactly as Linux prints them
 */
public record ProcFile(String path, long timeNs, String text) {
}
