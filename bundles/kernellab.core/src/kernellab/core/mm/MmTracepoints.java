package kernellab.core.mm;

import kernellab.api.Gfp;
import kernellab.core.trace.Tracepoint;
import kernellab.core.trace.Tracer;

/**
 * The memory allocators' tracepoints, with the fields and formats of
 * {@code include/trace/events/kmem.h}. Pointers print as their full hexadecimal value (as
 * with the {@code no_hash_pointers} boot option), call sites as the calling function's name.
 */
public final class MmTracepoints {

    /** {@code page=%p pfn=0x%lx order=%d migratetype=%d gfp_flags=%s}. */
    public static final Tracepoint MM_PAGE_ALLOC = Tracepoint.define("mm_page_alloc");
    /** {@code page=%p pfn=0x%lx order=%d}. */
    public static final Tracepoint MM_PAGE_FREE = Tracepoint.define("mm_page_free");
    /** {@code call_site=%pS ptr=%p bytes_req=%zu bytes_alloc=%zu gfp_flags=%s node=%d accounted=%s}. */
    public static final Tracepoint KMALLOC = Tracepoint.define("kmalloc");
    /** {@code call_site=%pS ptr=%p}. */
    public static final Tracepoint KFREE = Tracepoint.define("kfree");
    /** Same fields as {@link #KMALLOC}. */
    public static final Tracepoint KMEM_CACHE_ALLOC = Tracepoint.define("kmem_cache_alloc");
    /** {@code call_site=%pS ptr=%p name=%s}. */
    public static final Tracepoint KMEM_CACHE_FREE = Tracepoint.define("kmem_cache_free");

    private Tracer tracer;

    void attach(Tracer tracer) {
        this.tracer = tracer;
    }

    private boolean on(Tracepoint tp) {
        return tracer != null && tracer.enabled(tp);
    }

    static String ptr(long address) {
        return String.format("%016x", address);
    }

    /** {@code gfp_migratetype()}: 0 unmovable, 1 movable, 2 reclaimable. */
    static int migratetype(int gfp) {
        return (gfp & (Gfp.__GFP_RECLAIMABLE | Gfp.__GFP_MOVABLE)) >>> 3;
    }

    void pageAlloc(Page page, int order, int gfp) {
        if (on(MM_PAGE_ALLOC)) {
            tracer.event(MM_PAGE_ALLOC).field("page", page == null ? "0000000000000000" : ptr(page.structPageAddress()))
                    .field("pfn", "0x" + Long.toHexString(page == null ? 0 : page.pfn)).field("order", order)
                    .field("migratetype", migratetype(gfp)).field("gfp_flags", Gfp.describe(gfp)).emit();
        }
    }

    void pageFree(Page page, int order) {
        if (on(MM_PAGE_FREE)) {
            tracer.event(MM_PAGE_FREE).field("page", ptr(page.structPageAddress()))
                    .field("pfn", "0x" + Long.toHexString(page.pfn)).field("order", order).emit();
        }
    }

    void kmalloc(String callSite, long ptr, long bytesReq, long bytesAlloc, int gfp) {
        if (on(KMALLOC)) {
            alloc(KMALLOC, callSite, ptr, bytesReq, bytesAlloc, gfp);
        }
    }

    void kmemCacheAlloc(String callSite, long ptr, long bytesReq, long bytesAlloc, int gfp) {
        if (on(KMEM_CACHE_ALLOC)) {
            alloc(KMEM_CACHE_ALLOC, callSite, ptr, bytesReq, bytesAlloc, gfp);
        }
    }

    private void alloc(Tracepoint tp, String callSite, long ptr, long bytesReq, long bytesAlloc, int gfp) {
        tracer.event(tp).field("call_site", callSite).field("ptr", ptr(ptr)).field("bytes_req", bytesReq)
                .field("bytes_alloc", bytesAlloc).field("gfp_flags", Gfp.describe(gfp)).field("node", -1)
                .field("accounted", (gfp & Gfp.__GFP_ACCOUNT) != 0 ? "true" : "false").emit();
    }

    void kfree(String callSite, long ptr) {
        if (on(KFREE)) {
            tracer.event(KFREE).field("call_site", callSite).field("ptr", ptr(ptr)).emit();
        }
    }

    void kmemCacheFree(String callSite, long ptr, String name) {
        if (on(KMEM_CACHE_FREE)) {
            tracer.event(KMEM_CACHE_FREE).field("call_site", callSite).field("ptr", ptr(ptr)).field("name", name).emit();
        }
    }
}
