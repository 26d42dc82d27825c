package kernellab.core.mm;

import static kernellab.core.mm.PageTable.PTE_PROTNONE;
import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_MAYWRITE;
import static kernellab.core.mm.VmFlags.VM_PFNMAP;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SHARED;
import static kernellab.core.mm.VmFlags.VM_WRITE;
import static kernellab.core.mm.VmTracepoints.hex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kernellab.api.Gfp;
import kernellab.core.fs.Inode;
import kernellab.core.fs.Vfs;
import kernellab.core.trace.Tracer;

/**
 * Page faults and page-table copies and zaps ({@code mm/memory.c}, with the THP fault of
 * {@code mm/huge_memory.c}): {@code handle_mm_fault} and its cases ({@code do_anonymous_page},
 * the file faults with fault-around, {@code do_wp_page}) each returning a {@link VmFault};
 * {@code copy_page_range} for fork, {@code zap_pte_range} for munmap and exit, and
 * {@code vm_normal_page}. The zero page and the special mappings' pages live here.
 */
final class Memory implements VmOperations.FaultEnv {

    /** {@code fault_around_bytes} / PAGE_SIZE. */
    private static final int FAULT_AROUND_PAGES = 16;
    private static final int GFP_USER_PAGE = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO;

    private final VirtualMemory vm;
    private final PhysicalMemory memory;
    private final Vfs vfs;
    private final Tracer tracer;
    private final VmStat vmstat;
    private final int levels;
    private Page zeroPage;
    private final Map<String, Page[]> specialPages = new HashMap<>();

    Memory(VirtualMemory vm) {
        this.vm = vm;
        this.memory = vm.physicalMemory();
        this.vfs = vm.vfs();
        this.tracer = vm.tracer;
        this.vmstat = vm.vmstat();
        this.levels = vm.levels();
    }

    /** {@code vm_normal_page} ({@link VirtualMemory#normalPage}). */
    Page normalPage(long pte) {
        if (pte == 0) {
            return null;
        }
        long pfn = PageTable.pfn(pte);
        if (zeroPage != null && pfn == zeroPage.pfn()) {
            return null;
        }
        for (Map.Entry<String, Page[]> e : specialPages.entrySet()) {
            if (Vdso.rawFrames(e.getKey())) {
                for (Page p : e.getValue()) {
                    if (p != null && p.pfn() == pfn) {
                        return null;
                    }
                }
            }
        }
        return memory.buddy().pfnToPage(pfn);
    }

    /** The zero page and the special mappings' pages ({@link VirtualMemory#kernelPages}). */
    long kernelPages() {
        long n = zeroPage == null ? 0 : 1;
        for (Page[] pages : specialPages.values()) {
            for (Page p : pages) {
                n += p == null ? 0 : 1;
            }
        }
        return n;
    }

    /** The zero page's frame ({@link VirtualMemory#zeroPfn}). */
    long zeroPfn() {
        return zeroPage == null ? -1 : zeroPage.pfn();
    }

    /**
     * {@code copy_page_range}. Huge PMDs are split first: the child and the parent share 4 KiB
     * pages (Linux's {@code copy_huge_pmd} would share the 2 MiB page until a write).
     *
     * @return 1 if a parent PTE was write-protected (a TLB flush), 0 if not, -1 if a page table
     *         could not be allocated (the PTEs copied so far stay, with their references)
     */
    int copyPteRange(MmStruct src, MmStruct dst, VmArea v) {
        src.pgd.splitHugePmds(v.vmStart, v.vmEnd);
        boolean cow = (v.vmFlags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
        int[] result = {0};
        src.pgd.forEach(v.vmStart, v.vmEnd, (addr, pte) -> {
            if (result[0] < 0) {
                return;
            }
            Page page = normalPage(pte);
            boolean wrprotect = page != null && cow && (pte & PageTable.PTE_RW) != 0;
            long child = wrprotect ? pte & ~PageTable.PTE_RW : pte;
            if (dst.pgd.set(addr, child & ~PageTable.PTE_ACCESSED) < 0) {
                result[0] = -1;
                return;
            }
            if (page != null) {
                addMapping(dst, page);
            }
            if (wrprotect) {
                src.pgd.update(addr, child);
                result[0] = 1;
            }
        });
        return result[0];
    }

    /**
     * {@code zap_pte_range}: unmaps the pages of {@code [start, end)} of a VMA, dropping mapcount,
     * RSS and references; a huge PMD is split first and its 512 pages go one by one (Linux's
     * {@code zap_huge_pmd} frees a wholly unmapped 2 MiB page at once, to the same end).
     */
    void zapRange(MmStruct mm, VmArea v, long start, long end) {
        mm.pgd.splitHugePmds(start, end);
        List<long[]> ptes = new ArrayList<>();
        mm.pgd.forEach(start, end, (a, pte) -> ptes.add(new long[] {a, pte}));
        for (long[] e : ptes) {
            mm.pgd.set(e[0], 0);
            Page page = normalPage(e[1]);
            if (page == null) {
                continue;
            }
            if ((e[1] & PageTable.PTE_DIRTY) != 0 && !(page.mapping() instanceof AnonVma)) {
                page.set(PageFlag.DIRTY);
            }
            removeMapping(mm, page);
        }
    }

    /**
     * A PTE maps a page that already has its rmap (a page-cache or special page, a page shared
     * with the fork parent): a reference, the mapcount and the RSS counter go up
     * ({@code folio_add_file_rmap_pte}, {@code folio_dup_file_rmap_pte} and the anon variant).
     */
    private void addMapping(MmStruct mm, Page page) {
        page.get();
        page.addMapcount(1);
        addRss(mm, counterOf(page), 1);
    }

    /** A PTE stops mapping a page ({@code folio_remove_rmap_pte}): RSS, mapcount and the PTE's reference go down. */
    private void removeMapping(MmStruct mm, Page page) {
        addRss(mm, counterOf(page), -1);
        page.addMapcount(-1);
        putPage(page);
    }

    /** {@code put_page}: drops a reference ({@code put_page_testzero}); the last one frees the page, an anonymous page losing its mapping first. */
    private void putPage(Page page) {
        if (page.refcount() == 1 && page.mapping() instanceof AnonVma) {
            page.setMapping(null);
        }
        memory.putPage(page);
    }

    /** {@code mm_counter}: which RSS counter a mapped page is in. */
    private static int counterOf(Page page) {
        Object m = page.mapping();
        if (m instanceof AnonVma) {
            return MmStruct.MM_ANONPAGES;
        }
        if (m instanceof Inode i && !i.diskBacked()) {
            return MmStruct.MM_SHMEMPAGES;
        }
        return MmStruct.MM_FILEPAGES;
    }

    private void addRss(MmStruct mm, int member, long delta) {
        mm.addRss(member, delta);
        if (tracer.enabled(VmTracepoints.RSS_STAT)) {
            tracer.event(VmTracepoints.RSS_STAT).field("mm_id", mm.mmStructAddress >>> 6 & 0xffffffffL).field("curr", 1)
                    .field("type", switch (member) {
                        case MmStruct.MM_FILEPAGES -> "MM_FILEPAGES";
                        case MmStruct.MM_ANONPAGES -> "MM_ANONPAGES";
                        default -> "MM_SHMEMPAGES";
                    }).field("size", mm.rss(member) << PAGE_SHIFT).emit();
        }
    }

    /**
     * {@code handle_mm_fault} for an access the VMA allows: counts the fault (pgfault, the
     * task's minflt or majflt) and fixes the PTE.
     *
     * @param tv the faulting task's state
     * @param mm its mm
     * @param v the VMA containing the address
     * @param address the address
     * @param write whether it is a write
     * @return {@link VmFault#MINOR}, {@link VmFault#MAJOR}, {@link VmFault#OOM} or {@link VmFault#SIGBUS}
     */
    VmFault handleMmFault(TaskVm tv, MmStruct mm, VmArea v, long address, boolean write) {
        TaskVm saved = vm.oom.faulting;
        vm.oom.faulting = tv;
        vmstat.pgfault++;
        String kind;
        VmFault r;
        try {
            long pte = mm.pgd.get(address);
            if (write && (pte & PageTable.PTE_RW) == 0 && mm.pgd.huge(address)) {
                mm.pgd.splitHugePmds(address, address + 1);
                pte = mm.pgd.get(address);
            }
            if (pte == 0) {
                if (v.isAnonymous() && write && levels >= 3 && vm.transparentHugepage().allows(v)
                        && TransparentHugepage.suitable(v, address) && mm.pgd.pmdNone(address)
                        && (r = doHugePmdAnonymousPage(mm, v, address)) != VmFault.FALLBACK) {
                    kind = "anon_huge";
                } else if (v.isAnonymous()) {
                    kind = write ? "anon_write" : "anon_read_zero_page";
                    r = doAnonymousPage(mm, v, address, write);
                } else if (!write) {
                    kind = "file_read";
                    r = doReadFault(mm, v, address);
                } else if ((v.vmFlags & VM_SHARED) == 0) {
                    kind = "file_cow";
                    r = doCowFault(mm, v, address);
                } else {
                    kind = "file_shared_write";
                    r = doSharedFault(mm, v, address);
                }
            } else if (write && (pte & PageTable.PTE_RW) == 0) {
                kind = "wp";
                r = doWpPage(mm, v, address, pte);
            } else {
                kind = "spurious";
                if ((pte & PTE_PROTNONE) != 0) {
                    mm.pgd.update(address, (pte & ~PTE_PROTNONE) | PageTable.PTE_PRESENT);
                }
                r = VmFault.MINOR;
            }
        } finally {
            vm.oom.faulting = saved;
        }
        if (r == VmFault.MAJOR) {
            vmstat.pgmajfault++;
        }
        if (r == VmFault.MAJOR || r == VmFault.MINOR) {
            tv.task.accountFault(r == VmFault.MAJOR);
        }
        if (tracer.enabled(VmTracepoints.PAGE_FAULT_USER)) {
            tracer.event(VmTracepoints.PAGE_FAULT_USER).field("address", hex(address))
                    .field("error_code", hex(UserFault.PF_USER | (write ? UserFault.PF_WRITE : 0))).field("kind", kind)
                    .field("result", r.name()).emit();
        }
        return r;
    }

    private long mkPte(VmArea v, Page page, boolean write) {
        long pte = (page.pfn() << PAGE_SHIFT) | v.pageProt() | PageTable.PTE_ACCESSED;
        if (write) {
            pte |= PageTable.PTE_RW | PageTable.PTE_DIRTY;
        }
        if ((v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0) {
            pte = (pte & ~PageTable.PTE_PRESENT) | PTE_PROTNONE;
        }
        return pte;
    }

    private Page allocUserPage() {
        Page p = memory.allocPages(GFP_USER_PAGE, 0);
        if (p != null) {
            vmstat.pgallocUser++;
        }
        return p;
    }

    /** {@code do_anonymous_page}: the zero page for a read, a new zeroed page for a write. */
    private VmFault doAnonymousPage(MmStruct mm, VmArea v, long address, boolean write) {
        if (!write) {
            if (zeroPage == null) {
                zeroPage = memory.allocPages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 0);
                if (zeroPage == null) {
                    return VmFault.OOM;
                }
                zeroPage.set(PageFlag.RESERVED);
            }
            long pte = (zeroPage.pfn() << PAGE_SHIFT) | (v.pageProt() & ~PageTable.PTE_RW) | PageTable.PTE_ACCESSED;
            return mm.pgd.set(address, pte) < 0 ? VmFault.OOM : VmFault.MINOR;
        }
        if (!vm.rmap.anonVmaPrepare(v)) {
            return VmFault.OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return VmFault.OOM;
        }
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            memory.freePages(page, 0);
            return VmFault.OOM;
        }
        Rmap.addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        return VmFault.MINOR;
    }

    /**
     * {@code do_huge_pmd_anonymous_page} for a write: one zeroed 2 MiB compound page mapped by the
     * PMD, 512 pages of RSS in one fault ({@code THP_FAULT_ALLOC}). Each of its pages carries the
     * anonymous rmap of its address (what {@code folio_add_new_anon_rmap} records once for the
     * folio). Without a free 2 MiB block the fault falls back to a 4 KiB page
     * ({@code THP_FAULT_FALLBACK}). Reads keep the 4 KiB zero page (Linux maps the huge zero page).
     *
     * @return a fault outcome, or {@link VmFault#FALLBACK}
     */
    private VmFault doHugePmdAnonymousPage(MmStruct mm, VmArea v, long address) {
        if (!vm.rmap.anonVmaPrepare(v)) {
            return VmFault.OOM;
        }
        long haddr = address & -PageTable.HPAGE_PMD_SIZE;
        int gfp = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_COMP | Gfp.__GFP_NOMEMALLOC | Gfp.__GFP_NOWARN | Gfp.__GFP_ZERO;
        if ((v.vmFlags & VmFlags.VM_HUGEPAGE) == 0) {
            gfp &= ~Gfp.__GFP_DIRECT_RECLAIM;
        }
        Page page = memory.allocPages(gfp, PageTable.HPAGE_PMD_ORDER);
        if (page == null) {
            memory.accountThpFallback();
            return VmFault.FALLBACK;
        }
        if (mm.pgd.setHugePmd(haddr, mkPte(v, page, true)) < 0) {
            memory.freePages(page, PageTable.HPAGE_PMD_ORDER);
            return VmFault.OOM;
        }
        for (int i = 0; i < PageTable.HPAGE_PMD_NR; i++) {
            Page sub = memory.buddy().pfnToPage(page.pfn() + i);
            sub.refcount = 1;
            Rmap.addNewAnonRmap(sub, v, haddr + ((long) i << PAGE_SHIFT));
        }
        addRss(mm, MmStruct.MM_ANONPAGES, PageTable.HPAGE_PMD_NR);
        memory.accountAnonThp();
        return VmFault.MINOR;
    }

    private boolean pastEof(VmArea v, long pgoff) {
        return pgoff >= (v.vmFile.size() + PAGE_SIZE - 1) >>> PAGE_SHIFT;
    }

    /** What {@code vm_ops->fault} gave: the page ({@code null} when memory ran out) and whether it was read from the disk. */
    private record FaultPage(Page page, boolean major) {

        /** @return the outcome of a fault that mapped the page ({@code VM_FAULT_MAJOR} from {@code filemap_fault}) */
        VmFault done() {
            return major ? VmFault.MAJOR : VmFault.MINOR;
        }
    }

    /** The page behind a file offset through {@code vm_ops->fault}; major when the page cache had to read it from the disk. */
    private FaultPage filePage(VmArea v, long pgoff) {
        boolean read = v.vmFile != null && v.vmFile.diskBacked() && v.vmFile.findPage(pgoff) == null;
        Page page = v.vmOps.fault(v, pgoff, this);
        return new FaultPage(page, read && page != null);
    }

    @Override
    public Page pageCachePage(Inode inode, long index) {
        return vfs.findOrCreatePage(inode, index);
    }

    @Override
    public Page specialPage(String name, long index) {
        Page[] pages = specialPages.computeIfAbsent(name, n -> new Page[Vdso.pages(n)]);
        if (index < 0 || index >= pages.length) {
            return null;
        }
        if (pages[(int) index] == null) {
            Page p = memory.allocPages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 0);
            if (p == null) {
                return null;
            }
            p.set(PageFlag.RESERVED);
            pages[(int) index] = p;
        }
        return pages[(int) index];
    }

    /** {@code do_read_fault}: fault-around maps the cached pages near the address, then the faulting page itself if still missing. */
    private VmFault doReadFault(MmStruct mm, VmArea v, long address) {
        if (v.vmFile != null && pastEof(v, v.linearPageIndex(address))) {
            return VmFault.SIGBUS;
        }
        if (v.vmFile != null) {
            doFaultAround(mm, v, address);
            if (mm.pgd.get(address) != 0) {
                return VmFault.MINOR;
            }
        }
        FaultPage fp = filePage(v, v.linearPageIndex(address));
        Page page = fp.page();
        if (page == null) {
            return VmFault.OOM;
        }
        if (v.vmFile == null && (v.vmFlags & VM_PFNMAP) != 0) {
            long pte = (page.pfn() << PAGE_SHIFT) | v.pageProt() | PageTable.PTE_ACCESSED;
            return mm.pgd.set(address, pte) < 0 ? VmFault.OOM : fp.done();
        }
        if (mm.pgd.set(address, mkPte(v, page, false)) < 0) {
            return VmFault.OOM;
        }
        addMapping(mm, page);
        return fp.done();
    }

    /** {@code do_fault_around}: the 16-page aligned window around the address, clipped to the VMA, the page table and the file size. */
    private void doFaultAround(MmStruct mm, VmArea v, long address) {
        long window = (long) FAULT_AROUND_PAGES << PAGE_SHIFT;
        long start = Math.max(address & -window, v.vmStart);
        long pmdEnd = (address | ((1L << (PAGE_SHIFT + 9)) - 1)) + 1;
        long end = Math.min(Math.min(start + window, v.vmEnd), pmdEnd);
        for (long a = start; a < end; a += PAGE_SIZE) {
            long pgoff = v.linearPageIndex(a);
            if (pastEof(v, pgoff) || mm.pgd.get(a) != 0) {
                continue;
            }
            Page page = v.vmFile.findPage(pgoff);
            if (page == null) {
                continue;
            }
            if (mm.pgd.set(a, mkPte(v, page, false) & ~(a == (address & -PAGE_SIZE) ? 0 : PageTable.PTE_ACCESSED)) < 0) {
                return;
            }
            addMapping(mm, page);
        }
    }

    /** {@code do_cow_fault}: a write to a private file page never mapped here: a private copy right away. */
    private VmFault doCowFault(MmStruct mm, VmArea v, long address) {
        long pgoff = v.linearPageIndex(address);
        if (pastEof(v, pgoff)) {
            return VmFault.SIGBUS;
        }
        if (!vm.rmap.anonVmaPrepare(v)) {
            return VmFault.OOM;
        }
        FaultPage fp = filePage(v, pgoff);
        Page src = fp.page();
        if (src == null) {
            return VmFault.OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return VmFault.OOM;
        }
        copyPage(src, page);
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            memory.freePages(page, 0);
            return VmFault.OOM;
        }
        Rmap.addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        return fp.done();
    }

    /** {@code do_shared_fault}: a write to a shared file page: map the page-cache page writable after page_mkwrite. */
    private VmFault doSharedFault(MmStruct mm, VmArea v, long address) {
        long pgoff = v.linearPageIndex(address);
        if (pastEof(v, pgoff)) {
            return VmFault.SIGBUS;
        }
        FaultPage fp = filePage(v, pgoff);
        Page page = fp.page();
        if (page == null) {
            return VmFault.OOM;
        }
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            return VmFault.OOM;
        }
        addMapping(mm, page);
        v.vmOps.pageMkwrite(v, page);
        return fp.done();
    }

    private void copyPage(Page from, Page to) {
        byte[] buf = new byte[PAGE_SIZE];
        memory.read(PhysicalMemory.pageAddress(from), buf, 0, PAGE_SIZE);
        memory.write(PhysicalMemory.pageAddress(to), buf, 0, PAGE_SIZE);
    }

    /**
     * {@code do_wp_page}: a write to a present read-only page. Shared mappings make the page
     * writable ({@code wp_page_shared}); a private anonymous page that nobody else holds
     * ({@code page_count == 1}) is reused in place; anything else (the zero page, a page shared
     * with a fork relative, a page-cache page) is copied ({@code wp_page_copy}) and the old
     * translation flushed from the TLB.
     */
    private VmFault doWpPage(MmStruct mm, VmArea v, long address, long pte) {
        Page old = normalPage(pte);
        if ((v.vmFlags & VM_SHARED) != 0) {
            if (old != null) {
                v.vmOps.pageMkwrite(v, old);
            }
            mm.pgd.update(address, pte | PageTable.PTE_RW | PageTable.PTE_DIRTY | PageTable.PTE_ACCESSED);
            return VmFault.MINOR;
        }
        if (old != null && old.mapping() instanceof AnonVma && old.refcount() == 1) {
            mm.pgd.update(address, pte | PageTable.PTE_RW | PageTable.PTE_DIRTY | PageTable.PTE_ACCESSED);
            vmstat.cowReuse++;
            return VmFault.MINOR;
        }
        if (!vm.rmap.anonVmaPrepare(v)) {
            return VmFault.OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return VmFault.OOM;
        }
        if (old != null) {
            copyPage(old, page);
        }
        mm.pgd.update(address, mkPte(v, page, true));
        mm.tlbFlushes++;
        vmstat.cowCopies++;
        Rmap.addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        if (old != null) {
            removeMapping(mm, old);
        }
        if (tracer.enabled(VmTracepoints.MM_COW)) {
            tracer.event(VmTracepoints.MM_COW).field("address", hex(address))
                    .field("old_pfn", hex(old == null ? PageTable.pfn(pte) : old.pfn())).field("new_pfn", hex(page.pfn()))
                    .emit();
        }
        return VmFault.MINOR;
    }
}
