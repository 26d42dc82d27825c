package kernellab.runner.internal.trace;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

import kernellab.core.trace.TraceEvent;

/**
 * A trace file's size limit ({@code --trace-limit}): the writer counts the characters written to
 * the file, and once they reach the limit the sink drops every further event and load sample,
 * so the file keeps what was recorded up to there and its end ({@link TraceSink#finish}) stays
 * well-formed, with the runs still open ending when recording stopped. The first dropped record
 * calls the warning once.
 */
public final class SizeLimit extends FilterWriter {

    private final long limit;
    private final Runnable warning;
    private long written;
    private long stoppedAtNs = -1;

    /**
     * @param out the trace file
     * @param limit characters after which recording stops
     * @param warning called once, when the first record is dropped
     */
    public SizeLimit(Writer out, long limit, Runnable warning) {
        super(out);
        this.limit = limit;
        this.warning = warning;
    }

    @Override
    public void write(int c) throws IOException {
        written++;
        super.write(c);
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        written += len;
        super.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        written += len;
        super.write(str, off, len);
    }

    /**
     * @param sink a sink writing to this writer
     * @return the sink, recording only while the file is below the limit
     */
    public TraceSink limit(TraceSink sink) {
        return new TraceSink() {
            @Override
            public void event(TraceEvent event) throws IOException {
                if (open(event.timeNs())) {
                    sink.event(event);
                }
            }

            @Override
            public void counter(LoadCounter sample) throws IOException {
                if (open(sample.timeNs())) {
                    sink.counter(sample);
                }
            }

            @Override
            public void mark(long timeNs, String text) throws IOException {
                sink.mark(timeNs, text);
            }

            @Override
            public void finish(long endNs) throws IOException {
                sink.finish(stoppedAtNs >= 0 ? stoppedAtNs : endNs);
            }
        };
    }

    private boolean open(long timeNs) {
        if (stoppedAtNs < 0 && written < limit) {
            return true;
        }
        if (stoppedAtNs < 0) {
            stoppedAtNs = timeNs;
            warning.run();
        }
        return false;
    }
}
