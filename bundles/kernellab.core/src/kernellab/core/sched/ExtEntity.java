package kernellab.core.sched;

import kernellab.api.Policy;
import kernellab.api.sched.SchedTask;

/**
 * A task's state in the scheduling class that serves policy 7 ({@code struct sched_ext_entity},
 * {@code p->scx}): its weight and slice, the class's own data, and the kernel's link into the
 * CPU's list of queued tasks ({@link ExtRunQueue}). It is also the task as the class sees it
 * ({@link SchedTask}). Every task has one, so the weight is inherited at fork whatever the
 * parent's class.
 */
final class ExtEntity implements SchedTask {

    /** The weight of the tasks the kernel starts (init, kernel threads) when no class of policy 7 is loaded. */
    static final int DEFAULT_WEIGHT = 10;

    final Task task;
    /** The weight in the class ({@code sched_setweight}). */
    int weight;
    /** What is left of the slice, ns; charged by {@link ExtSchedClass#updateCurr}. */
    long slice;
    Object data;
    /** When the task last became runnable without running: the stall watchdog's clock ({@code runnable_at}). */
    long runnableAt;
    /** The CPU queue the task is on, {@code null} when not queued. */
    ExtRunQueue queue;
    ExtEntity next;
    ExtEntity prev;
    /** Whether the class was told the task entered it ({@code ops.enable}) and not yet that it left. */
    boolean enabled;

    ExtEntity(Task task) {
        this.task = task;
    }

    @Override
    public int pid() {
        return task.pid;
    }

    @Override
    public int tgid() {
        return task.tgid;
    }

    @Override
    public String comm() {
        return task.comm;
    }

    @Override
    public Policy policy() {
        return task.policy;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public boolean isAllowed(int cpu) {
        return cpu >= 0 && task.cpusAllowed.get(cpu);
    }

    @Override
    public int allowedCount() {
        return task.cpusAllowed.cardinality();
    }

    @Override
    public int cpu() {
        return task.cpu;
    }

    @Override
    public boolean isQueued() {
        return queue != null;
    }

    @Override
    public boolean isRunning() {
        return task.onCpu;
    }

    @Override
    public long sliceLeft() {
        return slice;
    }

    @Override
    public long runtime() {
        return task.sumExecRuntime;
    }

    @Override
    public int threadGroupSize() {
        return task.threadCount();
    }

    @Override
    public Object data() {
        return data;
    }

    @Override
    public void setData(Object data) {
        this.data = data;
    }

    @Override
    public String toString() {
        return task.comm + "[" + task.pid + "]";
    }
}
