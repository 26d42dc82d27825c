package kernellab.core.mm;

import kernellab.core.sched.Task;

/** Per-task state: the mm in use and whether the OOM killer chose the task (the fault counters are in {@link Task}). */
final class TaskVm {
    final Task task;
    MmStruct mm;
    boolean oomKilled;

    TaskVm(Task task) {
        this.task = task;
    }
}
