package kernellab.core.sched;

import java.util.BitSet;
import java.util.List;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.core.trace.SchedTracepoints;

/**
 * The scheduling system calls ({@code kernel/sched/syscalls.c}): policy and priority
 * ({@code sched_setscheduler}, {@code sched_setparam}, {@code __sched_setscheduler}), the
 * class weight ({@code sched_setweight}, {@code sched_getweight}), nice ({@code set_user_nice}),
 * affinity and {@code sched_yield}, with the kernel's order of checks.
 */
public final class SchedSyscalls {

    private final Scheduler scheduler;

    SchedSyscalls(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Resolves a pid argument ({@code find_process_by_pid}): 0 is the caller.
     *
     * @param caller the calling task
     * @param pid the argument
     * @return the task
     * @throws Errno EINVAL for a negative pid, ESRCH if there is no such (live) task
     */
    public Task findTask(Task caller, int pid) {
        if (pid < 0) {
            throw new Errno(Errno.EINVAL);
        }
        if (pid == 0) {
            return caller;
        }
        Task t = scheduler.tasks.get(pid);
        if (t == null || t.exitTime >= 0) {
            throw new Errno(Errno.ESRCH);
        }
        return t;
    }

    /**
     * {@code sched_setscheduler}. Validation order as in the kernel: pid (EINVAL, ESRCH), then the
     * parameters (EINVAL), then permissions (EPERM).
     *
     * @param caller the calling task
     * @param pid target
     * @param policy new policy
     * @param priority RT priority (1–99) or 0
     */
    public void setScheduler(Task caller, int pid, Policy policy, int priority) {
        Task p = findTask(caller, pid);
        checkPriority(policy, priority);
        if (!caller.isRoot()) {
            if (caller.uid != p.uid) {
                throw new Errno(Errno.EPERM);
            }
            if (policy.isRealTime() && (policy != p.policy || priority > p.rtPriority)) {
                throw new Errno(Errno.EPERM);
            }
            if (p.policy == Policy.SCHED_IDLE && policy != Policy.SCHED_IDLE) {
                throw new Errno(Errno.EPERM);
            }
        }
        changeScheduler(p, policy, priority);
    }

    private static void checkPriority(Policy policy, int priority) {
        if (policy.isRealTime() ? priority < 1 || priority > 99 : priority != 0) {
            throw new Errno(Errno.EINVAL);
        }
    }

    /**
     * {@code sched_setparam}: changes the priority within the target's current policy.
     *
     * @param caller the calling task
     * @param pid target
     * @param priority new RT priority, or 0
     */
    public void setParam(Task caller, int pid, int priority) {
        Task p = findTask(caller, pid);
        setScheduler(caller, p == caller ? 0 : p.pid, p.policy, priority);
    }

    /**
     * {@code sched_setweight}: sets the weight of a task whose class has weights (the class of
     * policy 7); the class decides when it takes effect (the lab's WRR: at the next slice refill).
     * EINVAL for a task of another class or a weight outside the class's range, then EPERM for a
     * caller that is not root and not the task's user, or that raises the weight.
     *
     * @param caller the calling task
     * @param pid target
     * @param weight the new weight (1–20 for the lab's WRR)
     */
    public void setWeight(Task caller, int pid, int weight) {
        Task p = findTask(caller, pid);
        SchedClass c = p.schedClass;
        if (!c.hasWeights() || weight < c.minWeight() || weight > c.maxWeight()) {
            throw new Errno(Errno.EINVAL);
        }
        if (!caller.isRoot() && (caller.uid != p.uid || weight > p.scx.weight)) {
            throw new Errno(Errno.EPERM);
        }
        c.setWeight(p, weight);
        tracePolicyChange(p, p.policy);
    }

    /**
     * {@code sched_getweight}.
     *
     * @param caller the calling task
     * @param pid target
     * @return its weight
     */
    public int getWeight(Task caller, int pid) {
        Task p = findTask(caller, pid);
        if (!p.schedClass.hasWeights()) {
            throw new Errno(Errno.EINVAL);
        }
        return p.scx.weight;
    }

    /**
     * Changes policy and priority without permission checks ({@code __sched_setscheduler} after
     * the checks). A task entering another class is set up by it ({@code switched_to}: the class
     * of policy 7 gives it its default weight) and, if the class wants, placed again; a running
     * task that must move is migrated at its next schedule.
     *
     * @param p the task
     * @param policy new policy
     * @param priority RT priority or 0
     */
    void changeScheduler(Task p, Policy policy, int priority) {
        Policy old = p.policy;
        reclass(p, policy, priority);
        tracePolicyChange(p, old);
    }

    /**
     * Moves every task of a disabled class to the class that now serves its policy (the fair
     * class), as {@code scx_ops_disable_workfn} does; the CPUs that ran them reschedule.
     */
    void leaveClass(SchedClass c) {
        for (Task t : List.copyOf(scheduler.tasks.values())) {
            if (t.schedClass == c && t.exitTime < 0) {
                reclass(t, t.policy, t.rtPriority);
            }
        }
    }

    /**
     * The change itself ({@code __sched_setscheduler} without the checks and the trace): off the
     * queue, the new policy and class ({@code check_class_changed}), back on the queue of the CPU
     * the class chooses, or a migration at the next schedule for a running task.
     */
    private void reclass(Task p, Policy policy, int priority) {
        Policy old = p.policy;
        RunQueue rq = scheduler.rqs[p.cpu];
        boolean running = rq.curr == p;
        boolean queued = p.onRq;
        if (running) {
            scheduler.updateCurr(rq);
        }
        if (queued) {
            scheduler.dequeueTask(rq, p, SchedClass.FLAG_MOVE);
        }
        SchedClass oldClass = p.schedClass;
        int oldPrio = p.prio;
        p.policy = policy;
        p.rtPriority = policy.isRealTime() ? priority : 0;
        if (policy == Policy.SCHED_RR && old != Policy.SCHED_RR) {
            p.rt.timeSlice = scheduler.rtSysctls.rrTimesliceNs();
        }
        scheduler.setPrioAndClass(p);
        if (p.schedClass != oldClass) {
            oldClass.switchedFrom(p);
            p.schedClass.switchedTo(p);
        }
        if (queued) {
            int target = p.cpu;
            if (p.schedClass != oldClass && p.schedClass.placesOnSwitch()) {
                target = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE);
            }
            if (running) {
                scheduler.enqueueTask(rq, p, SchedClass.FLAG_MOVE);
                p.schedClass.setNextTask(rq, p, false);
                if (target != p.cpu) {
                    p.migrateTo = target;
                }
                scheduler.resched(rq);
            } else {
                scheduler.setTaskCpu(p, target);
                RunQueue dst = scheduler.rqs[target];
                scheduler.enqueueTask(dst, p, SchedClass.FLAG_MOVE);
                scheduler.checkPreemptCurr(dst, p);
            }
        }
        RunQueue now = scheduler.rqs[p.cpu];
        if (p.schedClass == oldClass && p.prio != oldPrio) {
            p.schedClass.prioChanged(now, p, oldPrio);
        }
        scheduler.balanceCallbacks(now);
        if (now != rq) {
            scheduler.balanceCallbacks(rq);
        }
    }

    private void tracePolicyChange(Task p, Policy old) {
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_POLICY_CHANGE)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_POLICY_CHANGE, p.cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("old_policy", old.name()).field("policy", p.policy.name()).field("prio", p.prio)
                    .field("weight", p.scx.weight).field("nice", p.nice()).emit();
        }
    }

    /**
     * {@code sched_yield}.
     *
     * @param t the caller
     */
    public void yield(Task t) {
        RunQueue rq = scheduler.rqs[t.cpu];
        rq.yldCount++;
        t.yielded = true;
        scheduler.updateCurr(rq);
        t.schedClass.yieldTask(rq);
        scheduler.resched(rq);
    }

    /**
     * {@code setpriority(PRIO_PROCESS)}/{@code nice}: sets the nice value.
     *
     * @param caller the calling task
     * @param pid target
     * @param nice new nice value (clamped to −20…19)
     * @param lowerErrno the errno when a non-root caller lowers the value (EACCES for
     *        setpriority, EPERM for nice)
     */
    public void setNice(Task caller, int pid, int nice, int lowerErrno) {
        Task p = findTask(caller, pid);
        int value = clampNice(nice);
        if (!caller.isRoot()) {
            if (caller.uid != p.uid) {
                throw new Errno(Errno.EPERM);
            }
            if (value < p.nice()) {
                throw new Errno(lowerErrno);
            }
        }
        RunQueue rq = scheduler.rqs[p.cpu];
        boolean running = rq.curr == p;
        if (running) {
            scheduler.updateCurr(rq);
        }
        boolean queued = p.onRq && p.schedClass.reweightsOnNice();
        if (queued) {
            scheduler.dequeueTask(rq, p, SchedClass.FLAG_MOVE);
        }
        p.staticPrio = 120 + value;
        scheduler.setPrioAndClass(p);
        if (queued) {
            scheduler.enqueueTask(rq, p, SchedClass.FLAG_MOVE);
            if (running) {
                p.schedClass.setNextTask(rq, p, false);
                scheduler.resched(rq);
            } else {
                scheduler.checkPreemptCurr(rq, p);
            }
        }
        tracePolicyChange(p, p.policy);
    }

    /**
     * {@code sched_setaffinity}. A queued task outside its new mask moves at once, a running one
     * at its next schedule (as the migration thread would move it), a sleeping one when it wakes.
     *
     * @param caller the calling task
     * @param pid target
     * @param mask allowed CPUs; CPUs beyond the machine's are ignored
     */
    public void setAffinity(Task caller, int pid, BitSet mask) {
        Task p = findTask(caller, pid);
        if (!caller.isRoot() && caller.uid != p.uid) {
            throw new Errno(Errno.EPERM);
        }
        BitSet m = (BitSet) mask.clone();
        m.clear(scheduler.nrCpus, Math.max(scheduler.nrCpus, m.length()));
        if (m.isEmpty()) {
            throw new Errno(Errno.EINVAL);
        }
        p.cpusAllowed = m;
        RunQueue rq = scheduler.rqs[p.cpu];
        p.schedClass.setCpusAllowed(rq, p);
        if (m.get(p.cpu)) {
            return;
        }
        if (rq.curr == p) {
            p.migrateTo = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE);
            scheduler.resched(rq);
        } else if (p.onRq) {
            scheduler.moveQueuedTask(p, rq, scheduler.rqs[p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE)]);
        }
    }

    /** @return the nice value clamped to −20…19, as {@code setpriority} does */
    static int clampNice(int nice) {
        return Math.max(-20, Math.min(19, nice));
    }
}
