package kernellab.api;

/**
 * Code that runs as a task on the simulated kernel: the {@code main} of a simulated program.
 * The kernel calls {@link #run(Syscalls)} on the task's own thread; every interaction with
 * the simulated machine goes through the system calls of the given {@link Syscalls}.
 *
 * <p>Java code itself costs no simulated time: a workload spends simulated CPU time only with
 * {@link Syscalls#compute(long)} and waits with {@link Syscalls#nanosleep(long)} or
 * {@link Syscalls#io(long)}. Only one task's Java code runs at a time and the kernel takes
 * control back at each system call, so the result of a run depends only on the machine, the
 * workloads and the seed.
 *
 * <p>Returning from {@code run} is {@code exit(0)}. An exception escaping {@code run} kills
 * the task like SIGABRT (wait status signal 6, shell exit code 134); its stack trace is kept
 * in the task's exit report. A workload that runs Java code for too long without making a
 * system call is killed by the simulator's watchdog, and one that makes millions of system
 * calls in a row without ever letting simulated time pass (no compute, sleep or I/O) is killed
 * as a livelock. Other tasks go on in all these cases.
 *
 * <p>Returning from the {@code run} of a process's main thread ends the whole process, threads
 * included, like returning from {@code main} in C; returning from a thread's {@code run} ends
 * only that thread.
 *
 * <pre>{@code
 * public class Hog implements Workload {
 *     public void run(Syscalls sys) {
 *         sys.schedSetweight(0, 5);
 *         for (int i = 0; i < 100; i++) {
 *             sys.compute(10_000_000);          // 10 ms of CPU
 *         }
 *     }
 * }
 * }</pre>
 *
 * A workload class needs a public no-argument constructor when it is launched by name.
 */
@FunctionalInterface
public interface Workload {

    /**
     * The task's program.
     *
     * @param sys the system calls of the task running this code
     * @throws Exception anything; it kills this task (SIGABRT), not the simulator
     */
    void run(Syscalls sys) throws Exception;
}
