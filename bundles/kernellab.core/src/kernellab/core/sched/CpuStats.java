package kernellab.core.sched;

/**
 * Statistics of one CPU as data, for reports and snapshots. Counters are those of
 * {@code /proc/schedstat}; the rest describe the run queue at the moment of the snapshot.
 *
 * @param cpu CPU number
 * @param timeNs simulated time of the snapshot
 * @param busyNs time the CPU ran tasks other than its idle task
 * @param nrSwitches context switches
 * @param nrRunning runnable tasks, running one included
 * @param currPid pid of the running task (0 when idle)
 * @param yldCount sched_yield calls
 * @param schedCount schedule() calls
 * @param schedGoidle schedule() calls that switched to the idle task
 * @param ttwuCount wake-ups onto this CPU
 * @param ttwuLocal wake-ups issued from this CPU onto itself
 * @param rqCpuTimeNs time tasks ran
 * @param runDelayNs time tasks waited on this run queue before running
 * @param pcount time slices given out
 * @param migrationsIn tasks migrated to this CPU
 */
public record CpuStats(int cpu, long timeNs, long busyNs, long nrSwitches, int nrRunning, int currPid, long yldCount,
        long schedCount, long schedGoidle, long ttwuCount, long ttwuLocal, long rqCpuTimeNs, long runDelayNs, long pcount,
        long migrationsIn) {
}
