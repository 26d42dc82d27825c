package kernellab.core.sched;

import kernellab.api.Policy;

/** The idle class: runs the CPU's idle task (swapper/N, pid 0) when no other class has a task. */
final class IdleSchedClass extends SchedClass {

    IdleSchedClass(Scheduler scheduler) {
        super(scheduler, 3);
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    boolean serves(Policy policy) {
        return false;
    }

    @Override
    ClassQueue queue(RunQueue rq) {
        return null;
    }

    @Override
    void enqueueTask(RunQueue rq, Task p, int flags) {
        throw new IllegalStateException("idle task enqueued");
    }

    @Override
    void dequeueTask(RunQueue rq, Task p, int flags) {
        throw new IllegalStateException("idle task dequeued");
    }

    @Override
    Task pickNextTask(RunQueue rq) {
        return rq.idle;
    }

    @Override
    void setNextTask(RunQueue rq, Task p, boolean first) {
    }

    @Override
    void putPrevTask(RunQueue rq, Task p) {
    }

    @Override
    void updateCurr(RunQueue rq, Task curr, long delta) {
    }

    @Override
    void taskTick(RunQueue rq, Task curr) {
    }

    @Override
    int selectTaskRq(Task p, int prevCpu, int context) {
        return prevCpu;
    }

    @Override
    void checkPreemptCurr(RunQueue rq, Task p) {
    }

    @Override
    void yieldTask(RunQueue rq) {
    }
}
