package kernellab.api;

import java.util.StringJoiner;

/**
 * Get-free-pages flags ({@code gfp_t}) for {@link KernelContext#kmalloc}, the
 * {@code kmem_cache_*} family and the page allocator, with the bit values of a Linux 5.x
 * x86_64 kernel ({@code include/linux/gfp.h}), so that {@code mode:0xcc0(GFP_KERNEL)}
 * reads as on a real machine.
 *
 * <p>Use them as in C: {@code k.kmalloc(64, GFP_KERNEL | __GFP_ZERO)}.
 */
public final class Gfp {

    /** Allocate from ZONE_DMA (the first 16 MiB) only. */
    public static final int __GFP_DMA = 0x01;
    /** Highmem (no highmem on x86_64; accepted and ignored). */
    public static final int __GFP_HIGHMEM = 0x02;
    /** ZONE_DMA32 (not simulated; accepted and ignored). */
    public static final int __GFP_DMA32 = 0x04;
    /** The page may be moved by compaction (migratetype MIGRATE_MOVABLE). */
    public static final int __GFP_MOVABLE = 0x08;
    /** The page is reclaimable (migratetype MIGRATE_RECLAIMABLE). */
    public static final int __GFP_RECLAIMABLE = 0x10;
    /** High priority: the caller cannot wait and may use emergency reserves. */
    public static final int __GFP_HIGH = 0x20;
    /** The allocation may start physical I/O. */
    public static final int __GFP_IO = 0x40;
    /** The allocation may call into the file system. */
    public static final int __GFP_FS = 0x80;
    /** Return zeroed memory. */
    public static final int __GFP_ZERO = 0x100;
    /** Atomic context (5.x; part of {@link #GFP_ATOMIC}). */
    public static final int __GFP_ATOMIC = 0x200;
    /** The caller may enter direct reclaim (may sleep). */
    public static final int __GFP_DIRECT_RECLAIM = 0x400;
    /** The caller may wake kswapd. */
    public static final int __GFP_KSWAPD_RECLAIM = 0x800;
    /** The page will be written to (page-cache hint). */
    public static final int __GFP_WRITE = 0x1000;
    /** Do not print an allocation-failure warning. */
    public static final int __GFP_NOWARN = 0x2000;
    /** Retry hard, but the allocation may still fail. */
    public static final int __GFP_RETRY_MAYFAIL = 0x4000;
    /** The allocation must not fail (not honoured beyond bookkeeping). */
    public static final int __GFP_NOFAIL = 0x8000;
    /** Do not retry after a failure. */
    public static final int __GFP_NORETRY = 0x10000;
    /** Allow use of all memory reserves. */
    public static final int __GFP_MEMALLOC = 0x20000;
    /** Make a compound page (head + tails), as {@code kmalloc} does for large sizes. */
    public static final int __GFP_COMP = 0x40000;
    /** Forbid use of memory reserves. */
    public static final int __GFP_NOMEMALLOC = 0x80000;
    /** Enforce the cpuset memory allocation policy. */
    public static final int __GFP_HARDWALL = 0x100000;
    /** Allocate on this node only. */
    public static final int __GFP_THISNODE = 0x200000;
    /** Charge the allocation to the memory cgroup. */
    public static final int __GFP_ACCOUNT = 0x400000;

    /** Both reclaim bits. */
    public static final int __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
    /** Atomic context: cannot sleep, may use reserves ({@code 0xa20}). */
    public static final int GFP_ATOMIC = __GFP_HIGH | __GFP_ATOMIC | __GFP_KSWAPD_RECLAIM;
    /** The usual kernel allocation: may sleep, do I/O and file-system calls ({@code 0xcc0}). */
    public static final int GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
    /** {@link #GFP_KERNEL} charged to the memory cgroup. */
    public static final int GFP_KERNEL_ACCOUNT = GFP_KERNEL | __GFP_ACCOUNT;
    /** Cannot sleep, no reserves. */
    public static final int GFP_NOWAIT = __GFP_KSWAPD_RECLAIM;
    /** May sleep but must not start I/O. */
    public static final int GFP_NOIO = __GFP_RECLAIM;
    /** May sleep and do I/O but must not call into the file system. */
    public static final int GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
    /** For user-space pages. */
    public static final int GFP_USER = __GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL;
    /** ZONE_DMA memory. */
    public static final int GFP_DMA = __GFP_DMA;
    /** ZONE_DMA32 memory (not simulated). */
    public static final int GFP_DMA32 = __GFP_DMA32;
    /** User pages that may live in highmem. */
    public static final int GFP_HIGHUSER = GFP_USER | __GFP_HIGHMEM;
    /** Movable user pages. */
    public static final int GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | __GFP_MOVABLE;

    /** The names in the order of {@code __def_gfpflag_names} ({@code include/trace/events/mmflags.h}). */
    private static final int[] MASKS = {
        GFP_HIGHUSER_MOVABLE, GFP_HIGHUSER, GFP_USER, GFP_KERNEL_ACCOUNT, GFP_KERNEL, GFP_NOFS,
        GFP_ATOMIC, GFP_NOIO, GFP_NOWAIT, GFP_DMA, __GFP_HIGHMEM, GFP_DMA32, __GFP_HIGH,
        __GFP_ATOMIC, __GFP_IO, __GFP_FS, __GFP_NOWARN, __GFP_RETRY_MAYFAIL, __GFP_NOFAIL,
        __GFP_NORETRY, __GFP_COMP, __GFP_ZERO, __GFP_NOMEMALLOC, __GFP_MEMALLOC, __GFP_HARDWALL,
        __GFP_THISNODE, __GFP_RECLAIMABLE, __GFP_MOVABLE, __GFP_ACCOUNT, __GFP_WRITE,
        __GFP_RECLAIM, __GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM };
    private static final String[] NAMES = {
        "GFP_HIGHUSER_MOVABLE", "GFP_HIGHUSER", "GFP_USER", "GFP_KERNEL_ACCOUNT", "GFP_KERNEL",
        "GFP_NOFS", "GFP_ATOMIC", "GFP_NOIO", "GFP_NOWAIT", "GFP_DMA", "__GFP_HIGHMEM", "GFP_DMA32",
        "__GFP_HIGH", "__GFP_ATOMIC", "__GFP_IO", "__GFP_FS", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL",
        "__GFP_NOFAIL", "__GFP_NORETRY", "__GFP_COMP", "__GFP_ZERO", "__GFP_NOMEMALLOC",
        "__GFP_MEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE", "__GFP_RECLAIMABLE", "__GFP_MOVABLE",
        "__GFP_ACCOUNT", "__GFP_WRITE", "__GFP_RECLAIM", "__GFP_DIRECT_RECLAIM",
        "__GFP_KSWAPD_RECLAIM" };

    private Gfp() {
    }

    /**
     * The flags as the kernel's {@code show_gfp_flags()} / {@code %pGg} prints them: composite
     * names first, then single bits, separated by {@code |}; leftover unknown bits in hex;
     * {@code "none"} for zero.
     *
     * @param gfp the flags
     * @return e.g. {@code "GFP_KERNEL|__GFP_ZERO"}
     */
    public static String describe(int gfp) {
        if (gfp == 0) {
            return "none";
        }
        StringJoiner out = new StringJoiner("|");
        int rest = gfp;
        for (int i = 0; i < MASKS.length; i++) {
            if ((rest & MASKS[i]) == MASKS[i] && MASKS[i] != 0) {
                out.add(NAMES[i]);
                rest &= ~MASKS[i];
            }
        }
        if (rest != 0) {
            out.add("0x" + Integer.toHexString(rest));
        }
        return out.toString();
    }
}
