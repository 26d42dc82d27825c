package kernellab.runner.protocol;

/** Trace file formats. */
public enum TraceFormat {
    /** Text as {@code trace-cmd report} prints it. */
    FTRACE,
    /** Chrome trace-event JSON, opened by Perfetto and chrome://tracing. */
    CHROME
}
