package kernellab.core.sched;

import kernellab.api.Errno;
import kernellab.api.Rusage;
import kernellab.api.Syscalls;

/**
 * Resource usage and clocks: {@code getrusage} ({@code kernel/sys.c}) and
 * {@code clock_gettime} with the CPU-time clocks of a thread and of a process
 * ({@code kernel/time/posix-cpu-timers.c}). The running caller is charged first, so the
 * figures include its current stretch on the CPU.
 */
public final class Sys {

    private final Scheduler scheduler;

    Sys(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * {@code getrusage}: CPU times and context switches of the calling thread, of its process,
     * or of its reaped children ({@code RUSAGE_CHILDREN}: everything, page faults included, as
     * accumulated by {@code wait}). The page faults of a thread or a live process are the
     * caller's to add, from the tasks' counters.
     *
     * @param t the caller
     * @param who RUSAGE_SELF, RUSAGE_CHILDREN or RUSAGE_THREAD
     * @return the usage
     */
    public Rusage getrusage(Task t, int who) {
        RunQueue rq = scheduler.rqs[t.cpu];
        if (rq.curr == t) {
            scheduler.updateCurr(rq);
        }
        return switch (who) {
            case Syscalls.RUSAGE_THREAD -> new Rusage(t.utime, t.stime, 0, 0, t.nvcsw, t.nivcsw);
            case Syscalls.RUSAGE_CHILDREN -> {
                Task l = t.groupLeader;
                yield new Rusage(l.cutime, l.cstime, l.cminFlt, l.cmajFlt, l.cnvcsw, l.cnivcsw);
            }
            case Syscalls.RUSAGE_SELF -> {
                long u = 0;
                long s = 0;
                long v = 0;
                long iv = 0;
                for (Task th : t.threadGroup()) {
                    u += th.utime;
                    s += th.stime;
                    v += th.nvcsw;
                    iv += th.nivcsw;
                }
                yield new Rusage(u, s, 0, 0, v, iv);
            }
            default -> throw new Errno(Errno.EINVAL);
        };
    }

    /**
     * {@code clock_gettime}: the real-time and monotonic clocks read simulated time, the CPU-time
     * clocks the runtime of the calling thread or of its whole thread group.
     *
     * @param t the caller
     * @param clockId a clock id of {@link Syscalls}
     * @return the clock's value, ns
     */
    public long clockGettime(Task t, int clockId) {
        return switch (clockId) {
            case Syscalls.CLOCK_REALTIME, Syscalls.CLOCK_MONOTONIC -> scheduler.engine.now();
            case Syscalls.CLOCK_THREAD_CPUTIME_ID -> {
                scheduler.updateCurr(scheduler.rqs[t.cpu]);
                yield t.sumExecRuntime;
            }
            case Syscalls.CLOCK_PROCESS_CPUTIME_ID -> {
                scheduler.updateCurr(scheduler.rqs[t.cpu]);
                long sum = 0;
                for (Task th : t.threadGroup()) {
                    sum += th.sumExecRuntime;
                }
                yield sum;
            }
            default -> throw new Errno(Errno.EINVAL);
        };
    }
}
