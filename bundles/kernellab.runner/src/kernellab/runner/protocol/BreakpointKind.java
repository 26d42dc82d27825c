package kernellab.runner.protocol;

import java.util.List;

/** The kinds of event breakpoints, each with the tracepoints it stops at. */
public enum BreakpointKind {
    /** A context switch ({@code sched_switch}); pid and comm filters match the next task. */
    SCHED_SWITCH("sched_switch"),
    /** A sleeping task woke up ({@code sched_wakeup}). */
    WAKEUP("sched_wakeup"),
    /** A new task was woken for the first time after fork ({@code sched_wakeup_new}). */
    WAKEUP_NEW("sched_wakeup_new"),
    /** A fork ({@code sched_process_fork}); pid and comm filters match the child. */
    FORK("sched_process_fork"),
    /** A task moved between CPUs ({@code sched_migrate_task}). */
    MIGRATION("sched_migrate_task"),
    /** A WRR or RR task used up its slice ({@code sched_slice_expire}). */
    SLICE_EXPIRY("sched_slice_expire"),
    /** A run of the WRR load balancer or an idle pull ({@code sched_wrr_load_balance}, {@code sched_wrr_idle_balance}). */
    LOAD_BALANCE("sched_wrr_load_balance", "sched_wrr_idle_balance"),
    /** A task exited ({@code sched_process_exit}). */
    EXIT("sched_process_exit"),
    /** Policy, priority, weight or nice changed ({@code sched_policy_change}). */
    POLICY_CHANGE("sched_policy_change"),
    /** A slab object was allocated ({@code kmem_cache_alloc}, {@code kmalloc}); filter by cache name and address. */
    SLAB_ALLOC("kmem_cache_alloc", "kmalloc"),
    /** Pages were allocated ({@code mm_page_alloc}); filter by order ≥ n and address. */
    PAGE_ALLOC("mm_page_alloc"),
    /** A user page fault ({@code page_fault_user}); filter by address range and pid. */
    PAGE_FAULT("page_fault_user"),
    /** The OOM killer chose a victim ({@code mark_victim}); pid and comm filters match the victim. */
    OOM("mark_victim"),
    /** Any trace event. */
    ANY_EVENT();

    private final List<String> tracepoints;

    BreakpointKind(String... tracepoints) {
        this.tracepoints = List.of(tracepoints);
    }

    /** @return the names of the tracepoints this kind stops at; empty for {@link #ANY_EVENT} */
    public List<String> tracepoints() {
        return tracepoints;
    }
}
