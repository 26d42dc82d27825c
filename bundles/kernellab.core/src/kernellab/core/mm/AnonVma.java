package kernellab.core.mm;

/**
 * {@code struct anon_vma}: the reverse-map root shared by the VMAs whose anonymous pages may
 * be mapped together (a VMA, the VMAs merged into it, and after fork the child's copies).
 * Anonymous pages point to it through {@code page->mapping}. Allocated from the
 * {@code anon_vma} cache; each VMA's link to it costs an {@code anon_vma_chain}.
 */
public final class AnonVma implements Page.KernelObject {

    private final long address;
    private final AnonVma root;
    int refs;

    AnonVma(long address, AnonVma parent) {
        this.address = address;
        this.root = parent == null ? this : parent.root;
    }

    @Override
    public long kernelAddress() {
        return address;
    }

    /** @return the root of the fork hierarchy (itself for a VMA's first anon_vma) */
    public AnonVma root() {
        return root;
    }

    /** @return the number of VMAs linked to this anon_vma */
    public int refs() {
        return refs;
    }
}
