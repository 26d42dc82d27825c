package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's side of a CPU's queue of the class that serves policy 7: which tasks of the
 * class are queued on the CPU (in the order they were enqueued), how many and their total
 * weight. The class keeps its own queue in its own way; the kernel keeps this one to check the
 * class's answers, to show the queue when the class does not, and to move the tasks to the fair
 * class if the class is disabled. Every operation is O(1): an intrusive doubly linked list
 * through {@link ExtEntity}.
 */
public final class ExtRunQueue {

    ExtEntity head;
    ExtEntity tail;
    int nrRunning;
    long totalWeight;

    ExtRunQueue() {
    }

    /** @return tasks of the class queued on this CPU, the running one included */
    public int nrRunning() {
        return nrRunning;
    }

    /** @return the sum of their weights */
    public long totalWeight() {
        return totalWeight;
    }

    /** @return the queued tasks in the order they were enqueued (a copy) */
    public List<Task> tasks() {
        List<Task> list = new ArrayList<>(nrRunning);
        for (ExtEntity e = head; e != null; e = e.next) {
            list.add(e.task);
        }
        return list;
    }

    void add(ExtEntity e) {
        e.next = null;
        e.prev = tail;
        if (tail == null) {
            head = e;
        } else {
            tail.next = e;
        }
        tail = e;
        e.queue = this;
        nrRunning++;
        totalWeight += e.weight;
    }

    void remove(ExtEntity e) {
        if (e.prev == null) {
            head = e.next;
        } else {
            e.prev.next = e.next;
        }
        if (e.next == null) {
            tail = e.prev;
        } else {
            e.next.prev = e.prev;
        }
        e.next = null;
        e.prev = null;
        e.queue = null;
        nrRunning--;
        totalWeight -= e.weight;
    }
}
