package kernellab.core.trace;

/**
 * The scheduler's tracepoints. The names and field lists of the upstream ones follow
 * {@code include/trace/events/sched.h} (and {@code sched_ext.h}); {@code sched_policy_change}
 * is KernelLab's. The {@code sched_wrr_*} events are the ones the lab asks a SCHED_WRR class to
 * emit: the reference class emits them by name through the scheduling-class API, as a
 * student's class may, so they are declared here only for listeners and breakpoints.
 */
public final class SchedTracepoints {

    /**
     * A context switch: {@code prev_comm prev_pid prev_prio prev_state ==> next_comm next_pid
     * next_prio}; {@code prev_state} is {@code R+} for a preempted task.
     */
    public static final Tracepoint SCHED_SWITCH = Tracepoint.define("sched_switch", "next_comm");
    /** A sleeping task was woken: {@code comm pid prio target_cpu}. */
    public static final Tracepoint SCHED_WAKEUP = Tracepoint.define("sched_wakeup");
    /** A new task was woken for the first time after fork: {@code comm pid prio target_cpu}. */
    public static final Tracepoint SCHED_WAKEUP_NEW = Tracepoint.define("sched_wakeup_new");
    /** A task moved between run queues: {@code comm pid prio orig_cpu dest_cpu}. */
    public static final Tracepoint SCHED_MIGRATE_TASK = Tracepoint.define("sched_migrate_task");
    /** fork/clone: {@code comm pid child_comm child_pid}. */
    public static final Tracepoint SCHED_PROCESS_FORK = Tracepoint.define("sched_process_fork");
    /** A task exited: {@code comm pid prio}. */
    public static final Tracepoint SCHED_PROCESS_EXIT = Tracepoint.define("sched_process_exit");
    /** A task called waitpid: {@code comm pid prio} with the pid argument. */
    public static final Tracepoint SCHED_PROCESS_WAIT = Tracepoint.define("sched_process_wait");
    /** CPU time charged to a task: {@code comm pid runtime vruntime}. */
    public static final Tracepoint SCHED_STAT_RUNTIME = Tracepoint.define("sched_stat_runtime");
    /** A WRR (or RR) task used up its time slice: {@code comm pid policy weight slice_ms}. */
    public static final Tracepoint SCHED_SLICE_EXPIRE = Tracepoint.define("sched_slice_expire");
    /**
     * One run of the periodic WRR load balancer: {@code jiffies max_cpu max_weight min_cpu
     * min_weight comm pid weight} (weights before the move; comm {@code -} and pid 0 when
     * nothing moved).
     */
    public static final Tracepoint SCHED_WRR_LOAD_BALANCE = Tracepoint.define("sched_wrr_load_balance");
    /** An idle CPU pulled a WRR task: {@code jiffies src_cpu dst_cpu comm pid weight}. */
    public static final Tracepoint SCHED_WRR_IDLE_BALANCE = Tracepoint.define("sched_wrr_idle_balance");
    /**
     * One line of the debug dump of a disabled class of policy 7 ({@code sched_ext_dump}):
     * {@code line}.
     */
    public static final Tracepoint SCHED_EXT_DUMP = Tracepoint.define("sched_ext_dump");
    /** sched_setscheduler/setparam/setweight/nice changed a task: {@code comm pid old_policy policy prio weight nice}. */
    public static final Tracepoint SCHED_POLICY_CHANGE = Tracepoint.define("sched_policy_change");

    private SchedTracepoints() {
    }
}
