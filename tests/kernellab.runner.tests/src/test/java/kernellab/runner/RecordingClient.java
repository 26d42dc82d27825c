package kernellab.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.KernelLabClient;
import kernellab.runner.protocol.LogLine;
import kernellab.runner.protocol.OutputLine;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TraceEventInfo;

/** The IDE side of a test: keeps every notification. */
final class RecordingClient implements KernelLabClient {

    final BlockingQueue<StoppedEvent> stops = new LinkedBlockingQueue<>();
    final BlockingQueue<ExitedEvent> exits = new LinkedBlockingQueue<>();
    final List<TraceEventInfo> events = Collections.synchronizedList(new ArrayList<>());
    final List<EventBatch> batches = Collections.synchronizedList(new ArrayList<>());
    final List<OutputLine> output = Collections.synchronizedList(new ArrayList<>());
    final List<LogLine> log = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stopped(StoppedEvent event) {
        stops.add(event);
    }

    @Override
    public void output(OutputLine line) {
        output.add(line);
    }

    @Override
    public void log(LogLine line) {
        log.add(line);
    }

    @Override
    public void events(EventBatch batch) {
        events.addAll(batch.events());
        batches.add(batch);
    }

    @Override
    public void exited(ExitedEvent event) {
        exits.add(event);
    }

    StoppedEvent nextStop() throws InterruptedException {
        StoppedEvent e = stops.poll(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no stopped notification");
        }
        return e;
    }

    ExitedEvent nextExit() throws InterruptedException {
        ExitedEvent e = exits.poll(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no exited notification");
        }
        return e;
    }
}
