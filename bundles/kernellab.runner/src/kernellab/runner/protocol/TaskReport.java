package kernellab.runner.protocol;

import kernellab.api.Policy;

/**
 * One task's numbers at the end of a run.
 *
 * @param pid pid (thread id)
 * @param tgid process id
 * @param ppid parent's process id at the end of the run (1 once re-parented to init)
 * @param comm command name
 * @param policy final policy
 * @param weight final SCHED_WRR weight
 * @param nice final nice value
 * @param cpuTimeNs CPU time consumed ({@code sum_exec_runtime})
 * @param waitTimeNs time spent runnable on a run queue without running ({@code run_delay})
 * @param turnaroundNs exit time − start time, or −1 if still alive
 * @param switches context switches (voluntary + involuntary)
 * @param voluntarySwitches voluntary ones (blocked or yielded)
 * @param involuntarySwitches involuntary ones (preempted)
 * @param migrations migrations between CPUs
 * @param minorFaults page faults served without I/O ({@code min_flt})
 * @param majorFaults page faults that read the page from a file ({@code maj_flt})
 * @param exitStatus exit status as a shell shows it (128 + signal when killed), or {@code null} if alive
 * @param exitReport why it died abnormally (an exception's stack trace, the watchdog), or {@code null}
 */
public record TaskReport(int pid, int tgid, int ppid, String comm, Policy policy, int weight, int nice, long cpuTimeNs, long waitTimeNs,
        long turnaroundNs, long switches, long voluntarySwitches, long involuntarySwitches, long migrations, long minorFaults, long majorFaults, Integer exitStatus,
        String exitReport) {
}
