package kernellab.core.mm;

import java.util.Locale;

/**
 * The {@code page->flags} bits ({@code enum pageflags} of Linux 5.x,
 * include/linux/page-flags.h), in kernel bit order, plus {@link #BUDDY}, {@link #LARGE_KMALLOC}
 * and {@link #TABLE}, which Linux keeps as page <em>types</em> ({@code page->page_type}) rather
 * than flags.
 */
public enum PageFlag {
    /** Page is locked for I/O. */
    LOCKED,
    /** Recently referenced (LRU aging). */
    REFERENCED,
    /** Contents are valid. */
    UPTODATE,
    /** Contents differ from the backing store. */
    DIRTY,
    /** Page is on an LRU list. */
    LRU,
    /** Page is on the active LRU list. */
    ACTIVE,
    /** Page was part of the working set. */
    WORKINGSET,
    /** Someone waits on the page lock. */
    WAITERS,
    /** An I/O error happened. */
    ERROR,
    /** Page belongs to the slab allocator. */
    SLAB,
    /** Owner-private flag (file systems). */
    OWNER_PRIV_1,
    /** Architecture-private flag. */
    ARCH_1,
    /** Never handed to the page allocator (firmware, kernel image, the BIOS page). */
    RESERVED,
    /** {@code page->private} holds data. */
    PRIVATE,
    /** Second private flag. */
    PRIVATE_2,
    /** Under writeback. */
    WRITEBACK,
    /** First page of a compound page. */
    HEAD,
    /** Has blocks allocated on disk. */
    MAPPEDTODISK,
    /** To be reclaimed soon. */
    RECLAIM,
    /** Backed by swap (anonymous). */
    SWAPBACKED,
    /** Cannot be evicted. */
    UNEVICTABLE,
    /** Locked in memory by mlock. */
    MLOCKED,
    /** First page of a free block on a buddy free list (a page type in Linux, not printed with the flags). */
    BUDDY,
    /** First page of a block that kmalloc handed out directly (a page type in Linux, not printed with the flags). */
    LARGE_KMALLOC,
    /**
     * A page of a process's page table, PGD to PTE level ({@code PG_table}, tested by
     * {@code PageTable()}; a page type in Linux, set by the {@code pagetable_*_ctor} functions
     * when the table is allocated and cleared by {@code pagetable_dtor} before it is freed).
     */
    TABLE;

    /** Mask of the page types, which {@code %pGp} does not print as flags. */
    static final int TYPES = BUDDY.mask() | LARGE_KMALLOC.mask() | TABLE.mask();

    /** @return whether this is a page type rather than a page flag */
    public boolean isType() {
        return (mask() & TYPES) != 0;
    }

    /** @return the flag's bit in {@code Page.flags()} */
    public int mask() {
        return 1 << ordinal();
    }

    /** @return the name {@code %pGp} prints, e.g. {@code slab}, {@code owner_priv_1} */
    public String kernelName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
