package kernellab.examples.sched;

import java.util.BitSet;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * Where new threads land: SCHED_WRR places a new task on the allowed CPU with the least total
 * weight; among equally loaded CPUs it prefers the one running more threads of the same
 * thread group (they share an address space and caches), and only then the lowest CPU id.
 *
 * <p>On an {@code n}-CPU machine (4 by default) the main thread first moves itself to the last
 * CPU with {@code sched_setaffinity} and allows all CPUs again (it stays where it is), then
 * forks {@code n − 1} short neighbour processes, which fill CPUs 0 … n−2 (least weight, then
 * lowest id): every CPU now has total weight 10. It then creates {@value #THREADS} threads of
 * weight 10; each prints the CPU it first runs on:
 * <pre>
 * main thread on CPU 3
 * thread 1 (tid 6) on CPU 3
 * neighbour 1 on CPU 0
 * thread 2 (tid 7) on CPU 0
 * </pre>
 *
 * <p>What to observe on 4 CPUs: thread 1 goes to CPU 3, not CPU 0: all CPUs weigh 10 and CPU 3
 * runs the main thread (the thread-group tie-break). Thread 2 sees CPU 3 at 20 and CPUs 0–2 at
 * 10 with no thread of the group: lowest id, CPU 0; threads 3 and 4 fill CPUs 1 and 2. Thread 5
 * sees four CPUs at 20 and goes back to CPU 3, which runs two threads of the group. The
 * {@code sched_wakeup_new} events of the trace (or a breakpoint on them) show each choice.
 * There is no {@code pthread_join}: the main thread sleeps until its threads are done.
 */
public class ThreadPlacement implements Workload {

    /** Threads the main thread creates. */
    public static final int THREADS = 5;
    /** One millisecond, ns. */
    private static final long MS = 1_000_000L;

    /** Creates the program. */
    public ThreadPlacement() {
    }

    @Override
    public void run(Syscalls sys) {
        BitSet all = sys.schedGetaffinity(0);
        int last = all.length() - 1;
        if (all.cardinality() < 2) {
            sys.print("thread placement needs at least 2 CPUs\n");
            sys.exit(1);
        }
        BitSet lastCpu = new BitSet();
        lastCpu.set(last);
        sys.schedSetaffinity(0, lastCpu);
        sys.schedSetaffinity(0, all);
        sys.print("main thread on CPU " + sys.schedGetcpu() + "\n");
        for (int i = 1; i < all.cardinality(); i++) {
            int n = i;
            sys.fork(neighbour -> {
                neighbour.print("neighbour " + n + " on CPU " + neighbour.schedGetcpu() + "\n");
                neighbour.compute(5 * MS);
            });
        }
        for (int i = 1; i <= THREADS; i++) {
            int n = i;
            sys.createThread(thread -> {
                thread.print("thread " + n + " (tid " + thread.gettid() + ") on CPU " + thread.schedGetcpu() + "\n");
                thread.compute(20 * MS);
            });
        }
        for (int i = 1; i < all.cardinality(); i++) {
            sys.waitpid(-1, 0);
        }
        sys.nanosleep(1_000 * MS);
    }
}
