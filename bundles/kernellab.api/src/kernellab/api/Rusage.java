package kernellab.api;

/**
 * Resource usage as {@code getrusage(2)} reports it, with times in nanoseconds of simulated
 * time instead of {@code struct timeval}.
 *
 * @param utimeNs user CPU time
 * @param stimeNs system CPU time
 * @param minflt minor page faults
 * @param majflt major page faults
 * @param nvcsw voluntary context switches (the task blocked or yielded)
 * @param nivcsw involuntary context switches (the task was preempted)
 */
public record Rusage(long utimeNs, long stimeNs, long minflt, long majflt, long nvcsw, long nivcsw) {
}
