package kernellab.runner.protocol;

import kernellab.api.Policy;

/**
 * A task's {@code task_struct} fields as the IDE shows them.
 *
 * @param pid thread id
 * @param tgid process id
 * @param ppid parent's process id
 * @param comm command name
 * @param state state letter as ps prints it (R, S, D, Z, X)
 * @param policy scheduling policy
 * @param schedClass the scheduling class that runs it now ({@code rt}, {@code fair}, the class of
 *        policy 7 such as {@code wrr}, {@code idle}): a task of policy 7 is in {@code fair} when its
 *        class was disabled
 * @param prio kernel priority (0–98 RT, 100–139 others)
 * @param rtPriority RT priority, 0 for other policies
 * @param nice nice value
 * @param weight weight in the class of policy 7 (SCHED_WRR)
 * @param sliceRemainingNs what is left of that class's (or the RR) time slice
 * @param vruntime fair-class virtual runtime, ns
 * @param cpu the CPU it runs or is queued on (or last ran on)
 * @param onCpu whether it is running
 * @param onRq whether it is runnable
 * @param cpusAllowed allowed CPUs as a list like {@code 0-3}
 * @param uid user id
 * @param sumExecRuntimeNs CPU time consumed
 * @param runDelayNs time spent runnable but waiting
 * @param nvcsw voluntary context switches
 * @param nivcsw involuntary context switches
 * @param migrations migrations between CPUs
 * @param startTimeNs creation time
 * @param exitTimeNs exit time, or −1 while alive
 * @param minorFaults page faults served without I/O ({@code min_flt})
 * @param majorFaults page faults that read the page from a file ({@code maj_flt})
 */
public record TaskInfo(int pid, int tgid, int ppid, String comm, String state, Policy policy, String schedClass, int prio, int rtPriority, int nice,
        int weight, long sliceRemainingNs, long vruntime, int cpu, boolean onCpu, boolean onRq, String cpusAllowed, int uid,
        long sumExecRuntimeNs, long runDelayNs, long nvcsw, long nivcsw, long migrations, long startTimeNs, long exitTimeNs,
        long minorFaults, long majorFaults) {
}
