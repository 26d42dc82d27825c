package kernellab.runner.protocol;

/** Who owns a page frame, for the map of physical memory. */
public enum FrameOwner {
    /** On a buddy free list. */
    FREE,
    /** Part of a slab. */
    SLAB,
    /** Anonymous memory of a process (heap, stack, private copies after copy-on-write). */
    ANON,
    /** The page cache: a file's contents, mapped or not. */
    PAGE_CACHE,
    /** A page table of some process (PGD, PUD, PMD or PTE page). */
    PAGE_TABLE,
    /** Allocated by the kernel for another purpose (alloc_pages, kernel stacks, reserved frames). */
    KERNEL
}
