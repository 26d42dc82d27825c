package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The real-time part of a run queue ({@code struct rt_rq}): one FIFO per priority (0 highest,
 * 98 lowest, i.e. {@code 99 - rt_priority}) and a bitmap of the non-empty ones, so picking the
 * highest-priority task is a find-first-bit, O(1). Also the pushable tasks (queued, not running,
 * allowed on more than one CPU; highest priority first, FIFO among equals, as the kernel's
 * {@code plist}), whose presence makes the CPU <em>overloaded</em> ({@code rt_rq->overloaded},
 * a bit in the root domain's {@code rto_mask}), and the RT bandwidth accounting.
 */
public final class RtRunQueue {

    static final int MAX_RT_PRIO = 100;

    final Task[] heads = new Task[MAX_RT_PRIO];
    final Task[] tails = new Task[MAX_RT_PRIO];
    final long[] bitmap = new long[2];
    int nrRunning;
    long rtTime;
    boolean throttled;
    final List<Task> pushable = new ArrayList<>();
    boolean overloaded;

    RtRunQueue() {
    }

    /** @return runnable RT tasks on this CPU, the running one included */
    public int nrRunning() {
        return nrRunning;
    }

    /** @return RT runtime consumed in the current bandwidth period, ns */
    public long rtTime() {
        return rtTime;
    }

    /** @return whether RT tasks are throttled on this CPU until the period ends */
    public boolean throttled() {
        return throttled;
    }

    /** @return the queued tasks, highest priority first, FIFO within a priority (a copy) */
    public List<Task> tasks() {
        List<Task> list = new ArrayList<>(nrRunning);
        for (int prio = 0; prio < MAX_RT_PRIO; prio++) {
            for (Task t = heads[prio]; t != null; t = t.rt.next) {
                list.add(t);
            }
        }
        return list;
    }

    /** @return whether the CPU has pushable RT tasks ({@code rt_rq->overloaded}) */
    public boolean overloaded() {
        return overloaded;
    }

    /** @return {@code highest_prio.curr}: the highest priority queued, the running task included; 99 when none */
    int highestPrio() {
        int prio = firstPrio();
        return prio < 0 ? MAX_RT_PRIO - 1 : prio;
    }

    /** @return {@code highest_prio.next}: the highest pushable priority; 99 when none */
    int highestPushablePrio() {
        return pushable.isEmpty() ? MAX_RT_PRIO - 1 : pushable.get(0).prio;
    }

    /** {@code enqueue_pushable_task}: behind the pushable tasks of equal or higher priority. */
    void enqueuePushable(Task p) {
        if (p.rt.pushable) {
            pushable.remove(p);
        }
        int i = pushable.size();
        while (i > 0 && pushable.get(i - 1).prio > p.prio) {
            i--;
        }
        pushable.add(i, p);
        p.rt.pushable = true;
    }

    /** {@code dequeue_pushable_task}. */
    void dequeuePushable(Task p) {
        if (p.rt.pushable) {
            pushable.remove(p);
            p.rt.pushable = false;
        }
    }

    int firstPrio() {
        if (bitmap[0] != 0) {
            return Long.numberOfTrailingZeros(bitmap[0]);
        }
        return bitmap[1] == 0 ? -1 : 64 + Long.numberOfTrailingZeros(bitmap[1]);
    }

    void addTail(Task p) {
        int prio = p.prio;
        p.rt.next = null;
        p.rt.prev = tails[prio];
        if (tails[prio] == null) {
            heads[prio] = p;
            bitmap[prio >> 6] |= 1L << (prio & 63);
        } else {
            tails[prio].rt.next = p;
        }
        tails[prio] = p;
        p.rt.onRtRq = true;
        nrRunning++;
    }

    void remove(Task p) {
        int prio = p.prio;
        if (p.rt.prev == null) {
            heads[prio] = p.rt.next;
        } else {
            p.rt.prev.rt.next = p.rt.next;
        }
        if (p.rt.next == null) {
            tails[prio] = p.rt.prev;
        } else {
            p.rt.next.rt.prev = p.rt.prev;
        }
        if (heads[prio] == null) {
            bitmap[prio >> 6] &= ~(1L << (prio & 63));
        }
        p.rt.next = null;
        p.rt.prev = null;
        p.rt.onRtRq = false;
        nrRunning--;
    }

    boolean moveToTail(Task p) {
        if (tails[p.prio] == p) {
            return false;
        }
        remove(p);
        addTail(p);
        return true;
    }
}
