package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.core.trace.TraceEvent;

/**
 * The stretches a task ran in a row, read from {@code sched_switch}: from the switch to it to the
 * switch away from it on the same CPU. A slice is one such stretch on a CPU it does not share
 * with anything but other WRR tasks. A stretch of no time (a task switched in only to exit or
 * to sleep at once) is left out.
 */
final class Stretches {

    /**
     * @param pid the task
     * @param cpu where it ran
     * @param startNs switched in
     * @param endNs switched out
     */
    record Stretch(int pid, int cpu, long startNs, long endNs) {
        long lengthNs() {
            return endNs - startNs;
        }
    }

    private Stretches() {
    }

    /**
     * @param events a run's events
     * @param pid a task
     * @return its stretches of more than no time, in time order
     */
    static List<Stretch> of(List<TraceEvent> events, int pid) {
        List<Stretch> out = new ArrayList<>();
        Map<Integer, Long> since = new HashMap<>();
        for (TraceEvent e : events) {
            if (!e.name().equals("sched_switch")) {
                continue;
            }
            if (e.longField("prev_pid") == pid && since.containsKey(e.cpu())) {
                long start = since.remove(e.cpu());
                if (e.timeNs() > start) {
                    out.add(new Stretch(pid, e.cpu(), start, e.timeNs()));
                }
            }
            if (e.longField("next_pid") == pid) {
                since.put(e.cpu(), e.timeNs());
            }
        }
        return out;
    }

    /**
     * @param ns a duration
     * @return it in milliseconds for messages, e.g. {@code 30 ms} or {@code 12.5 ms}
     */
    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6).replaceFirst("\\.?0+$", "") + " ms";
    }
}
