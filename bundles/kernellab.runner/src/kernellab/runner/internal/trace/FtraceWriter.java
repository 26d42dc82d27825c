package kernellab.runner.internal.trace;

import java.io.IOException;
import java.io.Writer;

import kernellab.core.trace.TraceEvent;
import kernellab.runner.internal.sim.Units;

/**
 * Writes a trace as {@code trace-cmd report} prints it: a {@code cpus=N} line, then one line
 * per event, {@code comm-pid [cpu] seconds.micros: event: fields} (the format of
 * {@link TraceEvent#toString()}). Load counters are not part of ftrace's text; a mark is a
 * comment line, {@code # text at seconds}.
 */
public final class FtraceWriter implements TraceSink {

    private final Writer out;

    /**
     * Writes the header.
     *
     * @param out where to write
     * @param cpus number of CPUs of the machine
     * @throws IOException if writing fails
     */
    public FtraceWriter(Writer out, int cpus) throws IOException {
        this.out = out;
        out.write("cpus=" + cpus + "\n");
    }

    @Override
    public void event(TraceEvent event) throws IOException {
        out.write(event.toString());
        out.write('\n');
    }

    @Override
    public void counter(LoadCounter sample) {
        // ftrace text has no counters
    }

    @Override
    public void mark(long timeNs, String text) throws IOException {
        out.write("# " + text + " at " + Units.seconds(timeNs) + "\n");
    }

    @Override
    public void finish(long endNs) throws IOException {
        out.flush();
    }
}
