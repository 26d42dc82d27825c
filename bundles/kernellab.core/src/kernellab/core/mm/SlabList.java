package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * One of a cache's three slab lists (full, partial, empty), doubly linked through the slabs
 * like {@code slab->slab_list}.
 */
public final class SlabList {

    /** Which list a slab is on. */
    public enum Kind {
        /** Every object allocated. */
        FULL,
        /** Some objects allocated, some free. */
        PARTIAL,
        /** Every object free. */
        EMPTY
    }

    private final Kind kind;
    Slab head;
    private Slab tail;
    private int count;

    SlabList(Kind kind) {
        this.kind = kind;
    }

    /** @return which list this is */
    public Kind kind() {
        return kind;
    }

    /** @return the number of slabs on the list */
    public int count() {
        return count;
    }

    void addHead(Slab s) {
        s.list = this;
        s.prev = null;
        s.next = head;
        if (head != null) {
            head.prev = s;
        } else {
            tail = s;
        }
        head = s;
        count++;
    }

    void addTail(Slab s) {
        s.list = this;
        s.next = null;
        s.prev = tail;
        if (tail != null) {
            tail.next = s;
        } else {
            head = s;
        }
        tail = s;
        count++;
    }

    void remove(Slab s) {
        if (s.prev != null) {
            s.prev.next = s.next;
        } else {
            head = s.next;
        }
        if (s.next != null) {
            s.next.prev = s.prev;
        } else {
            tail = s.prev;
        }
        s.next = null;
        s.prev = null;
        s.list = null;
        count--;
    }

    /** @return the slabs on the list, head first (a snapshot) */
    public List<Slab> slabs() {
        List<Slab> out = new ArrayList<>(count);
        for (Slab s = head; s != null; s = s.next) {
            out.add(s);
        }
        return out;
    }
}
