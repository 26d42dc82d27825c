package kernellab.api;

import java.util.BitSet;
import java.util.List;

/**
 * The system calls a {@link Workload} can make, named after their Linux counterparts. Every
 * call runs in the context of the calling task (the task whose {@code run} received this
 * object). Failures throw {@link Errno} with the error number Linux returns. A {@code pid}
 * argument of 0 means the calling task, as in Linux.
 *
 * <p>Permission rules follow {@code kernel/sched/syscalls.c}: a task running as root
 * (uid 0) may change any task in any way; another uid may only change tasks of its own uid,
 * may lower but not raise priorities (nice, WRR weight) and cannot select a real-time policy
 * ({@code RLIMIT_RTPRIO} is 0).
 */
public interface Syscalls {

    /** {@code waitpid} option: return at once with pid 0 if no child has exited. */
    int WNOHANG = 1;
    /** {@code setpriority}/{@code getpriority} target kind: a single process. */
    int PRIO_PROCESS = 0;
    /** {@code clock_gettime} clock: wall-clock time (the simulated clock, starting at boot). */
    int CLOCK_REALTIME = 0;
    /** {@code clock_gettime} clock: time since boot. */
    int CLOCK_MONOTONIC = 1;
    /** {@code clock_gettime} clock: CPU time of the calling thread group. */
    int CLOCK_PROCESS_CPUTIME_ID = 2;
    /** {@code clock_gettime} clock: CPU time of the calling thread. */
    int CLOCK_THREAD_CPUTIME_ID = 3;
    /** {@code getrusage} target: the calling process (all its threads). */
    int RUSAGE_SELF = 0;
    /** {@code getrusage} target: its terminated and waited-for children. */
    int RUSAGE_CHILDREN = -1;
    /** {@code getrusage} target: the calling thread. */
    int RUSAGE_THREAD = 1;

    // ---- identity

    /** @return the process id (thread-group id) of the caller */
    int getpid();

    /** @return the thread id of the caller (equal to {@link #getpid()} for a main thread) */
    int gettid();

    /** @return the pid of the caller's parent (1 once the parent has exited: re-parented to init) */
    int getppid();

    /** @return the caller's user id */
    int getuid();

    /** @return the command-line arguments the workload was launched with (not including the name) */
    List<String> argv();

    // ---- processes and threads

    /**
     * Creates a child process, like {@code fork(2)}. Java cannot duplicate a running method,
     * so the child runs {@code child} from its beginning; everything else is inherited as
     * Linux does: policy, priority, nice, WRR weight, CPU affinity and uid (not the remaining
     * time slice). The child is placed on a CPU by its scheduling class and may run before
     * this call returns to the parent.
     *
     * @param child the code the child process runs
     * @return the child's pid
     * @throws Errno {@link Errno#EAGAIN} if no pid is free
     */
    int fork(Workload child);

    /**
     * Creates a thread in the caller's thread group, like {@code pthread_create} (clone with
     * {@code CLONE_THREAD}): same pid (tgid), own tid, inherited scheduling attributes.
     *
     * @param thread the code the new thread runs
     * @return the new thread's tid
     * @throws Errno {@link Errno#EAGAIN} if no pid is free
     */
    int createThread(Workload thread);

    /**
     * Terminates the calling task with an exit status, like {@code _exit(2)}. Does not return.
     *
     * @param status exit status; only the low 8 bits are reported to the parent
     */
    void exit(int status);

    /**
     * Waits for a child to exit and reaps it, like {@code waitpid(2)}.
     *
     * @param pid the child to wait for, or -1 for any child
     * @param options 0 or {@link #WNOHANG}
     * @return the reaped child and its status; pid 0 with {@link #WNOHANG} when none has exited
     * @throws Errno {@link Errno#ECHILD} if there is no such child, {@link Errno#EINVAL} for bad options
     */
    WaitStatus waitpid(int pid, int options);

    // ---- scheduling policy and parameters

    /**
     * Sets policy and real-time priority, like {@code sched_setscheduler(2)}. Switching a task
     * to SCHED_WRR from another policy gives it the default weight 10.
     *
     * @param pid target, 0 for the caller
     * @param policy the new policy
     * @param priority 1–99 for SCHED_FIFO/SCHED_RR, 0 for every other policy
     * @throws Errno {@link Errno#EINVAL} for a negative pid or a priority out of range
     *         (SCHED_WRR with priority ≠ 0 included), {@link Errno#ESRCH} if no such task,
     *         {@link Errno#EPERM} if not allowed (see the class comment)
     */
    void schedSetscheduler(int pid, Policy policy, int priority);

    /**
     * @param pid target, 0 for the caller
     * @return its policy, like {@code sched_getscheduler(2)}
     * @throws Errno {@link Errno#EINVAL} for a negative pid, {@link Errno#ESRCH} if no such task
     */
    Policy schedGetscheduler(int pid);

    /**
     * Sets the real-time priority within the current policy, like {@code sched_setparam(2)}.
     *
     * @param pid target, 0 for the caller
     * @param priority 1–99 for real-time policies, 0 otherwise
     * @throws Errno as {@link #schedSetscheduler(int, Policy, int)}
     */
    void schedSetparam(int pid, int priority);

    /**
     * @param pid target, 0 for the caller
     * @return its real-time priority (0 for non-real-time policies), like {@code sched_getparam(2)}
     * @throws Errno {@link Errno#EINVAL} for a negative pid, {@link Errno#ESRCH} if no such task
     */
    int schedGetparam(int pid);

    /**
     * Sets the SCHED_WRR weight. The slice being consumed keeps its length: the new weight
     * takes effect at the next refill.
     *
     * @param pid target, 0 for the caller
     * @param weight 1–20
     * @throws Errno {@link Errno#EINVAL} for a weight outside 1–20, a negative pid or a task
     *         that is not SCHED_WRR; {@link Errno#ESRCH} if no such task; {@link Errno#EPERM}
     *         when a non-root caller raises a weight or changes another user's task
     */
    void schedSetweight(int pid, int weight);

    /**
     * @param pid target, 0 for the caller
     * @return its SCHED_WRR weight
     * @throws Errno {@link Errno#EINVAL} for a negative pid or a task that is not SCHED_WRR,
     *         {@link Errno#ESRCH} if no such task
     */
    int schedGetweight(int pid);

    /**
     * Gives up the CPU, like {@code sched_yield(2)}: the caller goes to the back of its
     * queue (SCHED_FIFO/RR/WRR) or is skipped once (fair class).
     */
    void schedYield();

    /**
     * Adds to the caller's nice value, like {@code nice(2)}; the result is clamped to −20…19.
     *
     * @param increment change of the nice value
     * @return the new nice value
     * @throws Errno {@link Errno#EPERM} if a non-root caller lowers its nice value
     */
    int nice(int increment);

    /**
     * Sets the nice value of a process, like {@code setpriority(2)} with {@link #PRIO_PROCESS}.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who pid, 0 for the caller
     * @param prio the nice value, clamped to −20…19
     * @throws Errno {@link Errno#EINVAL} for another {@code which}, {@link Errno#ESRCH} if no
     *         such task, {@link Errno#EPERM} for another user's task, {@link Errno#EACCES}
     *         if a non-root caller lowers the nice value
     */
    void setpriority(int which, int who, int prio);

    /**
     * @param which {@link #PRIO_PROCESS}
     * @param who pid, 0 for the caller
     * @return the nice value of the process (libc's view, −20…19)
     * @throws Errno {@link Errno#EINVAL} for another {@code which}, {@link Errno#ESRCH} if no such task
     */
    int getpriority(int which, int who);

    /**
     * Restricts the CPUs a task may run on, like {@code sched_setaffinity(2)}. CPUs beyond the
     * machine's are ignored. A task running or queued on a CPU outside the mask is migrated.
     *
     * @param pid target, 0 for the caller
     * @param mask allowed CPUs (bit n = CPU n)
     * @throws Errno {@link Errno#EINVAL} if the mask contains no CPU of the machine,
     *         {@link Errno#ESRCH} if no such task, {@link Errno#EPERM} for another user's task
     */
    void schedSetaffinity(int pid, BitSet mask);

    /**
     * @param pid target, 0 for the caller
     * @return a copy of its allowed CPUs
     * @throws Errno {@link Errno#ESRCH} if no such task, {@link Errno#EINVAL} for a negative pid
     */
    BitSet schedGetaffinity(int pid);

    /** @return the CPU the caller is running on, like {@code sched_getcpu(3)} */
    int schedGetcpu();

    // ---- time

    /**
     * Spends simulated CPU time: the caller stays runnable and consumes {@code ns} nanoseconds
     * of CPU, possibly interrupted by preemption (then it waits on its run queue, which is not
     * counted). This is how a workload "computes" or spins.
     *
     * @param ns CPU time in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void compute(long ns);

    /**
     * Sleeps (state S, interruptible) for a simulated duration, like {@code nanosleep(2)}.
     *
     * @param ns duration in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void nanosleep(long ns);

    /**
     * Blocks in uninterruptible I/O wait (state D) for a simulated duration, like a read
     * from a slow disk.
     *
     * @param ns duration in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void io(long ns);

    /**
     * @param clockId {@link #CLOCK_REALTIME}, {@link #CLOCK_MONOTONIC},
     *        {@link #CLOCK_PROCESS_CPUTIME_ID} or {@link #CLOCK_THREAD_CPUTIME_ID}
     * @return the clock's value in nanoseconds, like {@code clock_gettime(2)}
     * @throws Errno {@link Errno#EINVAL} for an unknown clock
     */
    long clockGettime(int clockId);

    /**
     * @param who {@link #RUSAGE_SELF}, {@link #RUSAGE_CHILDREN} or {@link #RUSAGE_THREAD}
     * @return resource usage, like {@code getrusage(2)}
     * @throws Errno {@link Errno#EINVAL} for another {@code who}
     */
    Rusage getrusage(int who);

    // ---- output

    /**
     * Writes text to the task's standard output, like {@code write(1, …)}; the runner shows it
     * prefixed with the task.
     *
     * @param text the text
     */
    void print(String text);
}
