package kernellab.core.mm;

import java.util.Arrays;
import java.util.StringJoiner;

import kernellab.api.StructPage;

/**
 * {@code struct page}: the descriptor of one physical page frame. There is one per frame
 * in {@code mem_map}, created at boot; the frame's contents (4 KiB of bytes) are allocated
 * lazily on first write, reads of an untouched frame see zeros.
 *
 * <p>Fields follow the kernel: {@link #flags()}, {@code _refcount} ({@link #refcount()}),
 * {@code _mapcount} ({@link #mapcount()}, counted from 0 here), {@code mapping},
 * {@code index}, {@code private}. While a frame heads a free block on a buddy list,
 * {@link #order()} is its buddy order ({@code page_private} in Linux); while it heads an
 * allocated block, the order it was allocated with.
 */
public final class Page implements StructPage {

    /**
     * A kernel object with an address in the simulated kernel's memory, such as an
     * {@code address_space} or {@code anon_vma}; {@code page->mapping} prints that address.
     */
    public interface KernelObject {

        /** @return the object's kernel virtual address */
        long kernelAddress();
    }

    /** Start of the virtual memory map of {@code struct page}s on x86_64 ({@code VMEMMAP_START}). */
    public static final long VMEMMAP_START = 0xffffea0000000000L;
    /** {@code sizeof(struct page)} on x86_64. */
    public static final int STRUCT_PAGE_SIZE = 64;
    /** Bit position of the zone number in the printed flags word ({@code ZONES_PGSHIFT}). */
    static final int ZONES_PGSHIFT = 62;

    final long pfn;
    final Zone zone;
    int flags;
    int refcount;
    int mapcount;
    Object mapping;
    long index;
    long privateData;
    int order;
    /** First page of the allocated block this frame is part of; {@code null} while free. */
    Page allocHead;
    /** The slab this frame is part of, while {@link PageFlag#SLAB} is set. */
    Slab slab;
    boolean everAllocated;
    Page next;
    Page prev;
    byte[] data;

    Page(long pfn, Zone zone) {
        this.pfn = pfn;
        this.zone = zone;
    }

    @Override
    public long pfn() {
        return pfn;
    }

    @Override
    public int refcount() {
        return refcount;
    }

    @Override
    public int mapcount() {
        return mapcount;
    }

    @Override
    public String zoneName() {
        return zone.name();
    }

    /** @return the zone of this frame */
    public Zone zone() {
        return zone;
    }

    /** @return the flag bits, see {@link PageFlag#mask()} */
    public int flags() {
        return flags;
    }

    /**
     * @param flag a flag
     * @return whether it is set
     */
    public boolean test(PageFlag flag) {
        return (flags & flag.mask()) != 0;
    }

    /**
     * Sets a flag ({@code SetPageDirty()} and friends).
     *
     * @param flag the flag
     */
    public void set(PageFlag flag) {
        flags |= flag.mask();
    }

    /**
     * Clears a flag ({@code ClearPageDirty()} and friends).
     *
     * @param flag the flag
     */
    public void clear(PageFlag flag) {
        flags &= ~flag.mask();
    }

    /** Takes a reference ({@code get_page()}). */
    public void get() {
        refcount++;
    }

    /**
     * Adds a page-table mapping ({@code page_add_*_rmap()} bookkeeping).
     *
     * @param delta +1 when a PTE starts mapping the page, -1 when one stops
     */
    public void addMapcount(int delta) {
        mapcount += delta;
    }

    /** @return {@code page->mapping}: the address space or anon_vma the page belongs to, or {@code null} */
    public Object mapping() {
        return mapping;
    }

    /**
     * @param mapping the new {@code page->mapping}
     */
    public void setMapping(Object mapping) {
        this.mapping = mapping;
    }

    /** @return {@code page->index}: the page's offset in its mapping, in pages */
    public long index() {
        return index;
    }

    /**
     * @param index the new {@code page->index}
     */
    public void setIndex(long index) {
        this.index = index;
    }

    /** @return {@code page->private} */
    public long privateData() {
        return privateData;
    }

    /**
     * @param value the new {@code page->private}
     */
    public void setPrivateData(long value) {
        this.privateData = value;
    }

    /** @return the buddy order of a free block's head, or the allocation order of an allocated block's head */
    public int order() {
        return order;
    }

    /** @return whether the frame is part of an allocated block (as opposed to free or reserved) */
    public boolean isAllocated() {
        return allocHead != null;
    }

    /** @return the slab this frame belongs to, or {@code null} */
    public Slab slab() {
        return slab;
    }

    /** @return the address of this {@code struct page} in the kernel's virtual memory map */
    public long structPageAddress() {
        return VMEMMAP_START + pfn * STRUCT_PAGE_SIZE;
    }

    /** @return {@code page->mapping} as {@code %p} prints it: the object's address, 0 for none */
    long mappingAddress() {
        return mapping instanceof KernelObject k ? k.kernelAddress() : 0;
    }

    /** @return the flags word as the kernel stores it: flag bits plus the zone number in the top bits */
    public long flagsWord() {
        return (flags & ~PageFlag.TYPES) | (long) zone.id() << ZONES_PGSHIFT;
    }

    /** @return the flags as {@code %pGp} prints them, e.g. {@code 0x4000000000000200(slab|zone=1)} */
    public String describeFlags() {
        StringJoiner names = new StringJoiner("|");
        for (PageFlag f : PageFlag.values()) {
            if (!f.isType() && test(f)) {
                names.add(f.kernelName());
            }
        }
        names.add("zone=" + zone.id());
        return String.format("%#x(%s)", flagsWord(), names);
    }

    byte[] bytes() {
        if (data == null) {
            data = new byte[PhysicalMemory.PAGE_SIZE];
        }
        return data;
    }

    void zero() {
        if (data != null) {
            Arrays.fill(data, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return String.format("page:%016x pfn:%#x", structPageAddress(), pfn);
    }
}
