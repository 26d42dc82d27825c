package kernellab.runner.internal.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kernellab.core.sched.CpuShares;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskStats;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;
import kernellab.core.trace.Tracepoint;

/**
 * Follows every task's runnable intervals (with its weight) and runs on a CPU from the scheduler's
 * tracepoints, for {@link CpuShares}: runnable from {@code sched_wakeup}/{@code sched_wakeup_new}
 * until a {@code sched_switch} away with a state other than R (blocked, dead) or its
 * {@code sched_process_exit}; a {@code sched_policy_change} starts a new interval with the new weight;
 * running from a {@code sched_switch} to it until the next one away from it.
 */
public final class ShareRecorder implements TraceListener {

    /** The tracepoints to subscribe this recorder to. */
    public static final Tracepoint[] TRACEPOINTS = {SchedTracepoints.SCHED_SWITCH, SchedTracepoints.SCHED_WAKEUP,
        SchedTracepoints.SCHED_WAKEUP_NEW, SchedTracepoints.SCHED_PROCESS_EXIT, SchedTracepoints.SCHED_POLICY_CHANGE};

    private static final class Followed {
        final List<CpuShares.RunnableSpan> runnable = new ArrayList<>();
        final List<CpuShares.Run> runs = new ArrayList<>();
        long runnableSince = -1;
        int weight;
        long runningSince = -1;
    }

    private final Scheduler scheduler;
    private final Map<Integer, Followed> tasks = new HashMap<>();

    /** @param scheduler where the weight of a task that becomes runnable is read */
    public ShareRecorder(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public boolean onEvent(TraceEvent e) {
        long now = e.timeNs();
        switch (e.name()) {
            case "sched_wakeup", "sched_wakeup_new" -> runnable(pidOf(e, "pid"), now);
            case "sched_switch" -> {
                int prev = pidOf(e, "prev_pid");
                int next = pidOf(e, "next_pid");
                if (prev != 0) {
                    stopRunning(prev, now);
                    if (!e.stringField("prev_state").startsWith("R")) {
                        notRunnable(prev, now);
                    }
                }
                if (next != 0) {
                    runnable(next, now);
                    tasks.get(next).runningSince = now;
                }
            }
            case "sched_process_exit" -> {
                stopRunning(pidOf(e, "pid"), now);
                notRunnable(pidOf(e, "pid"), now);
            }
            case "sched_policy_change" -> {
                Followed f = tasks.get(pidOf(e, "pid"));
                if (f != null && f.runnableSince >= 0) {
                    notRunnable(pidOf(e, "pid"), now);
                    f.runnableSince = now;
                    f.weight = (int) e.longField("weight");
                }
            }
            default -> {
                // not subscribed
            }
        }
        return false;
    }

    private static int pidOf(TraceEvent e, String field) {
        return (int) e.longField(field);
    }

    private void runnable(int pid, long now) {
        Followed f = tasks.computeIfAbsent(pid, p -> new Followed());
        if (f.runnableSince < 0) {
            f.runnableSince = now;
            Task t = scheduler.task(pid);
            f.weight = t == null ? f.weight : TaskStats.of(t).weight();
        }
    }

    private void notRunnable(int pid, long now) {
        Followed f = tasks.get(pid);
        if (f != null && f.runnableSince >= 0) {
            if (now > f.runnableSince) {
                f.runnable.add(new CpuShares.RunnableSpan(f.runnableSince, now, f.weight));
            }
            f.runnableSince = -1;
        }
    }

    private void stopRunning(int pid, long now) {
        Followed f = tasks.get(pid);
        if (f != null && f.runningSince >= 0) {
            List<CpuShares.Run> runs = f.runs;
            if (!runs.isEmpty() && runs.getLast().endNs() == f.runningSince) {
                runs.set(runs.size() - 1, new CpuShares.Run(runs.getLast().startNs(), now));
            } else if (now > f.runningSince) {
                runs.add(new CpuShares.Run(f.runningSince, now));
            }
            f.runningSince = -1;
        }
    }

    /**
     * @param pid a task
     * @param now the current time, where its open intervals end
     * @return what the trace said of it so far
     */
    public CpuShares.History history(int pid, long now) {
        Followed f = tasks.get(pid);
        if (f == null) {
            return new CpuShares.History(pid, List.of(), List.of());
        }
        List<CpuShares.RunnableSpan> runnable = new ArrayList<>(f.runnable);
        if (f.runnableSince >= 0 && now > f.runnableSince) {
            runnable.add(new CpuShares.RunnableSpan(f.runnableSince, now, f.weight));
        }
        List<CpuShares.Run> runs = new ArrayList<>(f.runs);
        if (f.runningSince >= 0 && now > f.runningSince) {
            runs.add(new CpuShares.Run(f.runningSince, now));
        }
        return new CpuShares.History(pid, runnable, runs);
    }
}
