package kernellab.core.mm;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The VMA set of an mm: a B+ tree keyed by {@code vm_start} with up to 32 entries per node,
 * like the kernel's maple tree a wide, shallow tree (65,530 VMAs fit in four levels, so a
 * lookup touches few cache lines), plus the address-ordered doubly linked list
 * ({@code vm_next}/{@code vm_prev}). {@link #findVma} finds the last VMA starting at or below
 * the address and, if that one ends too early, takes its successor from the list.
 *
 * <p>Each internal node keeps, for each child, the smallest start in that child. A full node
 * splits in half, except when the new entry goes after its last one (mappings are mostly
 * created in address order): then the new entry starts a node of its own and the full node
 * stays full. Underfull nodes are allowed; empty ones are removed.
 */
final class VmaTree implements Iterable<VmArea> {

    private static final int FANOUT = 32;

    private static final class Node {
        final boolean leaf;
        final long[] keys = new long[FANOUT];
        final Object[] slots = new Object[FANOUT];
        /** In a leaf, each VMA's {@code vm_end}, so a lookup in a gap does not have to visit the VMA. */
        final long[] ends;
        int n;

        Node(boolean leaf) {
            this.leaf = leaf;
            this.ends = leaf ? new long[FANOUT] : null;
        }

        /**
         * @return the largest index whose key is at most {@code key}, or -1; a binary search
         *         without data-dependent branches (the JIT emits conditional moves)
         */
        int floor(long key) {
            if (n == 0) {
                return -1;
            }
            int base = 0;
            int len = n;
            while (len > 1) {
                int half = len >>> 1;
                base = keys[base + half] <= key ? base + half : base;
                len -= half;
            }
            return keys[base] <= key ? base : -1;
        }

        void insertAt(int i, long key, Object slot) {
            System.arraycopy(keys, i, keys, i + 1, n - i);
            System.arraycopy(slots, i, slots, i + 1, n - i);
            keys[i] = key;
            slots[i] = slot;
            if (leaf) {
                System.arraycopy(ends, i, ends, i + 1, n - i);
                ends[i] = ((VmArea) slot).vmEnd;
            }
            n++;
        }

        void removeAt(int i) {
            System.arraycopy(keys, i + 1, keys, i, n - i - 1);
            System.arraycopy(slots, i + 1, slots, i, n - i - 1);
            if (leaf) {
                System.arraycopy(ends, i + 1, ends, i, n - i - 1);
            }
            n--;
            slots[n] = null;
        }

        Node splitOff() {
            Node right = new Node(leaf);
            int half = n / 2;
            right.n = n - half;
            System.arraycopy(keys, half, right.keys, 0, right.n);
            System.arraycopy(slots, half, right.slots, 0, right.n);
            if (leaf) {
                System.arraycopy(ends, half, right.ends, 0, right.n);
            }
            for (int i = half; i < n; i++) {
                slots[i] = null;
            }
            n = half;
            return right;
        }
    }

    private Node root = new Node(true);
    private VmArea first;
    private VmArea last;
    private int size;

    int size() {
        return size;
    }

    VmArea first() {
        return first;
    }

    VmArea last() {
        return last;
    }

    private Node leafFor(long addr) {
        Node node = root;
        while (!node.leaf) {
            int i = node.floor(addr);
            node = (Node) node.slots[Math.max(i, 0)];
        }
        return node;
    }

    /** @return the last VMA with {@code vm_start <= addr}, or {@code null} */
    private VmArea floor(long addr) {
        Node leaf = leafFor(addr);
        int i = leaf.floor(addr);
        return i < 0 ? null : (VmArea) leaf.slots[i];
    }

    /** @return the first VMA with {@code vm_end > addr}, or {@code null} */
    VmArea findVma(long addr) {
        Node leaf = leafFor(addr);
        int i = leaf.floor(addr);
        if (i >= 0 && leaf.ends[i] > addr) {
            return (VmArea) leaf.slots[i];
        }
        if (i + 1 < leaf.n) {
            return (VmArea) leaf.slots[i + 1];
        }
        return i < 0 ? first : ((VmArea) leaf.slots[i]).vmNext;
    }

    /** Sets a VMA's end and the copy kept in its leaf. */
    void setEnd(VmArea v, long end) {
        v.vmEnd = end;
        Node leaf = leafFor(v.vmStart);
        int i = leaf.floor(v.vmStart);
        if (i < 0 || leaf.slots[i] != v) {
            throw new IllegalStateException("VMA not in the tree: " + v);
        }
        leaf.ends[i] = end;
    }

    /** @return the last VMA with {@code vm_start < addr}, or {@code null} */
    VmArea lastStartingBelow(long addr) {
        return addr == Long.MIN_VALUE ? null : floor(addr - 1);
    }

    void insert(VmArea v) {
        treeInsert(v.vmStart, v);
        VmArea prev = lastStartingBelow(v.vmStart);
        v.vmPrev = prev;
        v.vmNext = prev == null ? first : prev.vmNext;
        if (prev == null) {
            first = v;
        } else {
            prev.vmNext = v;
        }
        if (v.vmNext == null) {
            last = v;
        } else {
            v.vmNext.vmPrev = v;
        }
        size++;
    }

    void remove(VmArea v) {
        treeRemove(v.vmStart);
        if (v.vmPrev == null) {
            first = v.vmNext;
        } else {
            v.vmPrev.vmNext = v.vmNext;
        }
        if (v.vmNext == null) {
            last = v.vmPrev;
        } else {
            v.vmNext.vmPrev = v.vmPrev;
        }
        v.vmPrev = null;
        v.vmNext = null;
        size--;
    }

    /** Changes a VMA's start; it must stay between its neighbours, so the list order is kept. */
    void moveStart(VmArea v, long newStart) {
        treeRemove(v.vmStart);
        v.vmStart = newStart;
        treeInsert(newStart, v);
    }

    private void treeInsert(long key, VmArea v) {
        Node split = insert(root, key, v);
        if (split != null) {
            Node r = new Node(false);
            r.keys[0] = root.keys[0];
            r.slots[0] = root;
            r.keys[1] = split.keys[0];
            r.slots[1] = split;
            r.n = 2;
            root = r;
        }
    }

    /** @return the new right sibling if {@code node} was split, else {@code null} */
    private static Node insert(Node node, long key, VmArea v) {
        if (node.leaf) {
            int i = node.floor(key);
            if (i >= 0 && node.keys[i] == key) {
                throw new IllegalStateException("two VMAs start at " + Long.toHexString(key));
            }
            return add(node, i + 1, key, v);
        }
        int i = Math.max(node.floor(key), 0);
        if (key < node.keys[i]) {
            node.keys[i] = key;
        }
        Node split = insert((Node) node.slots[i], key, v);
        return split == null ? null : add(node, i + 1, split.keys[0], split);
    }

    private static Node add(Node node, int i, long key, Object slot) {
        if (node.n < FANOUT) {
            node.insertAt(i, key, slot);
            return null;
        }
        if (i == FANOUT) {
            Node right = new Node(node.leaf);
            right.insertAt(0, key, slot);
            return right;
        }
        Node right = node.splitOff();
        if (i <= node.n) {
            node.insertAt(i, key, slot);
        } else {
            right.insertAt(i - node.n, key, slot);
        }
        return right;
    }

    private void treeRemove(long key) {
        remove(root, key);
        while (!root.leaf && root.n == 1) {
            root = (Node) root.slots[0];
        }
        if (!root.leaf && root.n == 0) {
            root = new Node(true);
        }
    }

    /** @return whether {@code node} became empty */
    private static boolean remove(Node node, long key) {
        int i = node.floor(key);
        if (node.leaf) {
            if (i < 0 || node.keys[i] != key) {
                throw new IllegalStateException("no VMA starts at " + Long.toHexString(key));
            }
            node.removeAt(i);
            return node.n == 0;
        }
        i = Math.max(i, 0);
        Node child = (Node) node.slots[i];
        if (remove(child, key)) {
            node.removeAt(i);
        } else {
            node.keys[i] = child.keys[0];
        }
        return node.n == 0;
    }

    @Override
    public Iterator<VmArea> iterator() {
        return new Iterator<>() {
            private VmArea next = first;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public VmArea next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                VmArea v = next;
                next = v.vmNext;
                return v;
            }
        };
    }
}
