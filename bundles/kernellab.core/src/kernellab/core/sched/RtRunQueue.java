package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The real-time part of a run queue ({@code struct rt_rq}): one FIFO per priority (0 highest,
 * 98 lowest, i.e. {@code 99 - rt_priority}) and a bitmap of the non-empty ones, so picking the
 * highest-priority task is a find-first-bit, O(1). Also holds the RT bandwidth accounting.
 */
public final class RtRunQueue {

    static final int MAX_RT_PRIO = 100;

    final Task[] heads = new Task[MAX_RT_PRIO];
    final Task[] tails = new Task[MAX_RT_PRIO];
    final long[] bitmap = new long[2];
    int nrRunning;
    long rtTime;
    boolean throttled;

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
