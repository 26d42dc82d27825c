package kernellab.core.sched;

import kernellab.api.Policy;

/**
 * Statistics of one task as data, for reports (the runner's JSON) and snapshots (the IDE).
 *
 * @param pid pid
 * @param tgid thread-group id
 * @param ppid parent pid
 * @param comm command name
 * @param state state letter
 * @param policy policy
 * @param rtPriority RT priority
 * @param nice nice value
 * @param prio kernel priority
 * @param weight weight in the class of policy 7 (SCHED_WRR)
 * @param sliceRemainingNs remaining slice in that class
 * @param vruntimeNs virtual runtime
 * @param cpu CPU
 * @param running whether it runs now
 * @param cpuTimeNs CPU time (sum_exec_runtime)
 * @param utimeNs user time
 * @param stimeNs system time
 * @param waitTimeNs time runnable but waiting (run_delay)
 * @param voluntarySwitches voluntary context switches
 * @param involuntarySwitches involuntary context switches
 * @param migrations migrations
 * @param startNs creation time
 * @param exitNs exit time, −1 while alive
 * @param turnaroundNs exit − start, −1 while alive
 * @param exitStatus shell exit status (128 + signal when killed), −1 while alive
 * @param exitReport why it died abnormally (stack trace, watchdog), or {@code null}
 */
public record TaskStats(int pid, int tgid, int ppid, String comm, char state, Policy policy, int rtPriority, int nice,
        int prio, int weight, long sliceRemainingNs, long vruntimeNs, int cpu, boolean running, long cpuTimeNs,
        long utimeNs, long stimeNs, long waitTimeNs, long voluntarySwitches, long involuntarySwitches,
        long migrations, long startNs, long exitNs, long turnaroundNs, int exitStatus, String exitReport) {

    /**
     * @param t a task
     * @return its statistics now
     */
    public static TaskStats of(Task t) {
        return new TaskStats(t.pid, t.tgid, t.ppid(), t.comm, t.state.letter(), t.policy, t.rtPriority, t.nice(),
                t.prio, t.scx.weight, t.scx.slice, t.se.vruntime, t.cpu, t.onCpu, t.sumExecRuntime, t.utime,
                t.stime, t.runDelay, t.nvcsw, t.nivcsw, t.nrMigrations, t.startTime, t.exitTime, t.turnaround(),
                t.exitTime < 0 ? -1 : t.shellExitStatus(), t.exitReport);
    }
}
