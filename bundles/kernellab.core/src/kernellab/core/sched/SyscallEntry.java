package kernellab.core.sched;

import java.util.SplittableRandom;

import kernellab.api.Errno;
import kernellab.core.sim.Coroutine;
import kernellab.core.sim.Engine;

/**
 * Where workload code enters and leaves the kernel (the system-call entry and exit of
 * {@code kernel/entry/common.c}): the checks on entry, the reschedule on return to user mode
 * and the livelock guard, the blocking calls that give the CPU up inside a system call
 * ({@code compute}, {@code nanosleep}), and the same calls for the synthetic behaviours that
 * run without a coroutine ({@link TaskActions}). User-mode CPU work is a per-CPU timer, armed
 * and stopped by the context switch; when it fires the task takes its next step.
 */
public final class SyscallEntry {

    /**
     * System calls a task may make in a row while simulated time stands still before it is
     * killed as a livelock: system calls cost no simulated time, so a loop of them that never
     * computes or sleeps would otherwise freeze the clock.
     */
    static final int LIVELOCK_SYSCALLS = 10_000_000;

    private final Scheduler scheduler;
    private final Engine engine;

    SyscallEntry(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.engine = scheduler.engine;
    }

    /**
     * Starts a system call of a coroutine task: checks that the caller is the task's own thread
     * and still holds control. Every facade method calls this first.
     *
     * @param t the calling task
     * @throws Coroutine.Killed if the task was killed (the facade lets it propagate)
     */
    public void enterSyscall(Task t) {
        Coroutine c = t.coroutine;
        if (c == null || !c.isCurrentThread()) {
            throw new IllegalStateException("system call of " + t + " from another thread: "
                    + Thread.currentThread().getName());
        }
        if (!c.enterKernel()) {
            throw new Coroutine.Killed();
        }
        scheduler.currentCpu = t.cpu;
    }

    /**
     * Ends a system call: returns to workload code, after giving the CPU up if a reschedule
     * or a stop of the engine is pending (preemption on return to user space).
     *
     * @param t the calling task
     */
    public void exitSyscall(Task t) {
        long now = engine.now();
        if (now != t.lastSyscallTime) {
            t.lastSyscallTime = now;
            t.syscallsWithoutTime = 0;
        } else if (++t.syscallsWithoutTime >= LIVELOCK_SYSCALLS) {
            scheduler.exit().doExit(t, 0, Signal.SIGKILL.number(), t.comm + "[" + t.pid + "]: killed: " + LIVELOCK_SYSCALLS
                    + " system calls without letting simulated time pass (a livelock, e.g. a sched_yield loop)");
            scheduler.signals().exitKilled(t);
        }
        RunQueue rq = scheduler.rqs[t.cpu];
        if (rq.needResched || rq.curr != t || engine.stopRequested()) {
            if (rq.curr == t) {
                t.workRemaining = 0;
                engine.schedule(rq.workDone, engine.now());
            }
            t.coroutine.suspend();
        } else {
            t.coroutine.enterUser();
        }
    }

    /** After a suspend inside a system call that goes on: back to kernel mode. */
    void enterAgain(Task t) {
        if (!t.coroutine.enterKernel()) {
            throw new Coroutine.Killed();
        }
        scheduler.currentCpu = t.cpu;
    }

    /**
     * {@code compute}: the caller uses CPU for {@code ns}; returns (via the coroutine) when done.
     *
     * @param t the caller
     * @param ns CPU time
     */
    public void compute(Task t, long ns) {
        if (ns < 0) {
            throw new Errno(Errno.EINVAL);
        }
        setWork(t, ns);
        t.coroutine.suspend();
        enterAgain(t);
    }

    /**
     * Sleeps the caller for {@code ns} in state S ({@code nanosleep}) or D (I/O).
     *
     * @param t the caller
     * @param ns duration
     * @param io {@code true} for uninterruptible I/O wait
     */
    public void sleep(Task t, long ns, boolean io) {
        if (ns < 0) {
            throw new Errno(Errno.EINVAL);
        }
        scheduler.block(t, io ? TaskState.UNINTERRUPTIBLE : TaskState.INTERRUPTIBLE, engine.now() + ns);
        t.coroutine.suspend();
        enterAgain(t);
    }

    /** Arms the CPU's work timer for the task just switched in, or asks it for its next action. */
    void startWork(RunQueue rq, Task t) {
        long now = engine.now();
        t.workStartedAt = now;
        if (t.workRemaining == TaskActions.FOREVER) {
            return;
        }
        engine.schedule(rq.workDone, now + t.workRemaining);
    }

    /** Stops the CPU's work timer for the task leaving it, keeping what is left of its work. */
    void stopWork(RunQueue rq, Task t) {
        if (t.workRemaining != TaskActions.FOREVER) {
            t.workRemaining = Math.max(0, t.workRemaining - (engine.now() - t.workStartedAt));
        }
        engine.cancel(rq.workDone);
    }

    /** The running task finished its CPU work: it chooses its next action. */
    void workDone(RunQueue rq) {
        scheduler.currentCpu = rq.cpu;
        Task t = rq.curr;
        scheduler.updateCurr(rq);
        t.workRemaining = 0;
        if (t.coroutine != null) {
            engine.resume(t.coroutine);
        } else if (t == scheduler.init) {
            scheduler.exit().initReap();
        } else {
            t.behaviour.next(t, actions(t));
        }
    }

    /** @return the calls of a synthetic behaviour, the same as a coroutine's without the coroutine */
    TaskActions actions(Task t) {
        return new TaskActions() {
            @Override
            public void compute(long ns) {
                if (ns < 0) {
                    throw new IllegalArgumentException("negative compute: " + ns);
                }
                setWork(t, ns);
            }

            @Override
            public void sleep(long ns) {
                scheduler.block(t, TaskState.INTERRUPTIBLE, engine.now() + ns);
            }

            @Override
            public void sleepUntil(long timeNs) {
                scheduler.block(t, TaskState.INTERRUPTIBLE, Math.max(timeNs, engine.now()));
            }

            @Override
            public void io(long ns) {
                scheduler.block(t, TaskState.UNINTERRUPTIBLE, engine.now() + ns);
            }

            @Override
            public void exit(int status) {
                scheduler.exit().doGroupExit(t, status);
            }

            @Override
            public SplittableRandom random() {
                return engine.random();
            }
        };
    }

    private void setWork(Task t, long ns) {
        long now = engine.now();
        t.workStartedAt = now;
        if (ns >= TaskActions.FOREVER - now) {
            t.workRemaining = TaskActions.FOREVER;
        } else {
            t.workRemaining = ns;
            engine.schedule(scheduler.rqs[t.cpu].workDone, now + ns);
        }
    }
}
