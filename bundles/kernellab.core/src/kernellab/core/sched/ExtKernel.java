package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import kernellab.api.LogLevel;
import kernellab.api.sched.SchedClassError;
import kernellab.api.sched.SchedKernel;
import kernellab.api.sched.SchedTask;
import kernellab.api.sched.SchedTraceEvent;
import kernellab.core.trace.Tracepoint;
import kernellab.core.trace.Tracer;

/**
 * The helpers the class of policy 7 calls ({@code scx_bpf_*} kfuncs of {@code kernel/sched/ext.c}),
 * each checking its arguments the way the kernel checks a BPF scheduler's calls.
 */
final class ExtKernel implements SchedKernel {

    /** Parameter: the default slice, ns (the machine's {@code --wrr-base-slice}). */
    static final String BASE_SLICE_NS = "base_slice_ns";
    /** Parameter: the period of {@link kernellab.api.sched.SchedClassOps#balance()}, ns. */
    static final String BALANCE_PERIOD_NS = "balance_period_ns";

    private final ExtSchedClass ext;
    private final Scheduler scheduler;
    private final Map<String, String> params;
    private final long defaultSlice;
    private int minWeight = 1;
    private int maxWeight = 20;
    private int defaultWeight = 10;

    ExtKernel(ExtSchedClass ext, Map<String, String> params) {
        this.ext = ext;
        this.scheduler = ext.scheduler;
        this.params = Map.copyOf(params);
        this.defaultSlice = scheduler.config.wrrBaseSliceNs();
    }

    void setWeights(int min, int max, int dfl) {
        this.minWeight = min;
        this.maxWeight = max;
        this.defaultWeight = dfl;
    }

    int minWeight() {
        return minWeight;
    }

    int maxWeight() {
        return maxWeight;
    }

    int defaultWeight() {
        return defaultWeight;
    }

    long defaultSlice() {
        return defaultSlice;
    }

    @Override
    public int nrCpus() {
        return scheduler.nrCpus;
    }

    @Override
    public long now() {
        return scheduler.engine.now();
    }

    @Override
    public long jiffies() {
        return scheduler.jiffies();
    }

    @Override
    public RandomGenerator random() {
        return scheduler.engine.random();
    }

    @Override
    public long param(String name, long defaultValue) {
        String v = param(name, (String) null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("class parameter " + name + "=" + v + " is not a whole number");
        }
    }

    @Override
    public String param(String name, String defaultValue) {
        String v = params.get(name);
        if (v != null) {
            return v;
        }
        return switch (name) {
            case BASE_SLICE_NS -> Long.toString(defaultSlice);
            case BALANCE_PERIOD_NS -> Long.toString(scheduler.config.balancePeriodNs());
            default -> defaultValue;
        };
    }

    @Override
    public void setSlice(SchedTask p, long ns) {
        ExtEntity e = entity(p, "setSlice");
        if (ns <= 0) {
            throw new IllegalArgumentException("setSlice(" + e + ", " + ns + "): the slice must be positive");
        }
        setSliceUnchecked(e, ns);
    }

    /** Sets the slice; a running task's slice timer is armed again for the new end. */
    void setSliceUnchecked(ExtEntity e, long ns) {
        e.slice = ns;
        RunQueue rq = scheduler.rqs[e.task.cpu];
        if (rq.curr == e.task && e.task.schedClass == ext) {
            scheduler.engine.schedule(rq.sliceTimer, scheduler.engine.now() + ns);
        }
    }

    @Override
    public void resched(int cpu) {
        scheduler.resched(scheduler.rqs[checkCpu("resched", cpu)]);
    }

    @Override
    public void migrate(SchedTask p, int dstCpu) {
        ExtEntity e = entity(p, "migrate");
        checkCpu("migrate", dstCpu);
        if (e.queue == null) {
            throw new IllegalStateException("migrate(" + e + ", " + dstCpu + "): the task is not queued");
        }
        if (e.task.onCpu) {
            throw new IllegalStateException("migrate(" + e + ", " + dstCpu + "): the task is running on CPU " + e.task.cpu
                    + "; only a queued task that is not running can move");
        }
        if (!e.isAllowed(dstCpu)) {
            throw new IllegalArgumentException("migrate(" + e + ", " + dstCpu + "): the task is not allowed on CPU " + dstCpu);
        }
        if (dstCpu != e.task.cpu) {
            scheduler.moveQueuedTask(e.task, scheduler.rqs[e.task.cpu], scheduler.rqs[dstCpu]);
        }
    }

    @Override
    public SchedTask current(int cpu) {
        Task t = scheduler.rqs[checkCpu("current", cpu)].curr;
        return t.schedClass == ext ? t.scx : null;
    }

    @Override
    public int nrQueued(int cpu) {
        return scheduler.rqs[checkCpu("nrQueued", cpu)].ext.nrRunning;
    }

    @Override
    public long totalWeight(int cpu) {
        return scheduler.rqs[checkCpu("totalWeight", cpu)].ext.totalWeight;
    }

    @Override
    public List<SchedTask> queued(int cpu) {
        ExtRunQueue q = scheduler.rqs[checkCpu("queued", cpu)].ext;
        List<SchedTask> list = new ArrayList<>(q.nrRunning);
        for (ExtEntity e = q.head; e != null; e = e.next) {
            list.add(e);
        }
        return list;
    }

    @Override
    public SchedTraceEvent trace(String name, int cpu) {
        checkCpu("trace", cpu);
        Tracepoint tp = tracepoint(name);
        Tracer tracer = scheduler.tracer;
        if (!tracer.enabled(tp)) {
            return Disabled.EVENT;
        }
        Tracer.EventBuilder b = tracer.event(tp, cpu);
        return new SchedTraceEvent() {
            @Override
            public SchedTraceEvent field(String field, long value) {
                b.field(field, value);
                return this;
            }

            @Override
            public SchedTraceEvent field(String field, String value) {
                b.field(field, value);
                return this;
            }

            @Override
            public void emit() {
                b.emit();
            }
        };
    }

    @Override
    public boolean traceEnabled(String name) {
        return scheduler.tracer.enabled(tracepoint(name));
    }

    private static Tracepoint tracepoint(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("trace event names are lower case with '_', e.g. sched_wrr_load_balance; got "
                    + name);
        }
        return Tracepoint.define(name);
    }

    @Override
    public void printk(String message) {
        scheduler.log.printk(LogLevel.KERN_INFO, ext.opsName + ": " + message);
    }

    @Override
    public SchedClassError error(String reason) {
        SchedClassError e = new SchedClassError(reason);
        ext.disable(ExtExitKind.CLASS_ERROR, reason, e);
        throw e;
    }

    private ExtEntity entity(SchedTask p, String helper) {
        if (p instanceof ExtEntity e && e.task.scx == e) {
            return e;
        }
        throw new IllegalArgumentException(helper + "(" + p + "): not a task given by the kernel");
    }

    private int checkCpu(String helper, int cpu) {
        if (cpu < 0 || cpu >= scheduler.nrCpus) {
            throw new IllegalArgumentException(helper + "(" + cpu + "): no such CPU (the machine has CPUs 0 to "
                    + (scheduler.nrCpus - 1) + ")");
        }
        return cpu;
    }

    /** The event nobody records: fields are dropped. */
    private enum Disabled implements SchedTraceEvent {
        EVENT;

        @Override
        public SchedTraceEvent field(String name, long value) {
            return this;
        }

        @Override
        public SchedTraceEvent field(String name, String value) {
            return this;
        }

        @Override
        public void emit() {
        }
    }
}
