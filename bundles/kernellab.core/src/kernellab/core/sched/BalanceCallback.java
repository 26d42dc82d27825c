package kernellab.core.sched;

/**
 * Work a scheduling class queues on a CPU to run when the scheduling operation in progress is
 * done ({@code struct balance_callback}, {@code queue_balance_callback}): the RT class pushes
 * waiting tasks away after a switch and pulls tasks after a priority change this way. Each class
 * keeps one instance per CPU and kind of work, as the kernel's per-CPU {@code rt_push_head} and
 * {@code rt_pull_head}.
 */
abstract class BalanceCallback {

    /** The next queued callback of the CPU. */
    BalanceCallback next;
    /** Whether it is queued on its CPU. */
    boolean queued;

    /** Does the work on the CPU it was queued on. */
    abstract void run(RunQueue rq);
}
