package kernellab.examples.schedclass;

import java.util.ArrayDeque;
import java.util.Deque;

import kernellab.api.sched.QueueReason;
import kernellab.api.sched.SchedClassOps;
import kernellab.api.sched.SchedKernel;
import kernellab.api.sched.SchedTask;

/**
 * The smallest scheduling class that works: plain round robin, one FIFO per CPU, every task a
 * 10 ms slice whatever its weight, no placement rule (a task stays where it was) and no load
 * balancing. Run it with {@code kernellab run --sched-class kernellab.examples.schedclass.RoundRobin …}
 * and compare with the lab's weighted round robin ({@link WeightedRoundRobin}).
 */
public class RoundRobin implements SchedClassOps {

    private static final long SLICE_NS = 10_000_000L;

    private SchedKernel kernel;
    private Deque<SchedTask>[] queues;

    @Override
    public String name() {
        return "rr";
    }

    /** @return the kernel's helpers, given at init */
    protected final SchedKernel kernel() {
        return kernel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(SchedKernel k) {
        kernel = k;
        queues = new Deque[k.nrCpus()];
        for (int cpu = 0; cpu < queues.length; cpu++) {
            queues[cpu] = new ArrayDeque<>();
        }
    }

    @Override
    public void enable(SchedTask p, boolean fork) {
        kernel.setSlice(p, SLICE_NS);
    }

    @Override
    public void enqueue(int cpu, SchedTask p, QueueReason reason) {
        queues[cpu].addLast(p);
    }

    @Override
    public void dequeue(int cpu, SchedTask p, QueueReason reason) {
        queues[cpu].remove(p);
    }

    @Override
    public SchedTask pickNext(int cpu) {
        return queues[cpu].peekFirst();
    }

    /** A used-up slice is refilled and the task goes behind the others of its CPU. */
    @Override
    public void tick(int cpu, SchedTask p) {
        if (p.sliceLeft() > 0) {
            return;
        }
        kernel.setSlice(p, SLICE_NS);
        Deque<SchedTask> q = queues[cpu];
        if (q.size() > 1) {
            q.remove(p);
            q.addLast(p);
            kernel.resched(cpu);
        }
    }
}
