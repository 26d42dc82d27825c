package kernellab.core.proc;

import kernellab.core.sched.CpuStats;
import kernellab.core.sched.Scheduler;

/**
 * {@code /proc/schedstat}, version 15 ({@code kernel/sched/stats.c}): per CPU the yield,
 * schedule and wake-up counters, the time tasks ran, the time they waited, and the number of
 * time slices. The simulated machine has no scheduling domains, so no {@code domain} lines follow.
 */
final class SchedStat {

    private SchedStat() {
    }

    static String render(Scheduler s) {
        StringBuilder sb = new StringBuilder();
        sb.append("version 15\n");
        sb.append("timestamp ").append(s.jiffies()).append('\n');
        for (int cpu = 0; cpu < s.nrCpus(); cpu++) {
            CpuStats st = s.runQueue(cpu).stats();
            sb.append("cpu").append(cpu).append(' ').append(st.yldCount()).append(" 0 ").append(st.schedCount())
                    .append(' ').append(st.schedGoidle()).append(' ').append(st.ttwuCount()).append(' ')
                    .append(st.ttwuLocal()).append(' ').append(st.rqCpuTimeNs()).append(' ').append(st.runDelayNs())
                    .append(' ').append(st.pcount()).append('\n');
        }
        return sb.toString();
    }
}
