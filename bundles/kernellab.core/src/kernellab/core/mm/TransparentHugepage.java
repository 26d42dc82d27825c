package kernellab.core.mm;

import kernellab.api.Errno;

/**
 * The modes of {@code /sys/kernel/mm/transparent_hugepage/enabled} (mm/huge_memory.c) and the
 * question they answer, {@code thp_vma_allowable_order()} for PMD-sized anonymous pages: may a
 * VMA get 2 MiB pages, and may a fault at an address map one.
 */
public enum TransparentHugepage {
    /** Every eligible anonymous VMA, unless {@code MADV_NOHUGEPAGE}. */
    ALWAYS,
    /** Only VMAs marked with {@code MADV_HUGEPAGE}; the default of Linux distributions and here. */
    MADVISE,
    /** No huge pages ({@code transparent_hugepage=never}). */
    NEVER;

    /**
     * @return the file's contents as {@code enabled_show()} prints them, the mode in brackets,
     *         e.g. {@code always [madvise] never}
     */
    public String show() {
        StringBuilder sb = new StringBuilder();
        for (TransparentHugepage m : values()) {
            sb.append(sb.isEmpty() ? "" : " ").append(m == this ? "[" + m.name().toLowerCase() + "]" : m.name().toLowerCase());
        }
        return sb.append('\n').toString();
    }

    /**
     * {@code enabled_store()}: the mode named by a write to the file ({@code sysfs_streq}: one
     * trailing newline allowed).
     *
     * @param text what was written, e.g. {@code "never\n"}
     * @return the mode
     * @throws Errno EINVAL for anything else
     */
    public static TransparentHugepage store(String text) {
        String word = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (TransparentHugepage m : values()) {
            if (m.name().toLowerCase().equals(word)) {
                return m;
            }
        }
        throw new Errno(Errno.EINVAL);
    }

    /**
     * Whether the mode and the VMA's flags allow PMD-sized pages at all: a private anonymous VMA
     * without {@code VM_NOHUGEPAGE}, with {@code VM_HUGEPAGE} unless the mode is {@link #ALWAYS}.
     *
     * @param v a VMA
     * @return whether it is allowed
     */
    boolean allows(VmArea v) {
        long f = v.vmFlags;
        return this != NEVER && v.isAnonymous() && (f & (VmFlags.VM_SHARED | VmFlags.VM_NOHUGEPAGE | VmFlags.VM_PFNMAP)) == 0
                && (this == ALWAYS || (f & VmFlags.VM_HUGEPAGE) != 0);
    }

    /**
     * {@code thp_vma_suitable_order()}: the 2 MiB-aligned block around the address lies inside the VMA.
     *
     * @param v a VMA
     * @param address an address in it
     * @return whether a huge page could map it
     */
    static boolean suitable(VmArea v, long address) {
        long haddr = address & -PageTable.HPAGE_PMD_SIZE;
        return haddr >= v.vmStart && haddr + PageTable.HPAGE_PMD_SIZE <= v.vmEnd;
    }

    /**
     * smaps' {@code THPeligible}: allowed, and the VMA holds at least one aligned 2 MiB block
     * ({@code __thp_vma_allowable_orders()} outside a fault checks the block ending at
     * {@code vm_end - HPAGE_PMD_SIZE}).
     *
     * @param v a VMA
     * @return whether it is eligible
     */
    boolean eligible(VmArea v) {
        return allows(v) && v.vmEnd - v.vmStart >= PageTable.HPAGE_PMD_SIZE && suitable(v, v.vmEnd - PageTable.HPAGE_PMD_SIZE);
    }
}
