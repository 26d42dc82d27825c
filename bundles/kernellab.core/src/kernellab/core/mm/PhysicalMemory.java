package kernellab.core.mm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import kernellab.api.Gfp;
import kernellab.api.LogLevel;
import kernellab.core.printk.KernelLog;
import kernellab.core.printk.Taint;
import kernellab.core.trace.TraceContext;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.Tracer;

/**
 * The machine's physical memory and the kernel's allocators on it: {@code mem_map} with a
 * {@link Page} per 4 KiB frame, the zoned {@link BuddyAllocator}, the {@link SlabAllocator}
 * with kmalloc, the page-allocator convenience calls ({@code __get_free_pages} and friends),
 * kernel-virtual addresses ({@code page_address}, {@code virt_to_page}), byte access with
 * KASAN-like checks, and the counters behind /proc/meminfo. Built from the memory size and
 * the CPU count; the kernel owns one.
 *
 * <p>Kernel virtual addresses are those of x86_64's direct map: frame {@code pfn} is at
 * {@code PAGE_OFFSET + pfn * 4096} with {@code PAGE_OFFSET = 0xffff888000000000}.
 * Frame 0 is reserved (the BIOS page), as on a PC.
 */
public final class PhysicalMemory {

    /** {@code PAGE_SHIFT}. */
    public static final int PAGE_SHIFT = 12;
    /** {@code PAGE_SIZE}: 4 KiB. */
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    /** {@code MAX_ORDER} (6.x {@code MAX_PAGE_ORDER}): the largest block is {@code 2^10} pages, 4 MiB. */
    public static final int MAX_ORDER = 10;
    /** {@code NR_PAGE_ORDERS}: orders 0 … {@link #MAX_ORDER}. */
    public static final int NR_PAGE_ORDERS = MAX_ORDER + 1;
    /** {@code pageblock_order} on x86_64 ({@code HPAGE_PMD_ORDER}): a pageblock is 2 MiB. */
    public static final int PAGEBLOCK_ORDER = 9;
    /** Start of the direct map of all physical memory on x86_64 ({@code PAGE_OFFSET}). */
    public static final long PAGE_OFFSET = 0xffff888000000000L;
    /** {@code MAX_DMA_PFN}: ZONE_DMA ends at 16 MiB. */
    public static final long MAX_DMA_PFN = (16L << 20) >>> PAGE_SHIFT;
    /** {@code MAX_DMA32_PFN}: ZONE_DMA32 ends at 4 GiB. */
    public static final long MAX_DMA32_PFN = (4L << 30) >>> PAGE_SHIFT;
    /** Default memory size of a machine: 256 MiB. */
    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    /** {@code THREAD_SIZE_ORDER} on x86_64: a kernel stack is 4 pages. */
    public static final int THREAD_SIZE_ORDER = 2;

    /** Names the boot CPU's idle task when no kernel provides the current task. */
    private static final TraceContext BOOT_CONTEXT = new TraceContext() {
        @Override
        public long now() {
            return 0;
        }

        @Override
        public int currentCpu() {
            return 0;
        }

        @Override
        public String currentComm(int cpu) {
            return "swapper/" + cpu;
        }

        @Override
        public int currentPid(int cpu) {
            return 0;
        }

        @Override
        public void requestStop(TraceEvent event) {
            // nothing to stop without an engine
        }
    };

    private final int nrCpus;
    private final MmReports reports;
    private final MmTracepoints trace = new MmTracepoints();
    private final BuddyAllocator buddy;
    private final SlabAllocator slab;
    private final Page[] memMap;
    private long slabReclaimablePages;
    private long slabUnreclaimablePages;
    private long kmallocLargePages;
    private long pageTablePages;
    private long kernelStackPages;
    private long anonThps;
    private long thpFaultAlloc;
    private long thpFaultFallback;
    private long thpSplitPmd;
    private String callSite = "start_kernel";
    private Slab constructing;

    /**
     * Boots the memory subsystem: all frames but frame 0 go to the buddy allocator, then the
     * slab layer creates its boot and kmalloc caches.
     *
     * @param memoryBytes physical memory; a multiple of 4 KiB, at least 1 MiB
     * @param nrCpus CPUs of the machine (SLUB's slab sizes and the zones' pagesets depend on it)
     * @param log the kernel log reports go to
     */
    public PhysicalMemory(long memoryBytes, int nrCpus, KernelLog log) {
        if (memoryBytes < (1L << 20) || memoryBytes % PAGE_SIZE != 0 || memoryBytes >>> PAGE_SHIFT > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("memory size must be a multiple of 4 KiB between 1 MiB and 8 TiB: " + memoryBytes);
        }
        if (nrCpus < 1) {
            throw new IllegalArgumentException("nrCpus must be at least 1: " + nrCpus);
        }
        this.nrCpus = nrCpus;
        this.reports = new MmReports(Objects.requireNonNull(log, "log"), new Taint(), BOOT_CONTEXT);
        this.buddy = new BuddyAllocator((int) (memoryBytes >>> PAGE_SHIFT), nrCpus, reports, trace);
        this.memMap = new Page[buddy.nrPages()];
        for (int i = 0; i < memMap.length; i++) {
            memMap[i] = buddy.pfnToPage(i);
        }
        this.slab = new SlabAllocator(this);
    }

    /**
     * Connects the subsystem to a machine: tracepoints go to {@code tracer}, reports name the
     * task that {@code current} says is running. Either may be {@code null} to disconnect.
     *
     * @param tracer the machine's tracer
     * @param current the machine's view of the current task
     */
    public void attach(Tracer tracer, TraceContext current) {
        trace.attach(tracer);
        reports.setCurrent(current == null ? BOOT_CONTEXT : current);
    }

    /** @return the buddy allocator */
    public BuddyAllocator buddy() {
        return buddy;
    }

    /** @return the slab allocator and kmalloc */
    public SlabAllocator slab() {
        return slab;
    }

    /** @return the CPU count the slab sizes were computed for */
    public int nrCpus() {
        return nrCpus;
    }

    /** @return the kernel log the subsystem reports to */
    public KernelLog log() {
        return reports.log();
    }

    /** @return the kernel's taint state */
    public Taint taint() {
        return reports.taint();
    }

    MmReports reports() {
        return reports;
    }

    MmTracepoints trace() {
        return trace;
    }

    Page[] memMap() {
        return memMap;
    }

    /**
     * Names the kernel function on whose behalf the next allocations are made; tracepoints
     * print it as {@code call_site} and warnings as their caller.
     *
     * @param function e.g. {@code copy_process} or {@code hello_init [hello]}
     * @return the previous call site, to restore afterwards
     */
    public String setCallSite(String function) {
        String old = callSite;
        callSite = function;
        return old;
    }

    String callSite() {
        return callSite;
    }

    // ---- addresses ----

    /**
     * {@code page_address()} for a frame number.
     *
     * @param pfn page frame number
     * @return the frame's kernel virtual address
     */
    public static long pageAddress(long pfn) {
        return PAGE_OFFSET + (pfn << PAGE_SHIFT);
    }

    /**
     * {@code page_address()}.
     *
     * @param page a page
     * @return its kernel virtual address
     */
    public static long pageAddress(Page page) {
        return pageAddress(page.pfn);
    }

    /**
     * {@code virt_to_page()}.
     *
     * @param address a kernel virtual address
     * @return the page containing it, or {@code null} if it is not a direct-map address of RAM
     */
    public Page virtToPage(long address) {
        long off = address - PAGE_OFFSET;
        if (off < 0 || (off >>> PAGE_SHIFT) >= memMap.length) {
            return null;
        }
        return memMap[(int) (off >>> PAGE_SHIFT)];
    }

    /**
     * @param address a kernel virtual address
     * @return the slab containing it, or {@code null}
     */
    public Slab slabOf(long address) {
        long off = address - PAGE_OFFSET;
        if (off < 0 || (off >>> PAGE_SHIFT) >= memMap.length) {
            return null;
        }
        return memMap[(int) (off >>> PAGE_SHIFT)].slab;
    }

    // ---- page allocator family ----

    /**
     * {@code alloc_pages()}; see {@link BuddyAllocator#allocPages}.
     *
     * @param gfp flags
     * @param order block order
     * @return the first page or {@code null}
     */
    public Page allocPages(int gfp, int order) {
        return buddy.allocPages(gfp, order);
    }

    /**
     * {@code __get_free_pages()}: like {@link #allocPages} but returns the address.
     *
     * @param gfp flags
     * @param order block order
     * @return the block's kernel virtual address, or 0
     */
    public long getFreePages(int gfp, int order) {
        Page p = buddy.allocPages(gfp, order);
        return p == null ? 0 : pageAddress(p.pfn);
    }

    /**
     * {@code get_zeroed_page()}.
     *
     * @param gfp flags ({@link Gfp#__GFP_ZERO} is added)
     * @return the zeroed page's address, or 0
     */
    public long getZeroedPage(int gfp) {
        return getFreePages(gfp | Gfp.__GFP_ZERO, 0);
    }

    /**
     * {@code __free_pages()}; see {@link BuddyAllocator#freePages}.
     *
     * @param page the first page of the block
     * @param order its order
     */
    public void freePages(Page page, int order) {
        buddy.freePages(page, order);
    }

    /**
     * {@code put_page()}: drops a reference to a page that mappings or the page cache share; only
     * the last reference frees it, with {@link #freePages(Page, int)}'s checks. Unlike
     * {@code __free_pages}, dropping one of several references is not checked against the
     * page's mapcount: the other holders may still map it.
     *
     * @param page an order-0 page
     */
    public void putPage(Page page) {
        if (page.refcount > 1) {
            page.refcount--;
            return;
        }
        buddy.freePages(page, 0);
    }

    /**
     * {@code free_pages()}: frees by address; 0 is ignored. An address that is not in RAM is
     * reported like {@code VM_BUG_ON(!virt_addr_valid(addr))} and ignored.
     *
     * @param address a block's address as {@link #getFreePages} returned it
     * @param order its order
     */
    public void freePages(long address, int order) {
        if (address == 0) {
            return;
        }
        Page p = virtToPage(address);
        if (p == null || (address & (PAGE_SIZE - 1)) != 0) {
            reports.warn("mm/page_alloc.c:free_pages", String.format("free_pages: invalid address 0x%016x", address));
            return;
        }
        buddy.freePages(p, order);
    }

    // ---- accounting ----

    void accountSlabPages(boolean reclaimable, long pages) {
        if (reclaimable) {
            slabReclaimablePages += pages;
        } else {
            slabUnreclaimablePages += pages;
        }
    }

    void accountKmallocLarge(long pages) {
        kmallocLargePages += pages;
    }

    /**
     * Counts page-table pages ({@code NR_PAGETABLE}); the page-table code calls it when it
     * allocates or frees a page-table page.
     *
     * @param pages +n or -n
     */
    public void accountPageTables(long pages) {
        pageTablePages += pages;
    }

    /**
     * Counts a 2 MiB anonymous page mapped by a PMD ({@code NR_ANON_THPS}, meminfo's
     * {@code AnonHugePages}); {@link #splitHugePage} uncounts it.
     */
    void accountAnonThp() {
        anonThps++;
        thpFaultAlloc++;
    }

    /** Counts a huge fault that got no 2 MiB block and went on with a 4 KiB page ({@code THP_FAULT_FALLBACK}). */
    void accountThpFallback() {
        thpFaultFallback++;
    }

    /**
     * {@code split_huge_page} of a PMD-mapped anonymous THP after {@code split_huge_pmd}: the
     * compound block becomes {@code HPAGE_PMD_NR} order-0 pages ({@code split_page()}), each
     * already mapped once and holding its own reference. Counts {@code THP_SPLIT_PMD} and
     * uncounts {@code NR_ANON_THPS}.
     *
     * @param head the first page of the 2 MiB block
     */
    void splitHugePage(Page head) {
        int n = PageTable.HPAGE_PMD_NR;
        for (int i = 0; i < n; i++) {
            Page p = memMap[(int) (head.pfn + i)];
            p.allocHead = p;
            p.order = 0;
        }
        head.clear(PageFlag.HEAD);
        anonThps--;
        thpSplitPmd++;
    }

    /** @return {@code thp_fault_alloc}, {@code thp_fault_fallback} and {@code thp_split_pmd} of /proc/vmstat */
    public long[] thpEvents() {
        return new long[] { thpFaultAlloc, thpFaultFallback, thpSplitPmd };
    }

    /**
     * Allocates a kernel stack ({@code THREAD_SIZE}, order {@link #THREAD_SIZE_ORDER}) and
     * counts it in {@code KernelStack}.
     *
     * @return the stack's first page, or {@code null} when memory runs out
     */
    public Page allocThreadStack() {
        Page p = buddy.allocPages(Gfp.GFP_KERNEL_ACCOUNT, THREAD_SIZE_ORDER);
        if (p != null) {
            kernelStackPages += 1 << THREAD_SIZE_ORDER;
        }
        return p;
    }

    /**
     * Frees a kernel stack from {@link #allocThreadStack}.
     *
     * @param stack its first page
     */
    public void freeThreadStack(Page stack) {
        if (stack != null) {
            kernelStackPages -= 1 << THREAD_SIZE_ORDER;
            buddy.freePages(stack, THREAD_SIZE_ORDER);
        }
    }

    /** @return the numbers behind /proc/meminfo */
    public MemInfo memInfo() {
        return new MemInfo(buddy.totalRamPages(), buddy.nrFreePages(), slabReclaimablePages, slabUnreclaimablePages,
                kernelStackPages, pageTablePages, kmallocLargePages, anonThps);
    }

    /** @return every populated zone's free-list lengths, as /proc/buddyinfo shows them */
    public List<ZoneFreeAreas> freeAreas() {
        List<ZoneFreeAreas> out = new ArrayList<>();
        for (Zone z : buddy.zones()) {
            if (z.populated()) {
                long[] nr = new long[NR_PAGE_ORDERS];
                for (int o = 0; o < NR_PAGE_ORDERS; o++) {
                    nr[o] = z.freeArea(o).nrFree();
                }
                out.add(new ZoneFreeAreas(0, z.name(), nr));
            }
        }
        return out;
    }

    /** @return every live cache's numbers, newest first, as /proc/slabinfo lists them */
    public List<SlabCacheStats> slabInfo() {
        return slab.caches().stream().map(KmemCache::stats).toList();
    }

    // ---- memory contents ----

    /** Marks the slab whose constructor is running, whose free objects may then be written. */
    void constructing(Slab s) {
        constructing = s;
    }

    /**
     * Fills memory, without checks (the allocators' own zeroing).
     *
     * @param address start
     * @param value byte value
     * @param length bytes
     */
    void memset(long address, int value, long length) {
        long a = address;
        long end = address + length;
        while (a < end) {
            Page p = virtToPage(a);
            int off = (int) (a & (PAGE_SIZE - 1));
            int n = (int) Math.min(PAGE_SIZE - off, end - a);
            if (value != 0 || p.data != null) {
                Arrays.fill(p.bytes(), off, off + n, (byte) value);
            }
            a += n;
        }
    }

    /**
     * Copies bytes out of memory, without checks ({@link #checkAccess} first for untrusted callers).
     *
     * @param address start
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len bytes
     */
    public void read(long address, byte[] dst, int off, int len) {
        long a = address;
        int done = 0;
        while (done < len) {
            Page p = virtToPage(a);
            int po = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(PAGE_SIZE - po, len - done);
            if (p.data == null) {
                Arrays.fill(dst, off + done, off + done + n, (byte) 0);
            } else {
                System.arraycopy(p.data, po, dst, off + done, n);
            }
            done += n;
            a += n;
        }
    }

    /**
     * Copies bytes into memory, without checks ({@link #checkAccess} first for untrusted callers).
     *
     * @param address start
     * @param src source
     * @param off offset in {@code src}
     * @param len bytes
     */
    public void write(long address, byte[] src, int off, int len) {
        long a = address;
        int done = 0;
        while (done < len) {
            Page p = virtToPage(a);
            int po = (int) (a & (PAGE_SIZE - 1));
            int n = Math.min(PAGE_SIZE - po, len - done);
            System.arraycopy(src, off + done, p.bytes(), po, n);
            done += n;
            a += n;
        }
    }

    /** The outcome of {@link #checkAccess}. */
    public enum Access {
        /** The range is memory the caller may use. */
        OK,
        /** A KASAN report was printed; the access must be skipped. */
        REPORTED,
        /** The address is not mapped at all: the kernel oopsed, the caller must stop. */
        OOPS
    }

    /**
     * Checks a kernel access the way KASAN would: the range must lie inside one allocated
     * slab object (its {@code object_size} bytes) or inside one allocated page block. Reports
     * {@code slab-use-after-free}, {@code slab-out-of-bounds}, {@code use-after-free} or
     * {@code out-of-bounds}; an address outside RAM is a page fault oops.
     *
     * @param address start
     * @param length bytes, at least 1
     * @param write whether it is a write
     * @return the verdict
     */
    public Access checkAccess(long address, long length, boolean write) {
        Page first = virtToPage(address);
        Page last = virtToPage(address + length - 1);
        if (first == null || last == null || length < 1) {
            long bad = first == null ? address : address + length - 1;
            reports.oops(String.format("BUG: unable to handle page fault for address: %016x\n#PF: supervisor %s access in kernel mode\n"
                    + "#PF: error_code(0x%04x) - not-present page\nOops: 0002 [#1] SMP NOPTI", bad, write ? "write" : "read",
                    write ? 2 : 0));
            return Access.OOPS;
        }
        String kind = write ? "Write" : "Read";
        Slab s = first.slab;
        if (s != null) {
            int idx = s.slotContaining(address);
            KmemCache c = s.cache;
            if (idx < 0) {
                kasan("slab-out-of-bounds", kind, address, length, null);
                return Access.REPORTED;
            }
            long obj = s.objectAddress(idx);
            boolean live = s.isAllocated(idx) || constructing == s;
            if (!live) {
                kasan("slab-use-after-free", kind, address, length, String.format(
                        "The buggy address belongs to the object at %016x\n which belongs to the cache %s of size %d\n"
                                + "The buggy address is located %d bytes inside of\n freed %d-byte region [%016x, %016x)",
                        obj, c.name(), c.objectSize(), address - obj, c.objectSize(), obj, obj + c.objectSize()));
                return Access.REPORTED;
            }
            if (address + length > obj + c.objectSize()) {
                kasan("slab-out-of-bounds", kind, address, length, String.format(
                        "The buggy address belongs to the object at %016x\n which belongs to the cache %s of size %d\n"
                                + "The buggy address is located %d bytes to the right of\n allocated %d-byte region [%016x, %016x)",
                        obj, c.name(), c.objectSize(), address + length - (obj + c.objectSize()), c.objectSize(), obj,
                        obj + c.objectSize()));
                return Access.REPORTED;
            }
            return Access.OK;
        }
        Page head = first.allocHead;
        if (head == null || last.allocHead != head) {
            Page culprit = head == null ? first : last;
            kasan(culprit.allocHead == null && culprit.everAllocated ? "use-after-free" : "out-of-bounds", kind, address, length,
                    String.format("The buggy address belongs to the physical page:\n%s", culprit));
            return Access.REPORTED;
        }
        return Access.OK;
    }

    private void kasan(String bug, String kind, long address, long length, String details) {
        TraceContext cur = reports.current();
        int cpu = cur.currentCpu();
        StringBuilder sb = new StringBuilder("=".repeat(66)).append('\n');
        sb.append("BUG: KASAN: ").append(bug).append(" in ").append(callSite).append('\n');
        sb.append(String.format("%s of size %d at addr %016x by task %s/%d\n", kind, length, address, cur.currentComm(cpu),
                cur.currentPid(cpu)));
        if (details != null) {
            sb.append('\n').append(details).append('\n');
        }
        sb.append("=".repeat(66));
        reports.log().printk(LogLevel.KERN_ERR, sb.toString());
        reports.taint().add(Taint.BAD_PAGE);
    }
}
