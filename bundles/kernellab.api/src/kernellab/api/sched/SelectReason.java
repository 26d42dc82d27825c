package kernellab.api.sched;

/** Why the kernel asks {@link SchedClassOps#selectCpu} for a CPU ({@code SD_BALANCE_*} / {@code WF_*} of {@code select_task_rq}). */
public enum SelectReason {
    /** A new task after {@code fork}/{@code clone}, before it first runs ({@code wake_up_new_task}). */
    FORK,
    /** A sleeping task wakes up ({@code try_to_wake_up}). */
    WAKEUP,
    /** The task entered the class ({@code sched_setscheduler}) or its allowed CPUs changed ({@code sched_setaffinity}). */
    CHANGE
}
