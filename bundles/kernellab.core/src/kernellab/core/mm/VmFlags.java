package kernellab.core.mm;

/**
 * The {@code vm_flags} bits of a {@link VmArea} ({@code include/linux/mm.h}, x86_64), and
 * their two-letter mnemonics as {@code /proc/PID/smaps} prints them on its {@code VmFlags:} line.
 */
public final class VmFlags {

    /** Readable. */
    public static final long VM_READ = 0x1;
    /** Writable. */
    public static final long VM_WRITE = 0x2;
    /** Executable. */
    public static final long VM_EXEC = 0x4;
    /** Shared: writes are seen by every mapper and reach the file (MAP_SHARED of a writable mapping). */
    public static final long VM_SHARED = 0x8;
    /** May become readable with mprotect. */
    public static final long VM_MAYREAD = 0x10;
    /** May become writable with mprotect (not for a shared mapping of a file opened read-only). */
    public static final long VM_MAYWRITE = 0x20;
    /** May become executable with mprotect. */
    public static final long VM_MAYEXEC = 0x40;
    /** Mapped MAP_SHARED (the 's' of /proc/PID/maps). */
    public static final long VM_MAYSHARE = 0x80;
    /** A stack: grows down on faults just below it. */
    public static final long VM_GROWSDOWN = 0x100;
    /** Raw page frames without struct page ([vvar]). */
    public static final long VM_PFNMAP = 0x400;
    /** Pages locked in memory (mlock). */
    public static final long VM_LOCKED = 0x2000;
    /** Memory-mapped I/O ([vvar]). */
    public static final long VM_IO = 0x4000;
    /** Cannot be expanded by mremap ({@code _install_special_mapping}). */
    public static final long VM_DONTEXPAND = 0x40000;
    /** Counted in the commit charge ({@code accountable_mapping}: private writable). */
    public static final long VM_ACCOUNT = 0x100000;
    /** MAP_NORESERVE: no commit charge. */
    public static final long VM_NORESERVE = 0x200000;
    /** Left out of core dumps. */
    public static final long VM_DONTDUMP = 0x4000000;
    /** Soft-dirty tracking: set on every new mapping; ignored when mappings are merged. */
    public static final long VM_SOFTDIRTY = 0x8000000;
    /** {@code MADV_HUGEPAGE}: transparent huge pages wanted. */
    public static final long VM_HUGEPAGE = 0x20000000;
    /** {@code MADV_NOHUGEPAGE}: transparent huge pages refused. */
    public static final long VM_NOHUGEPAGE = 0x40000000;

    /** {@code VM_DATA_DEFAULT_FLAGS} of x86_64: what brk and the stack start from. */
    public static final long VM_DATA_DEFAULT_FLAGS = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    /** {@code VM_STACK_FLAGS}. */
    public static final long VM_STACK_FLAGS = VM_GROWSDOWN | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;

    private static final String[] MNEMONICS = new String[64];

    static {
        String[][] names = {
            {"rd", "0"}, {"wr", "1"}, {"ex", "2"}, {"sh", "3"}, {"mr", "4"}, {"mw", "5"}, {"me", "6"}, {"ms", "7"},
            {"gd", "8"}, {"pf", "10"}, {"lo", "13"}, {"io", "14"}, {"de", "18"}, {"ac", "20"}, {"nr", "21"},
            {"dd", "26"}, {"sd", "27"}, {"hg", "29"}, {"nh", "30"}};
        for (String[] n : names) {
            MNEMONICS[Integer.parseInt(n[1])] = n[0];
        }
    }

    private VmFlags() {
    }

    /**
     * @param flags vm_flags
     * @return the {@code VmFlags:} line's value as {@code show_smap_vma_flags} prints it: each
     *         set flag's mnemonic followed by a space, in bit order
     */
    public static String mnemonics(long flags) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 64; bit++) {
            if ((flags & (1L << bit)) != 0) {
                sb.append(MNEMONICS[bit] == null ? "??" : MNEMONICS[bit]).append(' ');
            }
        }
        return sb.toString();
    }

    /**
     * @param flags vm_flags
     * @return the permission column of /proc/PID/maps, e.g. {@code r-xp}
     */
    public static String perms(long flags) {
        return new String(new char[] {(flags & VM_READ) != 0 ? 'r' : '-', (flags & VM_WRITE) != 0 ? 'w' : '-',
            (flags & VM_EXEC) != 0 ? 'x' : '-', (flags & VM_MAYSHARE) != 0 ? 's' : 'p'});
    }
}
