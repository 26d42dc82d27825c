package kernellab.core.mm;

import kernellab.core.trace.Tracepoint;

/** The tracepoints of process address spaces; pausable like the scheduler's. */
public final class VmTracepoints {

    /** A user page fault: address, ip, error_code, kind and result ({@code exceptions:page_fault_user} plus the outcome). */
    public static final Tracepoint PAGE_FAULT_USER = Tracepoint.define("page_fault_user");
    /** A copy-on-write copy in {@code do_wp_page}: address, old and new pfn. */
    public static final Tracepoint MM_COW = Tracepoint.define("mm_cow_copy");
    /** An mmap that succeeded or failed: addr, len, prot, flags, result. */
    public static final Tracepoint MMAP = Tracepoint.define("mmap");
    /** A munmap: addr, len, result. */
    public static final Tracepoint MUNMAP = Tracepoint.define("munmap");
    /** An mprotect: addr, len, prot, result. */
    public static final Tracepoint MPROTECT = Tracepoint.define("mprotect");
    /** A brk: requested break and the break returned. */
    public static final Tracepoint BRK = Tracepoint.define("brk");
    /** {@code oom:mark_victim}: the OOM killer chose a process (pid, comm, total_vm, anon_rss, file_rss, shmem_rss, uid, pgtables). */
    public static final Tracepoint MARK_VICTIM = Tracepoint.define("mark_victim");
    /** {@code kmem:rss_stat}: an RSS counter changed (mm_id, curr, member, size in bytes). */
    public static final Tracepoint RSS_STAT = Tracepoint.define("rss_stat");

    private VmTracepoints() {
    }

    /** @return {@code v} as tracepoint fields print addresses and flags: {@code 0x} and lowercase hex */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
