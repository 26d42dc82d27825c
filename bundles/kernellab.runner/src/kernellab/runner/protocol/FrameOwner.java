package kernellab.runner.protocol;

/** Who owns a page frame, for the map of physical memory. */
public enum FrameOwner {
    /** On a buddy free list. */
    FREE,
    /** Part of a slab. */
    SLAB,
    /** Allocated by the kernel for another purpose (page blocks, stacks, page tables, reserved). */
    KERNEL
}
