package kernellab.core.sim;

import java.util.Arrays;

/**
 * Binary min-heap of events ordered by (time, sequence). The keys are kept in primitive arrays
 * next to the event references so that sifting compares without touching the event objects;
 * each event stores its index, so cancelling and rescheduling are O(log n) without searching.
 */
final class EventQueue {

    private Event[] events = new Event[256];
    private long[] times = new long[256];
    private long[] sequences = new long[256];
    private int size;

    int size() {
        return size;
    }

    Event peek() {
        return size == 0 ? null : events[0];
    }

    void add(Event e) {
        if (size == events.length) {
            events = Arrays.copyOf(events, size * 2);
            times = Arrays.copyOf(times, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
        }
        siftUp(size++, e, e.time, e.sequence);
    }

    void remove(Event e) {
        int i = e.heapIndex;
        e.heapIndex = -1;
        int last = --size;
        Event moved = events[last];
        long t = times[last];
        long s = sequences[last];
        events[last] = null;
        if (i == last) {
            return;
        }
        siftDown(i, moved, t, s);
        if (events[i] == moved) {
            siftUp(i, moved, t, s);
        }
    }

    private void siftUp(int i, Event e, long t, long s) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = times[parent];
            if (t > pt || t == pt && s > sequences[parent]) {
                break;
            }
            set(i, events[parent], pt, sequences[parent]);
            i = parent;
        }
        set(i, e, t, s);
    }

    private void siftDown(int i, Event e, long t, long s) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            long ct = times[child];
            long cs = sequences[child];
            int right = child + 1;
            if (right < size) {
                long rt = times[right];
                if (rt < ct || rt == ct && sequences[right] < cs) {
                    child = right;
                    ct = rt;
                    cs = sequences[right];
                }
            }
            if (t < ct || t == ct && s < cs) {
                break;
            }
            set(i, events[child], ct, cs);
            i = child;
        }
        set(i, e, t, s);
    }

    private void set(int i, Event e, long t, long s) {
        events[i] = e;
        times[i] = t;
        sequences[i] = s;
        e.heapIndex = i;
    }
}
