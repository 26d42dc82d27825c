package kernellab.examples.schedclass;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.sched.QueueDump;
import kernellab.api.sched.QueueReason;
import kernellab.api.sched.SchedClassOps;
import kernellab.api.sched.SchedKernel;
import kernellab.api.sched.SchedTask;
import kernellab.api.sched.SelectReason;

/**
 * The reference SCHED_WRR of the lab, written on the public scheduling-class API only: the class
 * the simulated kernel runs for policy 7 unless another is chosen ({@code --sched-class}). Read
 * it after handing in your own.
 *
 * <p>Each CPU keeps a FIFO of its runnable WRR tasks (the running one at the head). The task at
 * the head runs for a slice of {@code weight × base slice} (10 ms by default), then goes to the
 * tail with a fresh slice. A weight change does not alter the slice being used: it applies at the
 * next refill. Enqueue, dequeue, pick and tick are O(1): each task's node in the FIFO is kept in
 * its data slot.
 *
 * <p>Placement ({@link #selectCpu}) and the periodic load balancer ({@link #balance}) follow the
 * lab's rules, documented on each method.
 */
public final class WeightedRoundRobin implements SchedClassOps {

    /** One task in a CPU's FIFO: the class's per-task data. */
    private static final class Node {
        final SchedTask task;
        Node prev;
        Node next;

        Node(SchedTask task) {
            this.task = task;
        }
    }

    /** A CPU's FIFO of runnable WRR tasks. */
    private static final class Fifo {
        Node head;
        Node tail;
        int size;

        void addTail(Node n) {
            n.next = null;
            n.prev = tail;
            if (tail == null) {
                head = n;
            } else {
                tail.next = n;
            }
            tail = n;
            size++;
        }

        void remove(Node n) {
            if (n.prev == null) {
                head = n.next;
            } else {
                n.prev.next = n.next;
            }
            if (n.next == null) {
                tail = n.prev;
            } else {
                n.next.prev = n.prev;
            }
            n.next = null;
            n.prev = null;
            size--;
        }

        void moveToTail(Node n) {
            if (tail != n) {
                remove(n);
                addTail(n);
            }
        }
    }

    private SchedKernel kernel;
    private Fifo[] fifos;
    private long baseSliceNs;

    @Override
    public String name() {
        return "wrr";
    }

    @Override
    public void init(SchedKernel k) {
        this.kernel = k;
        this.baseSliceNs = k.param("base_slice_ns", 10_000_000L);
        this.fifos = new Fifo[k.nrCpus()];
        for (int cpu = 0; cpu < fifos.length; cpu++) {
            fifos[cpu] = new Fifo();
        }
    }

    private long sliceFor(SchedTask p) {
        return p.weight() * baseSliceNs;
    }

    private static Node node(SchedTask p) {
        return (Node) p.data();
    }

    /** A task entering the class (new or from another policy) gets a full slice of its weight. */
    @Override
    public void enable(SchedTask p, boolean fork) {
        p.setData(new Node(p));
        kernel.setSlice(p, sliceFor(p));
    }

    @Override
    public void enqueue(int cpu, SchedTask p, QueueReason reason) {
        fifos[cpu].addTail(node(p));
    }

    @Override
    public void dequeue(int cpu, SchedTask p, QueueReason reason) {
        fifos[cpu].remove(node(p));
    }

    @Override
    public SchedTask pickNext(int cpu) {
        Node head = fifos[cpu].head;
        return head == null ? null : head.task;
    }

    /**
     * At each tick and when the slice runs out: when the slice is used up it is refilled from
     * the current weight and the task goes to the tail of the queue if another WRR task is
     * waiting; otherwise it goes on with the new slice.
     */
    @Override
    public void tick(int cpu, SchedTask p) {
        if (p.sliceLeft() > 0) {
            return;
        }
        if (kernel.traceEnabled("sched_slice_expire")) {
            kernel.trace("sched_slice_expire", cpu).field("comm", p.comm()).field("pid", p.pid())
                    .field("policy", "SCHED_WRR").field("weight", p.weight())
                    .field("slice_ms", sliceFor(p) / 1_000_000).emit();
        }
        kernel.setSlice(p, sliceFor(p));
        Fifo fifo = fifos[cpu];
        if (fifo.size > 1) {
            fifo.moveToTail(node(p));
            kernel.resched(cpu);
        }
    }

    /**
     * Placement on fork, wake-up and policy change: the allowed CPU with the least WRR total
     * weight; among equals, the CPU running more WRR tasks of the task's thread group; then the
     * lowest CPU number.
     */
    @Override
    public int selectCpu(SchedTask p, int prevCpu, SelectReason reason) {
        boolean hasSiblings = p.threadGroupSize() > 1;
        int best = -1;
        long bestWeight = 0;
        int bestSiblings = -1;
        for (int cpu = 0; cpu < fifos.length; cpu++) {
            if (!p.isAllowed(cpu)) {
                continue;
            }
            long w = kernel.totalWeight(cpu);
            if (best < 0 || w < bestWeight) {
                best = cpu;
                bestWeight = w;
                bestSiblings = -1;
            } else if (w == bestWeight && hasSiblings) {
                if (bestSiblings < 0) {
                    bestSiblings = siblings(best, p);
                }
                int s = siblings(cpu, p);
                if (s > bestSiblings) {
                    best = cpu;
                    bestSiblings = s;
                }
            }
        }
        return best;
    }

    private int siblings(int cpu, SchedTask p) {
        int n = 0;
        for (Node t = fifos[cpu].head; t != null; t = t.next) {
            if (t.task.tgid() == p.tgid() && t.task != p) {
                n++;
            }
        }
        return n;
    }

    /** The caller goes to the tail with what is left of its slice. */
    @Override
    public void yield(int cpu, SchedTask p) {
        fifos[cpu].moveToTail(node(p));
    }

    /**
     * Idle balance: this CPU's WRR queue is empty, so it pulls the heaviest waiting (not running)
     * WRR task allowed here from the CPU with the largest total weight that has one.
     */
    @Override
    public void balanceIdle(int cpu) {
        int src = -1;
        SchedTask pulled = null;
        for (int other = 0; other < fifos.length; other++) {
            if (other == cpu || src >= 0 && kernel.totalWeight(other) <= kernel.totalWeight(src)) {
                continue;
            }
            SchedTask t = heaviestMovable(other, cpu, Long.MAX_VALUE, 0);
            if (t != null) {
                src = other;
                pulled = t;
            }
        }
        if (pulled == null) {
            return;
        }
        if (kernel.traceEnabled("sched_wrr_idle_balance")) {
            kernel.trace("sched_wrr_idle_balance", cpu).field("jiffies", kernel.jiffies()).field("src_cpu", src)
                    .field("dst_cpu", cpu).field("comm", pulled.comm()).field("pid", pulled.pid())
                    .field("weight", pulled.weight()).emit();
        }
        kernel.migrate(pulled, cpu);
    }

    /**
     * Periodic load balancing, once per balance period: take the CPU with the largest and the
     * CPU with the smallest WRR total weight (the lowest CPU number among equals) and move the
     * heaviest task of the largest (the first one in FIFO order among equals) that is not
     * running, is allowed on the smallest, and is light enough that the smallest's total after
     * the move stays below the largest's total before it ({@code min + w < max}). At most one
     * task moves per period. Each run emits {@code sched_wrr_load_balance} with the weights
     * before the move.
     */
    @Override
    public void balance() {
        int max = 0;
        int min = 0;
        for (int cpu = 1; cpu < fifos.length; cpu++) {
            if (kernel.totalWeight(cpu) > kernel.totalWeight(max)) {
                max = cpu;
            }
            if (kernel.totalWeight(cpu) < kernel.totalWeight(min)) {
                min = cpu;
            }
        }
        long maxWeight = kernel.totalWeight(max);
        long minWeight = kernel.totalWeight(min);
        SchedTask moved = max == min ? null : heaviestMovable(max, min, maxWeight, minWeight);
        if (kernel.traceEnabled("sched_wrr_load_balance")) {
            kernel.trace("sched_wrr_load_balance", min).field("jiffies", kernel.jiffies()).field("max_cpu", max)
                    .field("max_weight", maxWeight).field("min_cpu", min).field("min_weight", minWeight)
                    .field("comm", moved == null ? "-" : moved.comm()).field("pid", moved == null ? 0 : moved.pid())
                    .field("weight", moved == null ? 0 : moved.weight()).emit();
        }
        if (moved != null) {
            kernel.migrate(moved, min);
        }
    }

    /** @return the heaviest waiting task of {@code src} allowed on {@code dst} with {@code dstWeight + w < srcWeight} */
    private SchedTask heaviestMovable(int src, int dst, long srcWeight, long dstWeight) {
        SchedTask best = null;
        for (Node n = fifos[src].head; n != null; n = n.next) {
            SchedTask t = n.task;
            if (!t.isRunning() && t.isAllowed(dst) && dstWeight + t.weight() < srcWeight
                    && (best == null || t.weight() > best.weight())) {
                best = t;
            }
        }
        return best;
    }

    /** The FIFO of the CPU, head first: the order {@link #pickNext} takes them in. */
    @Override
    public QueueDump dump(int cpu) {
        List<SchedTask> tasks = new ArrayList<>(fifos[cpu].size);
        for (Node n = fifos[cpu].head; n != null; n = n.next) {
            tasks.add(n.task);
        }
        return QueueDump.of(tasks);
    }
}
