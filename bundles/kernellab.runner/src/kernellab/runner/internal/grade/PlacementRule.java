package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import kernellab.api.Policy;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.TraceListener;

/**
 * Checks every placement of a SCHED_WRR task on fork ({@code sched_wakeup_new}) and wake-up
 * ({@code sched_wakeup}) against the lab's rule, on the run queues as they are when the kernel
 * emits the event (the task just enqueued on the CPU its class chose): the allowed CPU with the
 * least total WRR weight; among equals the one running most tasks of its thread group (when it
 * has more than one thread); then the lowest CPU number.
 */
final class PlacementRule implements TraceListener {

    private final Scheduler scheduler;
    private final List<String> violations = new ArrayList<>();
    private int placements;
    private int tiesByGroup;

    PlacementRule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public boolean onEvent(TraceEvent e) {
        if (!e.name().equals("sched_wakeup_new") && !e.name().equals("sched_wakeup")) {
            return false;
        }
        Task p = scheduler.task((int) e.longField("pid"));
        if (p == null || p.policy() != Policy.SCHED_WRR || !p.schedClassName().equals(scheduler.policyClassName())) {
            return false;
        }
        placements++;
        int chosen = (int) e.longField("target_cpu");
        BitSet allowed = p.cpusAllowed();
        long[] weight = new long[scheduler.nrCpus()];
        int[] siblings = new int[scheduler.nrCpus()];
        long least = Long.MAX_VALUE;
        for (int cpu = 0; cpu < weight.length; cpu++) {
            for (Task t : scheduler.runQueue(cpu).ext().tasks()) {
                if (t != p) {
                    weight[cpu] += t.weight();
                    siblings[cpu] += t.tgid() == p.tgid() ? 1 : 0;
                }
            }
            if (allowed.get(cpu)) {
                least = Math.min(least, weight[cpu]);
            }
        }
        int expected = -1;
        int ties = 0;
        for (int cpu = 0; cpu < weight.length; cpu++) {
            if (!allowed.get(cpu) || weight[cpu] != least) {
                continue;
            }
            ties++;
            if (expected < 0 || p.threadCount() > 1 && siblings[cpu] > siblings[expected]) {
                expected = cpu;
            }
        }
        boolean byGroup = ties > 1 && p.threadCount() > 1 && siblings[expected] > 0;
        if (byGroup) {
            tiesByGroup++;
        }
        if (chosen != expected && violations.size() < 3) {
            StringBuilder sb = new StringBuilder();
            sb.append("at ").append(Stretches.ms(e.timeNs())).append(e.name().equals("sched_wakeup_new") ? " the fork of " : " the wake-up of ")
                    .append(p.comm()).append('[').append(p.pid()).append("] (weight ").append(p.weight()).append(") went to CPU ")
                    .append(chosen).append("; total weights");
            for (int cpu = 0; cpu < weight.length; cpu++) {
                if (allowed.get(cpu)) {
                    sb.append(cpu == 0 ? " " : ", ").append("CPU ").append(cpu).append(": ").append(weight[cpu]);
                }
            }
            sb.append(" -> the rule gives CPU ").append(expected);
            if (byGroup) {
                sb.append(" (a tie broken by thread group: it runs ").append(siblings[expected]).append(" of its threads)");
            } else if (ties > 1) {
                sb.append(" (a tie broken by the lowest CPU number)");
            } else {
                sb.append(" (least total weight)");
            }
            violations.add(sb.toString());
        }
        return false;
    }

    /** @return the first wrong placements, at most 3 */
    List<String> violations() {
        return violations;
    }

    /** @return placements checked */
    int placements() {
        return placements;
    }

    /** @return placements decided by the thread-group tie-break */
    int tiesByGroup() {
        return tiesByGroup;
    }
}
