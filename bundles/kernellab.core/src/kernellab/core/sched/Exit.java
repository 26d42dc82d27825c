package kernellab.core.sched;

import java.util.List;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.api.WaitStatus;
import kernellab.core.sim.Coroutine;
import kernellab.core.sim.Engine;
import kernellab.core.sim.StopReason;
import kernellab.core.trace.SchedTracepoints;

/**
 * Process exit and wait ({@code kernel/exit.c}): {@code exit_group}, {@code do_exit} with the
 * reparenting of children to init, zombies, {@code waitpid} and the reaping that adds a child's
 * usage to its parent ({@code wait_task_zombie}), and init's own reaping loop.
 */
public final class Exit {

    private final Scheduler scheduler;
    private final Engine engine;

    Exit(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.engine = scheduler.engine;
    }

    /**
     * {@code exit_group}: ends the caller's thread group; never returns normally.
     *
     * @param t the caller, running on its own coroutine
     * @param status exit status
     * @throws Coroutine.Killed always, to unwind the caller's workload code
     */
    public void exitGroup(Task t, int status) {
        doGroupExit(t, status);
        t.coroutine.finish();
        throw new Coroutine.Killed();
    }

    /** {@code do_group_exit}: the whole thread group exits with the status, the caller last. */
    void doGroupExit(Task t, int status) {
        for (Task sibling : t.threadGroup()) {
            if (sibling != t && sibling.exitTime < 0) {
                doExit(sibling, status, 0, null);
                if (sibling.coroutine != null) {
                    sibling.coroutine.kill();
                }
            }
        }
        doExit(t, status, 0, null);
    }

    /**
     * {@code do_exit}: the task stops being runnable, its children go to init, its parent is
     * notified; a process becomes a zombie until reaped, a thread is released at once.
     */
    void doExit(Task t, int code, int signal, String report) {
        if (t.exitTime >= 0) {
            return;
        }
        RunQueue rq = scheduler.rqs[t.cpu];
        boolean running = rq.curr == t;
        if (running) {
            scheduler.updateCurr(rq);
        }
        t.exitTime = engine.now();
        t.exitCode = code;
        t.exitSignal = signal;
        t.exitReport = report;
        t.waiting = false;
        engine.cancel(t.wakeTimer);
        if (t.onRq && !running) {
            scheduler.deactivateTask(rq, t, SchedClass.FLAG_SLEEP_WAKEUP);
        }
        t.schedClass.taskExit(t);
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_PROCESS_EXIT)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_PROCESS_EXIT).field("comm", t.comm).field("pid", t.pid)
                    .field("prio", t.prio).emit();
        }
        for (TaskLifecycleListener l : scheduler.lifecycleListeners) {
            l.onExit(t);
        }
        Task init = scheduler.init;
        for (Task c : List.copyOf(t.children)) {
            c.parent = init;
            init.children.add(c);
            if (reapable(c)) {
                notifyParent(c);
            }
        }
        t.children.clear();
        if (Scheduler.isUserTask(t)) {
            scheduler.userTasksAlive--;
            if (scheduler.userTasksAlive == 0 && scheduler.stopWhenAllExited) {
                engine.requestStop(StopReason.Kind.CONDITION, null);
            }
        }
        if (t != t.groupLeader) {
            t.state = TaskState.DEAD;
            release(t);
            if (reapable(t.groupLeader)) {
                notifyParent(t.groupLeader);
            }
        } else {
            t.state = TaskState.ZOMBIE;
            if (reapable(t)) {
                notifyParent(t);
            }
        }
        if (running) {
            scheduler.schedule(rq);
        }
    }

    /** @return whether the task is a zombie process whose threads have all exited */
    private static boolean reapable(Task t) {
        return t.state == TaskState.ZOMBIE && t.liveThreads() == 0;
    }

    /** Wakes the parent if it waits for this child or for any ({@code do_notify_parent}). */
    private void notifyParent(Task child) {
        Task parent = child.parent;
        if (parent != null && parent.waiting && (parent.waitingFor == -1 || parent.waitingFor == child.pid)) {
            parent.waiting = false;
            scheduler.tryToWakeUp(parent);
        }
    }

    /**
     * {@code waitpid}: reaps a zombie child, sleeping until one exits unless WNOHANG.
     *
     * @param t the caller
     * @param pid a child's pid, or −1 (or 0) for any child
     * @param options 0 or WNOHANG
     * @return the reaped child's pid and status
     * @throws Errno EINVAL for unknown options, ECHILD if there is no such child
     */
    public WaitStatus waitpid(Task t, int pid, int options) {
        if ((options & ~Syscalls.WNOHANG) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        int want = pid <= 0 ? -1 : pid;
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_PROCESS_WAIT)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_PROCESS_WAIT).field("comm", t.comm).field("pid", pid)
                    .field("prio", t.prio).emit();
        }
        for (;;) {
            boolean any = false;
            for (Task c : t.children) {
                if (want != -1 && c.pid != want) {
                    continue;
                }
                any = true;
                if (reapable(c)) {
                    int status = c.waitStatus();
                    reap(t, c);
                    return new WaitStatus(c.pid, status);
                }
            }
            if (!any) {
                throw new Errno(Errno.ECHILD);
            }
            if ((options & Syscalls.WNOHANG) != 0) {
                return new WaitStatus(0, 0);
            }
            t.waiting = true;
            t.waitingFor = want;
            scheduler.block(t, TaskState.INTERRUPTIBLE, -1);
            t.coroutine.suspend();
            scheduler.entry().enterAgain(t);
        }
    }

    /** init's life: reap every zombie child, then sleep in wait() until a child exits. */
    void initReap() {
        Task init = scheduler.init;
        for (Task c : List.copyOf(init.children)) {
            if (reapable(c)) {
                reap(init, c);
            }
        }
        init.waiting = true;
        init.waitingFor = -1;
        scheduler.block(init, TaskState.INTERRUPTIBLE, -1);
    }

    /**
     * Reaps a zombie as {@code wait_task_zombie} does: the waiting process's signal_struct (here
     * its group leader's counters) adds what the child's thread group used and what its own
     * reaped children had: CPU times ({@code cutime}, {@code cstime}), page faults
     * ({@code cmin_flt}, {@code cmaj_flt}) and context switches ({@code cnvcsw},
     * {@code cnivcsw}), which {@code getrusage(RUSAGE_CHILDREN)} and {@code /proc/PID/stat}
     * report.
     */
    private void reap(Task parent, Task child) {
        child.state = TaskState.DEAD;
        parent.children.remove(child);
        Task sig = parent.groupLeader;
        sig.cutime += child.cutime;
        sig.cstime += child.cstime;
        sig.cminFlt += child.cminFlt;
        sig.cmajFlt += child.cmajFlt;
        sig.cnvcsw += child.cnvcsw;
        sig.cnivcsw += child.cnivcsw;
        for (Task thread : child.threadGroup()) {
            sig.cutime += thread.utime;
            sig.cstime += thread.stime;
            sig.cminFlt += thread.minFlt;
            sig.cmajFlt += thread.majFlt;
            sig.cnvcsw += thread.nvcsw;
            sig.cnivcsw += thread.nivcsw;
        }
        release(child);
    }

    /** {@code release_task}: the pid is free again; listeners drop what they kept for the task. */
    private void release(Task t) {
        scheduler.tasks.remove(t.pid);
        scheduler.fork().released(t);
        for (TaskLifecycleListener l : scheduler.lifecycleListeners) {
            l.onRelease(t);
        }
    }
}
