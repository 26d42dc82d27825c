package kernellab.runner.protocol;

/**
 * @param path the file to write (absolute, on the runner's machine)
 * @param format its format
 */
public record ExportTraceParams(String path, TraceFormat format) {
}
