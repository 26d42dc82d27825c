package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The real-time part of a run queue ({@code struct rt_rq}): one FIFO per priority (0 highest,
 * 98 lowest, i.e. {@code 99 - rt_priority}) and a bitmap of the non-empty ones, so picking the
 * highest-priority task is a find-first-bit, O(1). Also the pushable tasks (queued, not running,
 * allowed on more than one CPU; highest priority first, FIFO among equals, as the kernel's
 * {@code plist}, kept like the FIFOs with a bitmap), whose presence makes the CPU <em>overloaded</em> ({@code rt_rq->overloaded},
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
    private final Task[] pushHeads = new Task[MAX_RT_PRIO];
    private final Task[] pushTails = new Task[MAX_RT_PRIO];
    private final long[] pushBitmap = new long[2];
    private int nrPushable;
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
        int prio = nextBit(pushBitmap, 0);
        return prio < 0 ? MAX_RT_PRIO - 1 : prio;
    }

    /** @return whether the CPU has pushable tasks ({@code has_pushable_tasks}) */
    boolean hasPushable() {
        return nrPushable > 0;
    }

    /** @return the highest-priority pushable task, the first of its priority ({@code plist_first_entry}), or {@code null} */
    Task firstPushable() {
        int prio = nextBit(pushBitmap, 0);
        return prio < 0 ? null : pushHeads[prio];
    }

    /** @return the pushable task after {@code p} in priority order, or {@code null} */
    Task nextPushable(Task p) {
        if (p.rt.pushNext != null) {
            return p.rt.pushNext;
        }
        int prio = nextBit(pushBitmap, p.prio + 1);
        return prio < 0 ? null : pushHeads[prio];
    }

    /** {@code enqueue_pushable_task}: behind the pushable tasks of equal or higher priority. */
    void enqueuePushable(Task p) {
        dequeuePushable(p);
        int prio = p.prio;
        p.rt.pushNext = null;
        p.rt.pushPrev = pushTails[prio];
        if (pushTails[prio] == null) {
            pushHeads[prio] = p;
            pushBitmap[prio >> 6] |= 1L << (prio & 63);
        } else {
            pushTails[prio].rt.pushNext = p;
        }
        pushTails[prio] = p;
        p.rt.pushable = true;
        nrPushable++;
    }

    /** {@code dequeue_pushable_task}. */
    void dequeuePushable(Task p) {
        if (!p.rt.pushable) {
            return;
        }
        int prio = p.prio;
        if (p.rt.pushPrev == null) {
            pushHeads[prio] = p.rt.pushNext;
        } else {
            p.rt.pushPrev.rt.pushNext = p.rt.pushNext;
        }
        if (p.rt.pushNext == null) {
            pushTails[prio] = p.rt.pushPrev;
        } else {
            p.rt.pushNext.rt.pushPrev = p.rt.pushPrev;
        }
        if (pushHeads[prio] == null) {
            pushBitmap[prio >> 6] &= ~(1L << (prio & 63));
        }
        p.rt.pushNext = null;
        p.rt.pushPrev = null;
        p.rt.pushable = false;
        nrPushable--;
    }

    int firstPrio() {
        return nextBit(bitmap, 0);
    }

    /** @return the first set bit at or after {@code from} of a two-word priority bitmap, or −1 */
    private static int nextBit(long[] bits, int from) {
        if (from < 64) {
            long w = bits[0] & (-1L << from);
            if (w != 0) {
                return Long.numberOfTrailingZeros(w);
            }
            from = 64;
        }
        if (from >= 128) {
            return -1;
        }
        long w = bits[1] & (-1L << (from - 64));
        return w == 0 ? -1 : 64 + Long.numberOfTrailingZeros(w);
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
