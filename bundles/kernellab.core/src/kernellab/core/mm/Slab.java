package kernellab.core.mm;

/**
 * A slab: {@code 2^order} contiguous pages of one cache cut into equal object slots, after a
 * colour offset. Free slots are kept on a LIFO free list (the last freed object is handed out
 * next, as SLUB's freelist does); a bitmap of allocated slots lets every free be checked.
 */
public final class Slab {

    final KmemCache cache;
    final Page firstPage;
    /** Address of object 0: page address plus the colour offset. */
    final long objBase;
    final int colourOffset;
    private final int[] freeStack;
    private int nrFree;
    private final long[] allocated;
    int inuse;
    SlabList list;
    Slab prev;
    Slab next;

    Slab(KmemCache cache, Page firstPage, int colourOffset) {
        this.cache = cache;
        this.firstPage = firstPage;
        this.colourOffset = colourOffset;
        this.objBase = PhysicalMemory.pageAddress(firstPage.pfn) + colourOffset;
        int objects = cache.objectsPerSlab();
        this.freeStack = new int[objects];
        for (int i = 0; i < objects; i++) {
            freeStack[i] = objects - 1 - i;
        }
        this.nrFree = objects;
        this.allocated = new long[(objects + 63) >>> 6];
    }

    /** @return the cache the slab belongs to */
    public KmemCache cache() {
        return cache;
    }

    /** @return the slab's first page */
    public Page firstPage() {
        return firstPage;
    }

    /** @return the colour offset of object 0 from the start of the slab, in bytes */
    public int colourOffset() {
        return colourOffset;
    }

    /** @return allocated objects ({@code slab->inuse}) */
    public int inuse() {
        return inuse;
    }

    /** @return which of the cache's lists the slab is on */
    public SlabList.Kind listKind() {
        return list.kind();
    }

    /**
     * @param index slot index
     * @return the slot's address
     */
    public long objectAddress(int index) {
        return objBase + (long) index * cache.size;
    }

    /**
     * @param index slot index
     * @return whether the slot is allocated
     */
    public boolean isAllocated(int index) {
        return (allocated[index >>> 6] & 1L << index) != 0;
    }

    /** Pops the next free slot; the caller knows the slab is not full. */
    int allocIndex() {
        int idx = freeStack[--nrFree];
        allocated[idx >>> 6] |= 1L << idx;
        inuse++;
        return idx;
    }

    void freeIndex(int idx) {
        allocated[idx >>> 6] &= ~(1L << idx);
        freeStack[nrFree++] = idx;
        inuse--;
    }

    /**
     * Slot index of an address, or -1 if the address is not the start of a slot.
     *
     * @param address an address inside the slab's pages
     * @return the index or -1
     */
    int indexOf(long address) {
        long off = address - objBase;
        if (off < 0) {
            return -1;
        }
        int size = cache.size;
        long idx = off / size;
        if (idx >= cache.objectsPerSlab() || idx * size != off) {
            return -1;
        }
        return (int) idx;
    }

    /**
     * Index of the slot that contains an address, or -1 if it is in the colour area or the
     * leftover at the end.
     */
    int slotContaining(long address) {
        long off = address - objBase;
        if (off < 0) {
            return -1;
        }
        long idx = off / cache.size;
        return idx < cache.objectsPerSlab() ? (int) idx : -1;
    }

    /** @return the address of the free object handed out next ({@code slab->freelist}), 0 if full */
    long freelistHead() {
        return nrFree == 0 ? 0 : objectAddress(freeStack[nrFree - 1]);
    }

    /** @return the free pointer of a free object: the object after it on the free list, 0 if last or allocated */
    long freePointerOf(int idx) {
        for (int i = nrFree - 1; i > 0; i--) {
            if (freeStack[i] == idx) {
                return objectAddress(freeStack[i - 1]);
            }
        }
        return 0;
    }
}
