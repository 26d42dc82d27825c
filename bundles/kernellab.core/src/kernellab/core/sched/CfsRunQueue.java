package kernellab.core.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The fair part of a run queue ({@code struct cfs_rq}): the runnable fair tasks ordered by
 * virtual runtime (a binary heap standing in for the kernel's red-black tree: the leftmost
 * task is at the top, insertion and removal are O(log n)), {@code min_vruntime}, and the total
 * load weight. The running task is kept out of the heap, as the kernel keeps {@code curr} out
 * of the tree.
 */
public final class CfsRunQueue {

    Task[] heap = new Task[16];
    int size;
    Task curr;
    Task skip;
    int nrRunning;
    long loadWeight;
    long minVruntime;
    private long insertions;

    CfsRunQueue() {
    }

    /** @return runnable fair tasks on this CPU, the running one included */
    public int nrRunning() {
        return nrRunning;
    }

    /** @return sum of the load weights of the runnable fair tasks */
    public long loadWeight() {
        return loadWeight;
    }

    /** @return the queue's {@code min_vruntime}, ns */
    public long minVruntime() {
        return minVruntime;
    }

    /** @return the waiting tasks in vruntime order (a copy; the running one not included) */
    public List<Task> tasks() {
        List<Task> list = new ArrayList<>(Arrays.asList(heap).subList(0, size));
        list.sort(Comparator.comparingLong((Task t) -> t.se.vruntime).thenComparingLong(t -> t.se.insertion));
        return list;
    }

    Task leftmost() {
        return size == 0 ? null : heap[0];
    }

    /** @return the second task in vruntime order, or {@code null} */
    Task second() {
        if (size < 2) {
            return null;
        }
        if (size == 2 || before(heap[1], heap[2])) {
            return heap[1];
        }
        return heap[2];
    }

    void insert(Task p) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        p.se.insertion = insertions++;
        heap[size] = p;
        p.se.heapIndex = size++;
        siftUp(p.se.heapIndex);
    }

    void remove(Task p) {
        int i = p.se.heapIndex;
        Task last = heap[--size];
        heap[size] = null;
        p.se.heapIndex = -1;
        if (i == size) {
            return;
        }
        heap[i] = last;
        last.se.heapIndex = i;
        siftDown(i);
        if (heap[i] == last) {
            siftUp(i);
        }
    }

    private static boolean before(Task a, Task b) {
        return a.se.vruntime < b.se.vruntime || a.se.vruntime == b.se.vruntime && a.se.insertion < b.se.insertion;
    }

    private void siftUp(int i) {
        Task e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Task p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.se.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.se.heapIndex = i;
    }

    private void siftDown(int i) {
        Task e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Task c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, e)) {
                break;
            }
            heap[i] = c;
            c.se.heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.se.heapIndex = i;
    }
}
