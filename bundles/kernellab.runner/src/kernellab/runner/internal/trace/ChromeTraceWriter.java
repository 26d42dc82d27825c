package kernellab.runner.internal.trace;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

import com.google.gson.stream.JsonWriter;

import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;

/**
 * Writes a trace in the Chrome trace-event JSON format that Perfetto and chrome://tracing open:
 * process 1 is the machine, with one thread track per CPU ({@code tid} = CPU number) holding a
 * complete slice ({@code "ph":"X"}) per run of a task, instant events ({@code "ph":"i"}) for
 * migrations and load balancing, and two counter tracks per CPU ({@code "ph":"C"}):
 * {@code CPU n nr_running} and {@code CPU n NAME_total_weight} for the class of policy 7 (the lab's
 * {@code wrr_total_weight}); a mark is a global instant event ({@code "s":"g"}). Times are microseconds with
 * nanosecond decimals.
 */
public final class ChromeTraceWriter implements TraceSink {

    /** The process id all tracks belong to. */
    static final int MACHINE_PID = 1;

    private final JsonWriter json;
    private final long[] runStart;
    private final String[] runComm;
    private final int[] runPid;

    /**
     * Writes the header and the track names.
     *
     * @param out where to write
     * @param cpus number of CPUs
     * @throws IOException if writing fails
     */
    public ChromeTraceWriter(Writer out, int cpus) throws IOException {
        this.json = new JsonWriter(out);
        this.runStart = new long[cpus];
        this.runComm = new String[cpus];
        this.runPid = new int[cpus];
        json.beginObject();
        json.name("displayTimeUnit").value("ns");
        json.name("traceEvents").beginArray();
        metadata("process_name", 0, "name", "KernelLab machine (" + cpus + " CPUs)");
        for (int cpu = 0; cpu < cpus; cpu++) {
            metadata("thread_name", cpu, "name", "CPU " + cpu);
            json.beginObject().name("ph").value("M").name("name").value("thread_sort_index").name("pid").value(MACHINE_PID)
                    .name("tid").value(cpu).name("args").beginObject().name("sort_index").value(cpu).endObject().endObject();
        }
    }

    private void metadata(String name, int tid, String key, String value) throws IOException {
        json.beginObject().name("ph").value("M").name("name").value(name).name("pid").value(MACHINE_PID).name("tid").value(tid)
                .name("args").beginObject().name(key).value(value).endObject().endObject();
    }

    private static BigDecimal micros(long ns) {
        return BigDecimal.valueOf(ns, 3);
    }

    @Override
    public void event(TraceEvent event) throws IOException {
        if (event.tracepoint() == SchedTracepoints.SCHED_SWITCH) {
            int cpu = event.cpu();
            endRun(cpu, event.timeNs());
            int next = (int) event.longField("next_pid");
            if (next != 0) {
                runStart[cpu] = event.timeNs();
                runComm[cpu] = event.stringField("next_comm");
                runPid[cpu] = next;
            }
        } else if (event.tracepoint() == SchedTracepoints.SCHED_MIGRATE_TASK
                || event.tracepoint() == SchedTracepoints.SCHED_WRR_LOAD_BALANCE
                || event.tracepoint() == SchedTracepoints.SCHED_WRR_IDLE_BALANCE) {
            instant(event);
        }
    }

    private void endRun(int cpu, long endNs) throws IOException {
        if (runComm[cpu] == null) {
            return;
        }
        json.beginObject().name("ph").value("X").name("name").value(runComm[cpu] + "-" + runPid[cpu]).name("cat")
                .value("run").name("pid").value(MACHINE_PID).name("tid").value(cpu).name("ts").value(micros(runStart[cpu]))
                .name("dur").value(micros(endNs - runStart[cpu])).name("args").beginObject().name("comm").value(runComm[cpu])
                .name("pid").value(runPid[cpu]).endObject().endObject();
        runComm[cpu] = null;
    }

    private void instant(TraceEvent event) throws IOException {
        json.beginObject().name("ph").value("i").name("s").value("t").name("name").value(event.name()).name("cat")
                .value("sched").name("pid").value(MACHINE_PID).name("tid").value(event.cpu()).name("ts")
                .value(micros(event.timeNs())).name("args").beginObject();
        for (TraceEvent.Field f : event.fields()) {
            json.name(f.name()).value(String.valueOf(f.value()));
        }
        json.endObject().endObject();
    }

    @Override
    public void counter(LoadCounter sample) throws IOException {
        counter(sample, "nr_running", sample.nrRunning());
        if (sample.weightedClass() != null) {
            counter(sample, sample.weightedClass() + "_total_weight", sample.totalWeight());
        }
    }

    private void counter(LoadCounter sample, String what, long value) throws IOException {
        json.beginObject().name("ph").value("C").name("name").value("CPU " + sample.cpu() + " " + what).name("pid")
                .value(MACHINE_PID).name("ts").value(micros(sample.timeNs())).name("args").beginObject().name(what)
                .value(value).endObject().endObject();
    }

    @Override
    public void mark(long timeNs, String text) throws IOException {
        json.beginObject().name("ph").value("i").name("s").value("g").name("name").value(text).name("cat").value("run")
                .name("pid").value(MACHINE_PID).name("ts").value(micros(timeNs)).endObject();
    }

    @Override
    public void finish(long endNs) throws IOException {
        for (int cpu = 0; cpu < runComm.length; cpu++) {
            endRun(cpu, endNs);
        }
        json.endArray().endObject();
        json.flush();
    }
}
