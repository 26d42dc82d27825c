package kernellab.runner.protocol;

/**
 * @param path the file written
 * @param events trace events written
 * @param firstSequence sequence number of the first event written (greater than 1 when older events were dropped)
 */
public record ExportTraceResult(String path, long events, long firstSequence) {
}
