package kernellab.core.sched;

/**
 * A task's state in the fair class ({@code struct sched_entity}, {@code p->se}): its virtual
 * runtime, its load weight and its place in the CPU's {@link CfsRunQueue}. Every task has one,
 * so a task that leaves the fair class and comes back keeps its weight from the nice value, and
 * a forked child starts from its parent's vruntime.
 */
final class SchedEntity {

    /** {@code se.vruntime}: CPU time scaled by {@code NICE_0_LOAD / weight}, ns. */
    long vruntime;
    /** {@code se.load.weight}: from the nice value, or {@code WEIGHT_IDLEPRIO} for SCHED_IDLE. */
    int loadWeight;
    /** {@code se.prev_sum_exec_runtime}: the runtime when the task was last picked, for {@code check_preempt_tick}. */
    long prevSumExecRuntime;
    /** The position in the queue's heap ({@code se.run_node}), −1 when not in it (waiting elsewhere or running). */
    int heapIndex = -1;
    /** The order of insertion into the queue: ties of vruntime go first in, first out. */
    long insertion;
}
