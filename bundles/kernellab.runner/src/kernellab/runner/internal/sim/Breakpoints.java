package kernellab.runner.internal.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.Slab;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.BreakpointStatus;
import kernellab.runner.internal.Messages;

/**
 * The event breakpoints of a simulation, and the one-shot target of a step: a trace listener
 * that asks the engine to stop when an event matches. The engine stops once the simulation
 * step that emitted the event is complete, so the state seen at the stop includes that step.
 */
public final class Breakpoints implements TraceListener {

    /** A breakpoint with its compiled comm pattern and hit counter. */
    private static final class Installed {
        final BreakpointSpec spec;
        final Pattern comm;
        long hits;

        Installed(BreakpointSpec spec) {
            this.spec = spec;
            this.comm = spec.comm() == null ? null : glob(spec.comm());
        }
    }

    private final Scheduler scheduler;
    private final PhysicalMemory memory;
    private final List<Installed> installed = new ArrayList<>();
    private final Map<Integer, Long> hitsById = new HashMap<>();
    private Predicate<TraceEvent> stepTarget;
    private TraceEvent stopEvent;
    private final List<Integer> stopIds = new ArrayList<>();

    /**
     * @param scheduler the machine's scheduler (to look tasks up for policy filters)
     * @param memory the machine's memory (to find the cache of a slab object)
     */
    public Breakpoints(Scheduler scheduler, PhysicalMemory memory) {
        this.scheduler = scheduler;
        this.memory = memory;
    }

    /**
     * Replaces all breakpoints; hit counts of ids that stay are kept.
     *
     * @param specs the breakpoints
     * @return their statuses, in the same order
     */
    public List<BreakpointStatus> set(List<BreakpointSpec> specs) {
        installed.clear();
        List<BreakpointStatus> out = new ArrayList<>();
        for (BreakpointSpec s : specs) {
            String problem = check(s);
            if (problem == null) {
                Installed b = new Installed(s);
                b.hits = hitsById.getOrDefault(s.id(), 0L);
                installed.add(b);
            }
            out.add(new BreakpointStatus(s.id(), problem == null, problem, hitsById.getOrDefault(s.id(), 0L)));
        }
        return out;
    }

    private String check(BreakpointSpec s) {
        if (s.kind() == null) {
            return Messages.breakpointNoKind();
        }
        if (s.cpu() != null && (s.cpu() < 0 || s.cpu() >= scheduler.nrCpus())) {
            return Messages.noSuchCpu(s.cpu(), scheduler.nrCpus());
        }
        if (s.hitCount() < 0) {
            return Messages.negativeHitCount();
        }
        if (s.cacheName() != null && s.kind() != BreakpointKind.SLAB_ALLOC) {
            return Messages.cacheFilterOnlySlab();
        }
        if (s.minOrder() != null && s.kind() != BreakpointKind.PAGE_ALLOC) {
            return Messages.orderFilterOnlyPages();
        }
        return null;
    }

    /**
     * Makes the next matching event stop the simulation once; replaced by the next step.
     *
     * @param target what the step runs to
     */
    public void stepTo(Predicate<TraceEvent> target) {
        this.stepTarget = target;
    }

    /** @return the event of the last stop and clears it, or {@code null} */
    public TraceEvent takeStopEvent() {
        TraceEvent e = stopEvent;
        stopEvent = null;
        return e;
    }

    /** @return the ids of the breakpoints that matched at the last stop (empty when a step ended it) */
    public List<Integer> stopIds() {
        return List.copyOf(stopIds);
    }

    /** Forgets the step target of a step that ended otherwise (pause, time limit). */
    public void cancelStep() {
        stepTarget = null;
    }

    @Override
    public boolean onEvent(TraceEvent event) {
        if (event.tracepoint() == SchedTracepoints.SCHED_STAT_RUNTIME) {
            return false;
        }
        boolean stop = false;
        List<Integer> ids = new ArrayList<>();
        for (Installed b : installed) {
            if (b.spec.enabled() && matches(b, event)) {
                b.hits++;
                hitsById.put(b.spec.id(), b.hits);
                if (b.spec.hitCount() == 0 || b.hits == b.spec.hitCount()) {
                    ids.add(b.spec.id());
                    stop = true;
                }
            }
        }
        boolean step = stepTarget != null && stepTarget.test(event);
        if ((stop || step) && stopEvent == null) {
            stopEvent = event;
            stopIds.clear();
            stopIds.addAll(ids);
            stepTarget = null;
            return true;
        }
        return false;
    }

    private boolean matches(Installed b, TraceEvent e) {
        BreakpointSpec s = b.spec;
        List<String> names = s.kind().tracepoints();
        if (!names.isEmpty() && !names.contains(e.name())) {
            return false;
        }
        if (s.cpu() != null && s.cpu() != e.cpu()) {
            return false;
        }
        int pid = subjectPid(e);
        if (s.pid() != null && s.pid() != pid) {
            return false;
        }
        if (b.comm != null && !b.comm.matcher(subjectComm(e)).matches()) {
            return false;
        }
        if (s.policy() != null) {
            Task t = scheduler.task(pid);
            if (t == null || t.policy() != s.policy()) {
                return false;
            }
        }
        if (s.minOrder() != null && !(e.field("order") instanceof Number o && o.intValue() >= s.minOrder())) {
            return false;
        }
        if (s.cacheName() != null || s.addressFrom() != null || s.addressTo() != null) {
            long address = address(e);
            if (address == 0) {
                return false;
            }
            if (s.addressFrom() != null && Long.compareUnsigned(address, s.addressFrom()) < 0
                    || s.addressTo() != null && Long.compareUnsigned(address, s.addressTo()) >= 0) {
                return false;
            }
            if (s.cacheName() != null) {
                Slab slab = memory.slabOf(address);
                return slab != null && slab.cache().name().equals(s.cacheName());
            }
        }
        return true;
    }

    /** The pid an event is about: the next task of a switch, the child of a fork, the task named in the fields, else the current one. */
    static int subjectPid(TraceEvent e) {
        Object v = e.field(e.tracepoint() == SchedTracepoints.SCHED_SWITCH ? "next_pid"
                : e.tracepoint() == SchedTracepoints.SCHED_PROCESS_FORK ? "child_pid" : "pid");
        return v instanceof Number n ? n.intValue() : e.pid();
    }

    static String subjectComm(TraceEvent e) {
        String v = e.stringField(e.tracepoint() == SchedTracepoints.SCHED_SWITCH ? "next_comm"
                : e.tracepoint() == SchedTracepoints.SCHED_PROCESS_FORK ? "child_comm" : "comm");
        return v != null ? v : e.comm();
    }

    /** The memory address of a memory event: the object of a slab event, the block of a page event, the faulting address; 0 if none. */
    private static long address(TraceEvent e) {
        String ptr = e.stringField("ptr");
        if (ptr != null) {
            return Long.parseUnsignedLong(ptr, 16);
        }
        String pfn = e.stringField("pfn");
        if (pfn != null && pfn.startsWith("0x")) {
            return PhysicalMemory.pageAddress(Long.parseLong(pfn.substring(2), 16));
        }
        String faultAddress = e.stringField("address");
        if (faultAddress != null && faultAddress.startsWith("0x")) {
            return Long.parseUnsignedLong(faultAddress.substring(2), 16);
        }
        return 0;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
