package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The SCHED_WRR part of a run queue: one FIFO of runnable WRR tasks (the running one
 * included, at the head while it runs) and the sum of their weights. Every operation is O(1):
 * the FIFO is an intrusive doubly linked list through {@link Task}.
 */
public final class WrrRunQueue {

    Task head;
    Task tail;
    int nrRunning;
    long totalWeight;

    WrrRunQueue() {
    }

    /** @return runnable WRR tasks on this CPU, the running one included */
    public int nrRunning() {
        return nrRunning;
    }

    /** @return sum of the weights of the runnable WRR tasks, the running one included */
    public long totalWeight() {
        return totalWeight;
    }

    /** @return the queued tasks in FIFO order (a copy) */
    public List<Task> tasks() {
        List<Task> list = new ArrayList<>(nrRunning);
        for (Task t = head; t != null; t = t.next) {
            list.add(t);
        }
        return list;
    }

    void addTail(Task p) {
        p.next = null;
        p.prev = tail;
        if (tail == null) {
            head = p;
        } else {
            tail.next = p;
        }
        tail = p;
        nrRunning++;
        totalWeight += p.wrrWeight;
    }

    void remove(Task p) {
        if (p.prev == null) {
            head = p.next;
        } else {
            p.prev.next = p.next;
        }
        if (p.next == null) {
            tail = p.prev;
        } else {
            p.next.prev = p.prev;
        }
        p.next = null;
        p.prev = null;
        nrRunning--;
        totalWeight -= p.wrrWeight;
    }

    void moveToTail(Task p) {
        if (tail != p) {
            remove(p);
            addTail(p);
        }
    }
}
