package kernellab.core.mm;

/**
 * {@code struct free_area}: the list of free blocks of one order in one zone, linked
 * through the blocks' first pages, and its length {@code nr_free}.
 */
public final class FreeArea {

    private Page head;
    private Page tail;
    private long nrFree;

    /** @return the number of free blocks of this order ({@code nr_free}, a column of /proc/buddyinfo) */
    public long nrFree() {
        return nrFree;
    }

    /** @return the first block on the list, the one {@code __rmqueue_smallest()} takes, or {@code null} */
    Page first() {
        return head;
    }

    void addHead(Page p) {
        p.prev = null;
        p.next = head;
        if (head != null) {
            head.prev = p;
        } else {
            tail = p;
        }
        head = p;
        nrFree++;
    }

    void addTail(Page p) {
        p.next = null;
        p.prev = tail;
        if (tail != null) {
            tail.next = p;
        } else {
            head = p;
        }
        tail = p;
        nrFree++;
    }

    void remove(Page p) {
        if (p.prev != null) {
            p.prev.next = p.next;
        } else {
            head = p.next;
        }
        if (p.next != null) {
            p.next.prev = p.prev;
        } else {
            tail = p.prev;
        }
        p.next = null;
        p.prev = null;
        nrFree--;
    }

    /** @return the page frame numbers of the blocks on the list, head first */
    public long[] pfns() {
        long[] out = new long[(int) nrFree];
        int i = 0;
        for (Page p = head; p != null; p = p.next) {
            out[i++] = p.pfn;
        }
        return out;
    }
}
