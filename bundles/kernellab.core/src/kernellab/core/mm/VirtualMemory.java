package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SHIFT;
import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;
import static kernellab.core.mm.VmFlags.VM_ACCOUNT;
import static kernellab.core.mm.VmFlags.VM_EXEC;
import static kernellab.core.mm.VmFlags.VM_GROWSDOWN;
import static kernellab.core.mm.VmFlags.VM_LOCKED;
import static kernellab.core.mm.VmFlags.VM_MAYEXEC;
import static kernellab.core.mm.VmFlags.VM_MAYREAD;
import static kernellab.core.mm.VmFlags.VM_MAYSHARE;
import static kernellab.core.mm.VmFlags.VM_MAYWRITE;
import static kernellab.core.mm.VmFlags.VM_NORESERVE;
import static kernellab.core.mm.VmFlags.VM_PFNMAP;
import static kernellab.core.mm.VmFlags.VM_READ;
import static kernellab.core.mm.VmFlags.VM_SHARED;
import static kernellab.core.mm.VmFlags.VM_SOFTDIRTY;
import static kernellab.core.mm.VmFlags.VM_WRITE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.api.LogLevel;
import kernellab.api.Syscalls;
import kernellab.core.fs.Inode;
import kernellab.core.fs.OpenFile;
import kernellab.core.fs.Vfs;
import kernellab.core.printk.KernelLog;
import kernellab.core.printk.RateLimit;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskLifecycleListener;
import kernellab.core.trace.Tracer;

/**
 * Process address spaces: the kernel's {@code mm/mmap.c}, {@code mm/mprotect.c},
 * {@code mm/memory.c} and {@code kernel/fork.c} parts for user memory.
 *
 * <ul>
 * <li>fork ({@code copy_mm}): a thread shares the parent's {@link MmStruct}; a process gets a
 * copy ({@code dup_mmap}) whose private pages are shared copy-on-write; exec builds a fresh
 * x86_64 layout ({@link #exec}); exit drops the mm and the last user frees everything.</li>
 * <li>mmap, munmap, mprotect, brk, msync and madvise with Linux's argument checks, errno values,
 * VMA split and merge rules ({@code vma_merge}) and {@code max_map_count}.</li>
 * <li>Demand paging ({@link #handleMmFault}): anonymous read faults map the zero page, writes
 * get a zeroed page, file faults go through the page cache with fault-around, write faults on
 * present read-only pages copy on write unless the page is exclusively owned. Bad accesses
 * become {@link UserFault}s, which {@link #deliver} turns into the fatal signal with the
 * kernel's {@code segfault at …} log line.</li>
 * <li>The OOM killer, installed as the page allocator's {@link OutOfMemoryHandler}.</li>
 * </ul>
 *
 * All methods run on the simulation thread (inside system calls or while the engine is stopped).
 */
public final class VirtualMemory implements TaskLifecycleListener, VmOperations.FaultEnv {

    /** {@code vm.max_map_count} default. */
    public static final int DEFAULT_MAX_MAP_COUNT = 65_530;
    /** {@code vm.mmap_min_addr} default. */
    public static final long MMAP_MIN_ADDR = 65_536;
    /** {@code stack_guard_gap}: 256 pages kept free below a stack. */
    public static final long STACK_GUARD_GAP = 256L << PAGE_SHIFT;
    /** {@code RLIMIT_STACK} default, 8 MiB. */
    public static final long STACK_LIMIT = 8L << 20;
    /** {@code fault_around_bytes} / PAGE_SIZE. */
    public static final int FAULT_AROUND_PAGES = 16;
    /** The start of the legacy vsyscall page shown at the end of /proc/PID/maps on x86_64. */
    public static final long VSYSCALL_ADDR = 0xffffffffff600000L;

    /** Fault outcome: handled without I/O. */
    public static final int FAULT_MINOR = 0;
    /** Fault outcome: handled, a page had to be read from the disk. */
    public static final int FAULT_MAJOR = 1;
    /** Fault outcome: no memory ({@code VM_FAULT_OOM}). */
    public static final int FAULT_OOM = 2;
    /** Fault outcome: access beyond the end of the file ({@code VM_FAULT_SIGBUS}). */
    public static final int FAULT_SIGBUS = 3;
    /** A huge fault that found no 2 MiB block: go on with a 4 KiB page ({@code VM_FAULT_FALLBACK}). */
    private static final int FAULT_FALLBACK = 4;

    private static final int PROT_MASK = Syscalls.PROT_READ | Syscalls.PROT_WRITE | Syscalls.PROT_EXEC;
    private static final int GFP_USER_PAGE = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO;

    /** Per-task state: the mm in use and whether the OOM killer chose the task (the fault counters are in {@link Task}). */
    private static final class TaskVm {
        final Task task;
        MmStruct mm;
        boolean oomKilled;

        TaskVm(Task task) {
            this.task = task;
        }
    }

    private final Scheduler scheduler;
    private TransparentHugepage thp = TransparentHugepage.MADVISE;
    private final PhysicalMemory memory;
    private final KernelCaches caches;
    private final TaskMemoryHooks hooks;
    private final KernelLog log;
    /** {@code oom_rs} of oom_kill_process: the "invoked oom-killer" header is rate-limited, the kill line is not. */
    private final RateLimit oomRateLimit;
    private final Vfs vfs;
    private final Tracer tracer;
    private final int levels;
    private final long taskSize;
    private final boolean aslr;
    private final SplittableRandom random;
    private final Map<Task, TaskVm> tasks = new IdentityHashMap<>();
    private final VmStat vmstat = new VmStat();
    private int maxMapCount = DEFAULT_MAX_MAP_COUNT;
    private Page zeroPage;
    private final Map<String, Page[]> specialPages = new HashMap<>();
    private TaskVm faulting;
    private boolean majorPending;

    /**
     * Connects address spaces to a machine and installs the OOM killer.
     *
     * @param levels page-table levels (2, 3 or 4)
     * @param aslr whether exec randomizes the layout
     * @param seed seed of the randomization
     * @param scheduler task life cycle, current task, signals
     * @param memory the page allocator
     * @param caches the vm_area_struct, anon_vma and mm_struct caches
     * @param hooks where the mm_struct of each task is recorded
     * @param log the kernel log
     * @param vfs files and the page cache
     */
    public VirtualMemory(int levels, boolean aslr, long seed, Scheduler scheduler, PhysicalMemory memory, KernelCaches caches,
            TaskMemoryHooks hooks, KernelLog log, Vfs vfs) {
        this.scheduler = scheduler;
        this.memory = memory;
        this.caches = caches;
        this.hooks = hooks;
        this.log = log;
        this.oomRateLimit = new RateLimit(log, RateLimit.DEFAULT_INTERVAL_NS, RateLimit.DEFAULT_BURST);
        this.vfs = vfs;
        this.tracer = scheduler.tracer();
        this.levels = levels;
        this.taskSize = (1L << (PageTable.addressBits(levels) - 1)) - PAGE_SIZE;
        this.aslr = aslr;
        this.random = new SplittableRandom(seed ^ 0x6d6d5f6c61796f75L);
        memory.buddy().setOutOfMemoryHandler(this::outOfMemory);
    }

    // ------------------------------------------------------------------ views

    /**
     * @param t a task
     * @return its address space, or {@code null} for kernel threads, idle tasks and reaped tasks
     */
    public MmStruct mm(Task t) {
        TaskVm tv = tasks.get(t);
        return tv == null ? null : tv.mm;
    }

    /** @return the machine-wide event counters behind /proc/vmstat */
    public VmStat vmstat() {
        return vmstat;
    }

    /** @return {@code TASK_SIZE} of every address space */
    public long taskSize() {
        return taskSize;
    }

    /** @return the page-table levels */
    public int levels() {
        return levels;
    }

    /** @return {@code vm.max_map_count} */
    public int maxMapCount() {
        return maxMapCount;
    }

    /**
     * Sets {@code vm.max_map_count} (sysctl).
     *
     * @param n the limit, at least 1
     */
    public void setMaxMapCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("max_map_count must be positive: " + n);
        }
        this.maxMapCount = n;
    }

    /** @return the mode of {@code /sys/kernel/mm/transparent_hugepage/enabled} */
    public TransparentHugepage transparentHugepage() {
        return thp;
    }

    /**
     * Sets {@code /sys/kernel/mm/transparent_hugepage/enabled}; later faults follow it.
     *
     * @param mode the mode
     */
    public void setTransparentHugepage(TransparentHugepage mode) {
        this.thp = Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param v a VMA
     * @return smaps' {@code THPeligible} of it under the current mode
     */
    public boolean thpEligible(VmArea v) {
        return levels >= 3 && thp.eligible(v);
    }

    /** @return the files and page cache */
    public Vfs vfs() {
        return vfs;
    }

    /** @return the physical memory user pages come from */
    public PhysicalMemory physicalMemory() {
        return memory;
    }

    /**
     * The MMU's page walk for an address of a task.
     *
     * @param t a task
     * @param address a user address
     * @return each level's name, index and entry; empty for a task without an mm
     */
    public List<PageTable.WalkStep> pageWalk(Task t, long address) {
        MmStruct mm = mm(t);
        return mm == null ? List.of() : mm.pgd.walk(address);
    }

    /**
     * @param pte a page-table entry
     * @return the page it maps, or {@code null} for none, the zero page and the raw [vvar] and [vvar_vclock] frames
     */
    public Page normalPage(long pte) {
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

    /**
     * @param t a task
     * @return a copy of its address space for views, or {@code null} for a task without one
     */
    public MmSnapshot snapshot(Task t) {
        TaskVm tv = tasks.get(t);
        return tv == null || tv.mm == null ? null : MmSnapshot.of(this, t.tgid(), t.comm(), tv.mm, t.minFlt(), t.majFlt());
    }

    /** @return pages the address-space code keeps for itself: the zero page and the [vvar], [vvar_vclock] and [vdso] pages */
    public long kernelPages() {
        long n = zeroPage == null ? 0 : 1;
        for (Page[] pages : specialPages.values()) {
            for (Page p : pages) {
                n += p == null ? 0 : 1;
            }
        }
        return n;
    }

    /** @return the shared zero page's frame number, or -1 before any read fault needed it */
    public long zeroPfn() {
        return zeroPage == null ? -1 : zeroPage.pfn();
    }

    // ------------------------------------------------------------------ task life cycle

    private TaskVm taskVm(Task t) {
        return tasks.computeIfAbsent(t, TaskVm::new);
    }

    /**
     * {@code mm_alloc}: an empty address space. Until exec fills it, mmap allocates below the
     * usual mmap_base and the program break sits at the usual program address, so a task that
     * never exec'ed (a synthetic behaviour, a task started by the runner's shell) can still map
     * memory and use malloc.
     */
    private MmStruct newMm(Task t) {
        KernelCaches.TaskObjects objs = hooks.objectsOf(t);
        MmStruct mm = new MmStruct(new PageTable(memory, levels), taskSize, objs == null ? 0 : objs.mm());
        mm.mmapBase = pageAlign(taskSize - mmapGap(0));
        mm.startBrk = elfBase();
        mm.brk = mm.startBrk;
        return mm;
    }

    /** {@code mmap_base}'s gap: the stack limit plus guard gap (and stack randomization), at least 128 MiB, at most 5/6 of the space. */
    private long mmapGap(long stackRnd) {
        return Math.min(Math.max(STACK_LIMIT + STACK_GUARD_GAP + stackRnd, 128L << 20), taskSize / 6 * 5);
    }

    /** {@code ELF_ET_DYN_BASE}: two thirds of the user address space, where a PIE is loaded. */
    private long elfBase() {
        return (taskSize / 3 * 2) & -PAGE_SIZE;
    }

    @Override
    public void onFork(Task parent, Task child) {
        if (child.isKernelThread()) {
            return;
        }
        TaskVm c = taskVm(child);
        MmStruct pmm = parent == null ? null : mm(parent);
        if (parent != null && child.tgid() == parent.tgid()) {
            c.mm = pmm;
            if (pmm != null) {
                pmm.mmUsers++;
            }
            return;
        }
        c.mm = pmm == null ? newMm(child) : dupMm(pmm, c, child);
    }

    @Override
    public void onExit(Task task) {
        TaskVm tv = tasks.get(task);
        if (tv != null && tv.mm != null) {
            mmput(tv.mm);
            tv.mm = null;
        }
    }

    @Override
    public void onRelease(Task task) {
        tasks.remove(task);
    }

    /** {@code mmput}: drops a user; the last one tears the address space down ({@code exit_mmap}). */
    private void mmput(MmStruct mm) {
        if (--mm.mmUsers > 0) {
            return;
        }
        for (VmArea v : mm.vmas()) {
            zapRange(mm, v, v.vmStart, v.vmEnd);
        }
        for (VmArea v : mm.vmas()) {
            removeVma(mm, v);
        }
        mm.pgd.freeAll();
        mm.mmCount--;
    }

    /**
     * {@code dup_mmap}: copies every VMA; page tables only of VMAs with anonymous pages,
     * write-protecting private pages in both. If memory runs out on the way, the copy stops
     * there (consistent, but partial) and the child is marked for SIGKILL before it runs, where
     * Linux's fork would fail with ENOMEM.
     */
    private MmStruct dupMm(MmStruct old, TaskVm childVm, Task child) {
        MmStruct mm = newMm(child);
        copyLayout(old, mm);
        mm.userState = old.userState == null ? null : old.userState.copy();
        boolean flushed = false;
        boolean complete = true;
        for (VmArea v : old.vmaView()) {
            VmArea n = new VmArea(mm, v.vmStart, v.vmEnd, v.vmFlags, v.vmPgoff, v.vmFile, v.vmOps);
            n.slabAddress = allocVmaObject();
            if (n.slabAddress == 0 || (v.anonVma != null && !anonVmaFork(v, n))) {
                freeVmaObject(n);
                complete = false;
                break;
            }
            if (n.vmOps != null) {
                n.vmOps.open(n);
            }
            mm.insert(n);
            mm.statAccount(n.vmFlags, n.length() >>> PAGE_SHIFT);
            if (v.anonVma != null || (v.vmFlags & VM_PFNMAP) != 0) {
                int r = copyPteRange(old, mm, v);
                flushed |= r > 0;
                if (r < 0) {
                    complete = false;
                    break;
                }
            }
        }
        if (flushed) {
            old.tlbFlushes++;
        }
        if (!complete) {
            childVm.oomKilled = true;
        }
        return mm;
    }

    private static void copyLayout(MmStruct from, MmStruct to) {
        to.mmapBase = from.mmapBase;
        to.startCode = from.startCode;
        to.endCode = from.endCode;
        to.startData = from.startData;
        to.endData = from.endData;
        to.startBrk = from.startBrk;
        to.brk = from.brk;
        to.startStack = from.startStack;
        to.argStart = from.argStart;
        to.argEnd = from.argEnd;
        to.envStart = from.envStart;
        to.envEnd = from.envEnd;
        to.exeName = from.exeName;
    }

    /**
     * {@code copy_page_range}. Huge PMDs are split first: the child and the parent share 4 KiB
     * pages (Linux's {@code copy_huge_pmd} would share the 2 MiB page until a write).
     *
     * @return 1 if a parent PTE was write-protected (a TLB flush), 0 if not, -1 if a page table
     *         could not be allocated (the PTEs copied so far stay, with their references)
     */
    private int copyPteRange(MmStruct src, MmStruct dst, VmArea v) {
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
                page.get();
                page.addMapcount(1);
                addRss(dst, counterOf(page), 1);
            }
            if (wrprotect) {
                src.pgd.update(addr, child);
                result[0] = 1;
            }
        });
        return result[0];
    }

    // ------------------------------------------------------------------ exec

    /** A segment of an ELF file: file offset, address offset from the load base, length, prot, and whether it is RELRO (mapped writable, then made read-only). */
    private record Segment(long offset, long vaddr, long length, int prot, boolean relro) {
    }

    private static final long PROGRAM_SIZE = 0x3c30;
    private static final List<Segment> PROGRAM = List.of(new Segment(0, 0, 0x1000, 1, false),
            new Segment(0x1000, 0x1000, 0x1000, 5, false), new Segment(0x2000, 0x2000, 0x1000, 1, false),
            new Segment(0x2000, 0x3000, 0x1000, 1, true), new Segment(0x3000, 0x4000, 0x1000, 3, false));
    /** Path of the dynamic loader of the simulated distribution. */
    public static final String LD_SO = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    private static final long LD_SO_SIZE = 240_936;
    private static final List<Segment> LD_SO_SEGMENTS = List.of(new Segment(0, 0, 0x2000, 1, false),
            new Segment(0x2000, 0x2000, 0x2a000, 5, false), new Segment(0x2c000, 0x2c000, 0xb000, 1, false),
            new Segment(0x37000, 0x38000, 0x2000, 1, true), new Segment(0x39000, 0x3a000, 0x2000, 3, false));
    private static final long LD_SO_SPAN = 0x3c000;
    /** Path of the C library of the simulated distribution. */
    public static final String LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    private static final long LIBC_SIZE = 2_216_304;
    private static final List<Segment> LIBC_SEGMENTS = List.of(new Segment(0, 0, 0x28000, 1, false),
            new Segment(0x28000, 0x28000, 0x195000, 5, false), new Segment(0x1bd000, 0x1bd000, 0x58000, 1, false),
            new Segment(0x214000, 0x215000, 0x4000, 1, true), new Segment(0x218000, 0x219000, 0x2000, 3, false));
    private static final long LIBC_BSS = 0xd000;
    private static final long LIBC_SPAN = 0x21b000 + LIBC_BSS;
    private static final long TLS_SIZE = 0x3000;
    private static final long STACK_INITIAL = 0x21000;
    /** Where the simulated program's code is, relative to its load base: ip values of reports point here. */
    private static final long TEXT_IP = 0x1189;

    /**
     * Replaces a task's address space by a fresh image of {@code path}, as execve of a dynamically
     * linked PIE does with ASLR off: the program's five segments at {@code ELF_ET_DYN_BASE}
     * (0x555555554000 on x86_64), [heap] starting right after them (created by the first brk),
     * ld.so just below {@code mmap_base}, [vvar], [vvar_vclock] and [vdso] below it ({@link Vdso}),
     * libc and its TLS block below those, [stack] at the top with argv, envp and the auxiliary vector written into it,
     * and [vsyscall] (not a VMA). The files are created on the simulated disk if missing.
     *
     * @param t the task
     * @param path the program, e.g. {@code /usr/bin/hello}
     * @param argv arguments (argv[0] included)
     * @param envp environment strings
     * @throws Errno ENOMEM when memory runs out
     */
    public void exec(Task t, String path, List<String> argv, List<String> envp) {
        TaskVm tv = taskVm(t);
        MmStruct mm = newMm(t);
        MmStruct old = tv.mm;
        tv.mm = mm;
        if (old != null) {
            mmput(old);
        }
        TaskVm saved = faulting;
        faulting = tv;
        try {
            long stackRnd = aslr ? random.nextLong(1L << Math.min(22, PageTable.addressBits(levels) - 26)) << PAGE_SHIFT : 0;
            long stackTop = taskSize - stackRnd;
            long mmapRnd = aslr ? random.nextLong(1L << Math.min(28, PageTable.addressBits(levels) - 20)) << PAGE_SHIFT : 0;
            mm.mmapBase = pageAlign(taskSize - mmapGap(stackRnd) - mmapRnd);
            long pieRnd = aslr ? random.nextLong(1L << Math.min(28, PageTable.addressBits(levels) - 20)) << PAGE_SHIFT : 0;
            long base = elfBase() + pieRnd;

            Inode exe = vfs.installFile(path, PROGRAM_SIZE);
            mapSegments(mm, exe, base, PROGRAM);
            mm.exeName = path;
            mm.startCode = base + 0x1000;
            mm.endCode = base + 0x1000 + 0x1f5;
            mm.startData = base + 0x3db8;
            mm.endData = base + 0x4010;
            long brkRnd = aslr ? random.nextLong(0x2000000L >>> PAGE_SHIFT) << PAGE_SHIFT : 0;
            mm.startBrk = base + 0x5000 + brkRnd;
            mm.brk = mm.startBrk;

            VmArea stack = new VmArea(mm, stackTop - STACK_INITIAL, stackTop,
                    VmFlags.VM_STACK_FLAGS | VM_SOFTDIRTY, (stackTop - STACK_INITIAL) >>> PAGE_SHIFT, null, null);
            insertNewVma(mm, stack);

            Inode ld = vfs.installFile(LD_SO, LD_SO_SIZE);
            long ldBase = unmappedArea(mm, LD_SO_SPAN, 0, 0);
            mapSegments(mm, ld, ldBase, LD_SO_SEGMENTS);

            long area = unmappedArea(mm, (long) Vdso.AREA_PAGES << PAGE_SHIFT, 0, 0);
            for (Vdso.Mapping m : Vdso.MAPPINGS) {
                long start = area + ((long) m.firstPage() << PAGE_SHIFT);
                insertNewVma(mm, new VmArea(mm, start, start + ((long) m.pages() << PAGE_SHIFT), m.flags(), 0, null,
                        VmOperations.special(m.name())));
            }

            Inode libc = vfs.installFile(LIBC, LIBC_SIZE);
            long libcBase = unmappedArea(mm, LIBC_SPAN, 0, 0);
            mapSegments(mm, libc, libcBase, LIBC_SEGMENTS);
            long bss = libcBase + LIBC_SPAN - LIBC_BSS;
            insertNewVma(mm, new VmArea(mm, bss, bss + LIBC_BSS, anonFlags(3, false), bss >>> PAGE_SHIFT, null, null));
            long tls = unmappedArea(mm, TLS_SIZE, 0, 0);
            insertNewVma(mm, new VmArea(mm, tls, tls + TLS_SIZE, anonFlags(3, false), tls >>> PAGE_SHIFT, null, null));

            setupStack(t, mm, stackTop, path, argv, envp);
        } catch (UserFault f) {
            throw new Errno(Errno.ENOMEM);
        } finally {
            faulting = saved;
        }
    }

    private static long anonFlags(int prot, boolean shared) {
        long f = calcVmProtBits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SOFTDIRTY;
        if (shared) {
            f |= VM_SHARED | VM_MAYSHARE;
        } else if ((f & VM_WRITE) != 0) {
            f |= VM_ACCOUNT;
        }
        return f;
    }

    private void mapSegments(MmStruct mm, Inode file, long base, List<Segment> segments) {
        for (Segment s : segments) {
            long flags = calcVmProtBits(s.relro ? 3 : s.prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_SOFTDIRTY;
            if ((flags & VM_WRITE) != 0) {
                flags |= VM_ACCOUNT;
            }
            if (s.relro) {
                flags &= ~VM_WRITE;
            }
            VmArea v = new VmArea(mm, base + s.vaddr, base + s.vaddr + s.length, flags, s.offset >>> PAGE_SHIFT, file,
                    VmOperations.FILE);
            insertNewVma(mm, v);
            v.vmOps.open(v);
        }
    }

    /** {@code create_elf_tables} and {@code copy_strings}: argv and envp strings, AT_RANDOM bytes, platform, auxv, pointer arrays and argc. */
    private void setupStack(Task t, MmStruct mm, long stackTop, String path, List<String> argv, List<String> envp) {
        long p = stackTop - 8;
        p -= path.length() + 1;
        writeString(t, p, path);
        long envEnd = p;
        long[] envPtrs = new long[envp.size()];
        for (int i = envp.size() - 1; i >= 0; i--) {
            p -= envp.get(i).length() + 1;
            writeString(t, p, envp.get(i));
            envPtrs[i] = p;
        }
        mm.envStart = p;
        mm.envEnd = envEnd;
        long argEnd = p;
        long[] argPtrs = new long[argv.size()];
        for (int i = argv.size() - 1; i >= 0; i--) {
            p -= argv.get(i).length() + 1;
            writeString(t, p, argv.get(i));
            argPtrs[i] = p;
        }
        mm.argStart = p;
        mm.argEnd = argEnd;
        p -= 7;
        writeString(t, p, "x86_64");
        p -= 16;
        byte[] rnd = new byte[16];
        random.nextBytes(rnd);
        copyToUser(t, p, rnd, 0, 16);
        p &= ~15L;
        int auxPairs = 21;
        long words = 1 + argPtrs.length + 1 + envPtrs.length + 1 + 2L * auxPairs;
        long sp = (p - words * 8) & ~15L;
        mm.startStack = sp;
        long q = sp;
        q = writeLong(t, q, argPtrs.length);
        for (long a : argPtrs) {
            q = writeLong(t, q, a);
        }
        q = writeLong(t, q, 0);
        for (long e : envPtrs) {
            q = writeLong(t, q, e);
        }
        writeLong(t, q, 0);
    }

    private void writeString(Task t, long addr, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
        copyToUser(t, addr, b, 0, b.length);
    }

    private long writeLong(Task t, long addr, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        copyToUser(t, addr, b, 0, 8);
        return addr + 8;
    }

    /**
     * @param t a task
     * @return a plausible user instruction pointer inside its program's text, for reports; 0
     *         for a task that runs no exec'ed program (a synthetic behaviour has no user code)
     */
    public long userIp(Task t) {
        MmStruct mm = mm(t);
        return mm == null || mm.exeName == null ? 0 : mm.startCode - 0x1000 + TEXT_IP;
    }

    /**
     * @param t a task
     * @return a plausible user stack pointer (a few frames below the initial one), for reports;
     *         0 for a task that runs no exec'ed program
     */
    public long userSp(Task t) {
        MmStruct mm = mm(t);
        return mm == null || mm.exeName == null ? 0 : (mm.startStack - 0x130) & ~15L;
    }

    // ------------------------------------------------------------------ VMA allocation and tree updates

    private long allocVmaObject() {
        String old = memory.setCallSite("vm_area_alloc");
        try {
            return memory.slab().cacheAlloc(caches.vmAreaStruct(), Gfp.GFP_KERNEL);
        } finally {
            memory.setCallSite(old);
        }
    }

    private void freeVmaObject(VmArea v) {
        if (v.slabAddress != 0) {
            memory.slab().cacheFree(caches.vmAreaStruct(), v.slabAddress);
            v.slabAddress = 0;
        }
    }

    /** Inserts a new VMA, allocating its vm_area_struct and accounting its pages. */
    private void insertNewVma(MmStruct mm, VmArea v) {
        v.slabAddress = allocVmaObject();
        if (v.slabAddress == 0) {
            throw new Errno(Errno.ENOMEM);
        }
        mm.insert(v);
        mm.statAccount(v.vmFlags, v.length() >>> PAGE_SHIFT);
    }

    /** Takes a VMA out of the tree for good: close, unaccount, drop anon_vma and file, free the object. */
    private void removeVma(MmStruct mm, VmArea v) {
        mm.remove(v);
        mm.statAccount(v.vmFlags, -(v.length() >>> PAGE_SHIFT));
        if (v.vmOps != null) {
            v.vmOps.close(v);
            if (v.vmFile != null) {
                vfs.evictIfUnused(v.vmFile);
            }
        }
        unlinkAnonVma(v);
        freeVmaObject(v);
    }

    private AnonVma newAnonVma(AnonVma parent) {
        long addr = memory.slab().cacheAlloc(caches.anonVma(), Gfp.GFP_KERNEL);
        return addr == 0 ? null : new AnonVma(addr, parent);
    }

    /** {@code anon_vma_chain_link}: one chain object per (VMA, anon_vma) link; the link holds a reference. */
    private boolean link(AnonVma a, VmArea v) {
        long chain = memory.slab().cacheAlloc(caches.anonVmaChain(), Gfp.GFP_KERNEL);
        if (chain == 0) {
            return false;
        }
        v.chainObjects.add(chain);
        v.chainTargets.add(a);
        a.refs++;
        return true;
    }

    /** {@code anon_vma_clone}: links {@code to} to every anon_vma {@code from} is linked to. */
    private boolean cloneLinks(VmArea from, VmArea to) {
        for (AnonVma a : from.chainTargets) {
            if (!link(a, to)) {
                unlinkAnonVma(to);
                return false;
            }
        }
        to.anonVma = from.anonVma;
        return true;
    }

    /** {@code anon_vma_fork}: the child's VMA is linked to the parent's anon_vmas and gets one of its own; {@code false} when memory ran out. */
    private boolean anonVmaFork(VmArea parent, VmArea child) {
        AnonVma own = newAnonVma(parent.anonVma);
        if (own == null) {
            return false;
        }
        if (!cloneLinks(parent, child) || !link(own, child)) {
            unlinkAnonVma(child);
            if (own.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), own.kernelAddress());
            }
            return false;
        }
        child.anonVma = own;
        return true;
    }

    /** {@code unlink_anon_vmas}: frees the VMA's chains; an anon_vma goes with its last link. */
    private void unlinkAnonVma(VmArea v) {
        for (int i = 0; i < v.chainObjects.size(); i++) {
            memory.slab().cacheFree(caches.anonVmaChain(), v.chainObjects.get(i));
            AnonVma a = v.chainTargets.get(i);
            if (--a.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), a.kernelAddress());
            }
        }
        v.chainObjects.clear();
        v.chainTargets.clear();
        v.anonVma = null;
    }

    /**
     * {@code anon_vma_prepare}: gives a VMA an anon_vma before its first anonymous page,
     * reusing an adjacent VMA's when the two could merge and the neighbour's anon_vma_chain is
     * its single own link, not a fork child's ({@code find_mergeable_anon_vma},
     * {@code reusable_anon_vma}).
     */
    private boolean anonVmaPrepare(VmArea v) {
        if (v.anonVma != null) {
            return true;
        }
        AnonVma a = null;
        for (VmArea n : new VmArea[] {v.mm.prev(v), v.mm.next(v)}) {
            if (n != null && n.anonVma != null && n.chainObjects.size() == 1 && (n.vmEnd == v.vmStart || n.vmStart == v.vmEnd)
                    && ((n.vmFlags ^ v.vmFlags) & ~(VM_READ | VM_WRITE | VM_EXEC | VM_SOFTDIRTY)) == 0
                    && n.vmFile == v.vmFile && n.vmOps == v.vmOps) {
                long expected = n.vmEnd == v.vmStart ? n.vmPgoff + (n.length() >>> PAGE_SHIFT)
                        : n.vmPgoff - (v.length() >>> PAGE_SHIFT);
                if (expected == v.vmPgoff) {
                    a = n.anonVma;
                    break;
                }
            }
        }
        if (a == null) {
            a = newAnonVma(null);
            if (a == null) {
                return false;
            }
        }
        if (!link(a, v)) {
            if (a.refs == 0) {
                memory.slab().cacheFree(caches.anonVma(), a.kernelAddress());
            }
            return false;
        }
        v.anonVma = a;
        return true;
    }

    /**
     * {@code is_mergeable_vma} + {@code is_mergeable_anon_vma} (mm/vma.c): equal flags
     * (soft-dirty aside), same file, no close operation, and compatible anon_vmas.
     *
     * @param a the VMA that would absorb the range (the merge target)
     * @param src the VMA whose range it absorbs, or {@code null} for a new mapping
     */
    static boolean mergeable(VmArea a, long flags, Inode file, VmOperations ops, VmArea src) {
        return ((a.vmFlags ^ flags) & ~VM_SOFTDIRTY) == 0 && a.vmFile == file && a.vmOps == ops
                && (ops == null || !ops.hasClose()) && mergeableAnonVma(a, src);
    }

    /**
     * {@code is_mergeable_anon_vma} of Linux 6.16+: the same anon_vma on both sides (or none), or
     * only one side has one and that side never came from a fork ({@code vma_had_uncowed_parents}:
     * its anon_vma_chain has more than the one link of its own anon_vma), since merging into a
     * fork child's anon_vma hierarchy would make its rmap walks slower.
     */
    private static boolean mergeableAnonVma(VmArea tgt, VmArea src) {
        AnonVma s = src == null ? null : src.anonVma;
        if (tgt.anonVma == null && s != null) {
            return !hadUncowedParents(src);
        }
        if (tgt.anonVma != null && s == null) {
            return !hadUncowedParents(tgt);
        }
        return tgt.anonVma == s;
    }

    /** {@code vma_had_uncowed_parents}: an anon_vma and a chain of more than one link (a fork child). */
    private static boolean hadUncowedParents(VmArea v) {
        return v.anonVma != null && v.chainObjects.size() != 1;
    }

    /**
     * Whether two adjacent VMAs are ones {@code vma_merge} would have joined: {@code left}
     * ends where {@code right} starts, they are mergeable and the offsets are contiguous.
     *
     * @param left the lower VMA
     * @param right the upper VMA
     * @return whether Linux keeps them as one
     */
    public static boolean canMerge(VmArea left, VmArea right) {
        return left.vmEnd == right.vmStart && mergeable(left, right.vmFlags, right.vmFile, right.vmOps, right)
                && left.vmPgoff + (left.length() >>> PAGE_SHIFT) == right.vmPgoff;
    }

    /** Joins {@code right} into {@code left} ({@code __vma_adjust} removing the next VMA). */
    private void mergeInto(MmStruct mm, VmArea left, VmArea right) {
        mm.remove(right);
        mm.setEnd(left, right.vmEnd);
        if (left.anonVma == null && right.anonVma != null) {
            cloneLinks(right, left);
        }
        if (right.vmOps != null) {
            right.vmOps.close(right);
        }
        unlinkAnonVma(right);
        freeVmaObject(right);
    }

    /** Merges {@code v} with its neighbours where {@code vma_merge} would. */
    private VmArea mergeNeighbours(MmStruct mm, VmArea v) {
        VmArea prev = mm.prev(v);
        if (prev != null && canMerge(prev, v)) {
            mergeInto(mm, prev, v);
            v = prev;
        }
        VmArea next = mm.next(v);
        if (next != null && canMerge(v, next)) {
            mergeInto(mm, v, next);
        }
        return v;
    }

    /**
     * {@code __split_vma}: splits {@code v} at {@code addr}; returns the upper part (a new VMA).
     * The new part shares the anon_vma (a new chain) and the file. A huge PMD across
     * {@code addr} is split ({@code vma_adjust_trans_huge}).
     */
    private VmArea split(MmStruct mm, VmArea v, long addr, boolean checkLimit) {
        if (checkLimit && mm.mapCount() >= maxMapCount) {
            throw new Errno(Errno.ENOMEM);
        }
        if ((addr & (PageTable.HPAGE_PMD_SIZE - 1)) != 0) {
            mm.pgd.splitHugePmds(addr, addr + 1);
        }
        long obj = allocVmaObject();
        if (obj == 0) {
            throw new Errno(Errno.ENOMEM);
        }
        VmArea upper = new VmArea(mm, addr, v.vmEnd, v.vmFlags, v.vmPgoff + ((addr - v.vmStart) >>> PAGE_SHIFT), v.vmFile,
                v.vmOps);
        upper.slabAddress = obj;
        if (v.anonVma != null && !cloneLinks(v, upper)) {
            freeVmaObject(upper);
            throw new Errno(Errno.ENOMEM);
        }
        if (upper.vmOps != null) {
            upper.vmOps.open(upper);
        }
        mm.setEnd(v, addr);
        mm.insert(upper);
        return upper;
    }

    // ------------------------------------------------------------------ mmap

    private static long pageAlign(long x) {
        return (x + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    private static long calcVmProtBits(int prot) {
        return ((prot & Syscalls.PROT_READ) != 0 ? VM_READ : 0) | ((prot & Syscalls.PROT_WRITE) != 0 ? VM_WRITE : 0)
                | ((prot & Syscalls.PROT_EXEC) != 0 ? VM_EXEC : 0);
    }

    /** {@code vm_start_gap}: a stack's start minus the guard gap. */
    private static long startGap(VmArea v) {
        return (v.vmFlags & VM_GROWSDOWN) != 0 ? Math.max(0, v.vmStart - STACK_GUARD_GAP) : v.vmStart;
    }

    /**
     * {@code arch_get_unmapped_area_topdown}: the hint if it is free, else the highest gap below
     * {@code mmap_base} that fits, else the lowest above {@code TASK_UNMAPPED_BASE}.
     *
     * @return the address, or 0 if nothing fits
     */
    private long unmappedArea(MmStruct mm, long len, long hint, int flags) {
        if (len > taskSize - MMAP_MIN_ADDR) {
            return 0;
        }
        if (hint != 0) {
            long addr = pageAlign(hint);
            if (taskSize - len >= addr && addr >= MMAP_MIN_ADDR) {
                VmArea[] vp = mm.findVmaPrev(addr);
                if ((vp[0] == null || addr + len <= startGap(vp[0])) && (vp[1] == null || addr >= vp[1].vmEnd)) {
                    return addr;
                }
            }
        }
        long high = mm.mmapBase;
        long low = MMAP_MIN_ADDR;
        VmArea v = mm.lastStartingBelow(high);
        VmArea above = v == null ? mm.findVma(0) : mm.next(v);
        long end = above == null ? high : Math.min(high, startGap(above));
        while (true) {
            long gapStart = v == null ? low : Math.max(low, v.vmEnd);
            if (end >= gapStart && end - gapStart >= len) {
                return end - len;
            }
            if (v == null) {
                break;
            }
            end = Math.min(end, startGap(v));
            v = mm.prev(v);
        }
        long addr = pageAlign(taskSize / 3);
        for (VmArea w = mm.findVma(addr); ; w = mm.next(w)) {
            long limit = w == null ? taskSize : startGap(w);
            if (limit - addr >= len) {
                return addr;
            }
            if (w == null) {
                return 0;
            }
            addr = Math.max(addr, w.vmEnd);
        }
    }

    /**
     * {@code mmap(2)}.
     *
     * @param t the caller
     * @param addr hint, or the exact address with MAP_FIXED / MAP_FIXED_NOREPLACE
     * @param length bytes (rounded up to pages)
     * @param prot PROT_* bits
     * @param flags MAP_* flags
     * @param fd the file, ignored with MAP_ANONYMOUS
     * @param offset file offset, page-aligned
     * @return the mapping's address
     * @throws Errno EINVAL, EBADF, EACCES, ENOMEM, EEXIST, EPERM, EOVERFLOW as Linux; ENODEV for a
     *         file of /proc, which has no mmap operation
     */
    public long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        long r;
        try {
            r = doMmap(t, addr, length, prot, flags, fd, offset);
        } catch (Errno e) {
            traceMmap(addr, length, prot, flags, -e.errno());
            throw e;
        }
        traceMmap(addr, length, prot, flags, r);
        return r;
    }

    private void traceMmap(long addr, long length, int prot, int flags, long result) {
        if (tracer.enabled(VmTracepoints.MMAP)) {
            tracer.event(VmTracepoints.MMAP).field("addr", hex(addr)).field("len", length).field("prot", prot)
                    .field("flags", hex(flags)).field("ret", result < 0 ? Long.toString(result) : hex(result)).emit();
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private long doMmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        MmStruct mm = requireMm(t);
        if ((offset & (PAGE_SIZE - 1)) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        OpenFile file = null;
        if ((flags & Syscalls.MAP_ANONYMOUS) == 0) {
            file = vfs.file(t, fd);
        }
        if (length == 0) {
            throw new Errno(Errno.EINVAL);
        }
        int type = flags & Syscalls.MAP_TYPE;
        if (type != Syscalls.MAP_SHARED && type != Syscalls.MAP_PRIVATE && type != Syscalls.MAP_SHARED_VALIDATE) {
            throw new Errno(Errno.EINVAL);
        }
        if ((prot & ~PROT_MASK) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        boolean fixed = (flags & (Syscalls.MAP_FIXED | Syscalls.MAP_FIXED_NOREPLACE)) != 0;
        if (!fixed) {
            addr &= -PAGE_SIZE;
            if (addr != 0 && addr < MMAP_MIN_ADDR) {
                addr = pageAlign(MMAP_MIN_ADDR);
            }
        }
        long len = pageAlign(length);
        if (len <= 0 || len < length) {
            throw new Errno(Errno.ENOMEM);
        }
        long pgoff = offset >>> PAGE_SHIFT;
        if (pgoff + (len >>> PAGE_SHIFT) < pgoff) {
            throw new Errno(Errno.EOVERFLOW);
        }
        if (mm.mapCount() > maxMapCount) {
            throw new Errno(Errno.ENOMEM);
        }
        if (fixed) {
            if ((addr & (PAGE_SIZE - 1)) != 0) {
                throw new Errno(Errno.EINVAL);
            }
            if (len > taskSize || addr > taskSize - len) {
                throw new Errno(Errno.ENOMEM);
            }
            if (addr < MMAP_MIN_ADDR) {
                throw new Errno(Errno.EPERM);
            }
            if ((flags & Syscalls.MAP_FIXED_NOREPLACE) != 0 && (flags & Syscalls.MAP_FIXED) == 0
                    && mm.findVmaIntersection(addr, addr + len) != null) {
                throw new Errno(Errno.EEXIST);
            }
        } else {
            addr = unmappedArea(mm, len, addr, flags);
            if (addr == 0) {
                throw new Errno(Errno.ENOMEM);
            }
        }
        long vmFlags = calcVmProtBits(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
        if ((flags & Syscalls.MAP_GROWSDOWN) != 0) {
            vmFlags |= VM_GROWSDOWN;
        }
        if ((flags & Syscalls.MAP_LOCKED) != 0) {
            vmFlags |= VM_LOCKED;
        }
        Inode inode = null;
        if (file != null) {
            if (type == Syscalls.MAP_PRIVATE) {
                if (!file.readable()) {
                    throw new Errno(Errno.EACCES);
                }
            } else {
                if ((prot & Syscalls.PROT_WRITE) != 0 && !file.writable()) {
                    throw new Errno(Errno.EACCES);
                }
                if (!file.readable()) {
                    throw new Errno(Errno.EACCES);
                }
                vmFlags |= VM_SHARED | VM_MAYSHARE;
                if (!file.writable()) {
                    vmFlags &= ~(VM_MAYWRITE | VM_SHARED);
                }
            }
            if (file.seqFile()) {
                throw new Errno(Errno.ENODEV);
            }
            if ((vmFlags & VM_GROWSDOWN) != 0) {
                throw new Errno(Errno.EINVAL);
            }
            inode = file.inode();
        } else if (type == Syscalls.MAP_PRIVATE) {
            pgoff = addr >>> PAGE_SHIFT;
        } else {
            pgoff = 0;
            vmFlags |= VM_SHARED | VM_MAYSHARE;
        }
        if ((flags & Syscalls.MAP_NORESERVE) != 0) {
            vmFlags |= VM_NORESERVE;
        }
        VmArea v = mmapRegion(mm, inode, addr, len, vmFlags, pgoff);
        if ((vmFlags & VM_LOCKED) != 0 || (flags & (Syscalls.MAP_POPULATE | Syscalls.MAP_NONBLOCK)) == Syscalls.MAP_POPULATE) {
            populate(t, mm, v, addr, addr + len);
        }
        return addr;
    }

    /** {@code mmap_region}: clears what was there, tries to merge, else inserts a new VMA. */
    private VmArea mmapRegion(MmStruct mm, Inode file, long addr, long len, long vmFlags, long pgoff) {
        long end = addr + len;
        if (mm.findVmaIntersection(addr, end) != null) {
            doMunmap(mm, addr, len);
        }
        if ((vmFlags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE) {
            vmFlags |= VM_ACCOUNT;
        }
        boolean shmemZero = file == null && (vmFlags & VM_SHARED) != 0;
        VmOperations ops = file == null && !shmemZero ? null : VmOperations.FILE;
        if (!shmemZero) {
            VmArea[] vp = mm.findVmaPrev(addr);
            VmArea prev = vp[1];
            VmArea next = vp[0];
            if (prev != null && prev.vmEnd == addr && mergeable(prev, vmFlags, file, ops, null)
                    && prev.vmPgoff + (prev.length() >>> PAGE_SHIFT) == pgoff) {
                mm.statAccount(vmFlags, len >>> PAGE_SHIFT);
                mm.setEnd(prev, end);
                if (next != null && canMerge(prev, next)) {
                    mergeInto(mm, prev, next);
                }
                return prev;
            }
            if (next != null && next.vmStart == end && mergeable(next, vmFlags, file, ops, null)
                    && pgoff + (len >>> PAGE_SHIFT) == next.vmPgoff) {
                mm.statAccount(vmFlags, len >>> PAGE_SHIFT);
                mm.moveStart(next, addr);
                next.vmPgoff = pgoff;
                return next;
            }
        }
        if (shmemZero) {
            file = vfs.shmemZeroFile(len);
        }
        VmArea v = new VmArea(mm, addr, end, vmFlags | VM_SOFTDIRTY, pgoff, file, ops);
        insertNewVma(mm, v);
        if (ops != null) {
            ops.open(v);
        }
        return v;
    }

    /** {@code __mm_populate}: faults the range in as get_user_pages does (writes for private writable mappings). */
    private void populate(Task t, MmStruct mm, VmArea v, long start, long end) {
        boolean write = (v.vmFlags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
        TaskVm tv = taskVm(t);
        for (long a = start; a < end; a += PAGE_SIZE) {
            VmArea w = mm.findVma(a);
            if (w == null || w.vmStart > a || (w.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0) {
                continue;
            }
            long pte = mm.pgd.get(a);
            if ((pte & PageTable.PTE_PRESENT) != 0 && (!write || (pte & PageTable.PTE_RW) != 0)) {
                continue;
            }
            int r = handleMmFault(tv, mm, w, a, write);
            if (r == FAULT_OOM) {
                break;
            }
        }
    }

    /**
     * {@code munmap(2)}.
     *
     * @param t the caller
     * @param addr page-aligned start
     * @param length bytes (rounded up)
     * @throws Errno EINVAL for an unaligned address, a zero length or a range outside the
     *         user space; ENOMEM if a split would exceed max_map_count
     */
    public void munmap(Task t, long addr, long length) {
        MmStruct mm = requireMm(t);
        int ret = 0;
        try {
            if ((addr & (PAGE_SIZE - 1)) != 0 || addr < 0 || addr > taskSize || length < 0 || length > taskSize - addr) {
                throw new Errno(Errno.EINVAL);
            }
            long len = pageAlign(length);
            if (len == 0) {
                throw new Errno(Errno.EINVAL);
            }
            doMunmap(mm, addr, len);
        } catch (Errno e) {
            ret = -e.errno();
            throw e;
        } finally {
            if (tracer.enabled(VmTracepoints.MUNMAP)) {
                tracer.event(VmTracepoints.MUNMAP).field("addr", hex(addr)).field("len", length).field("ret", ret).emit();
            }
        }
    }

    /** {@code __do_munmap}: splits at the ends, zaps the pages, frees the tables of the new gap, removes the VMAs. */
    private void doMunmap(MmStruct mm, long start, long len) {
        long end = start + len;
        VmArea v = mm.findVma(start);
        if (v == null || v.vmStart >= end) {
            return;
        }
        if (start > v.vmStart) {
            if (end < v.vmEnd && mm.mapCount() >= maxMapCount) {
                throw new Errno(Errno.ENOMEM);
            }
            v = split(mm, v, start, false);
        }
        VmArea last = mm.findVma(end);
        if (last != null && end > last.vmStart) {
            split(mm, last, end, false);
        }
        VmArea prev = mm.prev(v);
        List<VmArea> doomed = new ArrayList<>();
        for (VmArea w = v; w != null && w.vmStart < end; w = mm.next(w)) {
            doomed.add(w);
        }
        for (VmArea w : doomed) {
            zapRange(mm, w, w.vmStart, w.vmEnd);
        }
        VmArea next = mm.next(doomed.get(doomed.size() - 1));
        for (VmArea w : doomed) {
            removeVma(mm, w);
        }
        mm.tlbFlushes++;
        mm.pgd.freeEmptyTables(prev == null ? 0 : prev.vmEnd, next == null ? taskSize + PAGE_SIZE : next.vmStart);
    }

    /**
     * {@code zap_pte_range}: unmaps the pages of {@code [start, end)} of a VMA, dropping mapcount,
     * RSS and references; a huge PMD is split first and its 512 pages go one by one (Linux's
     * {@code zap_huge_pmd} frees a wholly unmapped 2 MiB page at once, to the same end).
     */
    private void zapRange(MmStruct mm, VmArea v, long start, long end) {
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
            addRss(mm, counterOf(page), -1);
            page.addMapcount(-1);
            putPage(page);
        }
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

    // ------------------------------------------------------------------ mprotect

    /**
     * {@code mprotect(2)}. Changes are applied VMA by VMA; a hole stops the walk with ENOMEM
     * after the VMAs before it were changed, as in Linux.
     *
     * @param t the caller
     * @param start page-aligned start
     * @param length bytes (rounded up); 0 does nothing
     * @param prot PROT_* bits
     * @throws Errno EINVAL (unaligned, unknown bits), ENOMEM (unmapped part), EACCES (more than
     *         the VM_MAY* flags allow, e.g. PROT_WRITE on a shared mapping of a read-only file)
     */
    public void mprotect(Task t, long start, long length, int prot) {
        int ret = 0;
        try {
            doMprotect(requireMm(t), start, length, prot);
        } catch (Errno e) {
            ret = -e.errno();
            throw e;
        } finally {
            if (tracer.enabled(VmTracepoints.MPROTECT)) {
                tracer.event(VmTracepoints.MPROTECT).field("addr", hex(start)).field("len", length).field("prot", prot)
                        .field("ret", ret).emit();
            }
        }
    }

    private void doMprotect(MmStruct mm, long start, long length, int prot) {
        if ((start & (PAGE_SIZE - 1)) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        if (length == 0) {
            return;
        }
        long len = pageAlign(length);
        long end = start + len;
        if (end <= start) {
            throw new Errno(Errno.ENOMEM);
        }
        if ((prot & ~PROT_MASK) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        VmArea v = mm.findVma(start);
        if (v == null || v.vmStart > start) {
            throw new Errno(Errno.ENOMEM);
        }
        long nstart = start;
        while (true) {
            long newFlags = calcVmProtBits(prot) | (v.vmFlags & ~(VM_READ | VM_WRITE | VM_EXEC));
            if ((newFlags & ~(newFlags >>> 4) & (VM_READ | VM_WRITE | VM_EXEC)) != 0) {
                throw new Errno(Errno.EACCES);
            }
            long tmp = Math.min(v.vmEnd, end);
            VmArea after = mprotectFixup(mm, v, nstart, tmp, newFlags);
            nstart = tmp;
            if (nstart >= end) {
                return;
            }
            v = mm.next(after);
            if (v == null || v.vmStart != nstart) {
                throw new Errno(Errno.ENOMEM);
            }
        }
    }

    /**
     * {@code mprotect_fixup}: returns the VMA now covering {@code [start, end)}. A private mapping
     * made writable is charged ({@code VM_ACCOUNT}); since Linux 6.7 an anonymous one that never
     * had a page faulted in (no anon_vma yet) loses the charge when it becomes read-only again,
     * so it can merge with a read-only neighbour. A faulted one keeps it.
     */
    private VmArea mprotectFixup(MmStruct mm, VmArea v, long start, long end, long newFlags) {
        if (newFlags == v.vmFlags) {
            return v;
        }
        if ((newFlags & VM_WRITE) != 0) {
            if ((v.vmFlags & (VM_ACCOUNT | VM_WRITE | VM_SHARED | VM_NORESERVE)) == 0) {
                newFlags |= VM_ACCOUNT;
            }
        } else if ((v.vmFlags & VM_ACCOUNT) != 0 && v.isAnonymous() && v.anonVma == null) {
            newFlags &= ~VM_ACCOUNT;
        }
        v = setFlags(mm, v, start, end, newFlags);
        changeProtection(mm, v);
        return mergeNeighbours(mm, v);
    }

    /**
     * The first half of {@code vma_modify_flags}: splits {@code [start, end)} off the VMA and
     * gives it the new flags; the caller merges it with its neighbours afterwards.
     *
     * @return the VMA of exactly {@code [start, end)}
     */
    private VmArea setFlags(MmStruct mm, VmArea v, long start, long end, long newFlags) {
        if (start > v.vmStart) {
            v = split(mm, v, start, true);
        }
        if (end < v.vmEnd) {
            split(mm, v, end, true);
        }
        mm.statAccount(v.vmFlags, -(v.length() >>> PAGE_SHIFT));
        v.vmFlags = newFlags;
        mm.statAccount(v.vmFlags, v.length() >>> PAGE_SHIFT);
        return v;
    }

    /** {@code change_protection}: PTEs lose rw where the VMA is no longer writable, become PROT_NONE entries where it is inaccessible. */
    private void changeProtection(MmStruct mm, VmArea v) {
        boolean[] changed = {false};
        boolean none = (v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0;
        mm.pgd.forEach(v.vmStart, v.vmEnd, (a, pte) -> {
            long n = pte;
            if (none) {
                n = (n & ~PageTable.PTE_PRESENT & ~PageTable.PTE_RW) | PTE_PROTNONE;
            } else {
                if ((n & PTE_PROTNONE) != 0) {
                    n = (n & ~PTE_PROTNONE) | PageTable.PTE_PRESENT;
                }
                if ((v.vmFlags & VM_WRITE) == 0) {
                    n &= ~PageTable.PTE_RW;
                }
                n = (v.vmFlags & VM_EXEC) != 0 ? n & ~PageTable.PTE_NX : n | PageTable.PTE_NX;
            }
            if (n != pte) {
                mm.pgd.update(a, n);
                changed[0] = true;
            }
        });
        if (changed[0]) {
            mm.tlbFlushes++;
        }
    }

    /** x86's {@code _PAGE_PROTNONE}: a frame still mapped but inaccessible (PROT_NONE); shares bit 8 with _PAGE_GLOBAL. */
    public static final long PTE_PROTNONE = 1L << 8;

    // ------------------------------------------------------------------ brk, msync, madvise

    /**
     * {@code brk(2)} as the kernel implements it: returns the new break, or the old one when
     * the request is refused (below the heap start, or colliding with the next mapping), which
     * is how libc's {@code brk()} detects ENOMEM. Growth creates or extends the heap VMA,
     * shrinking unmaps the pages above the new break.
     *
     * @param t the caller
     * @param addr the requested break
     * @return the break after the call
     */
    public long brk(Task t, long addr) {
        MmStruct mm = requireMm(t);
        long result = doBrk(mm, addr);
        if (tracer.enabled(VmTracepoints.BRK)) {
            tracer.event(VmTracepoints.BRK).field("brk", hex(addr)).field("ret", hex(result)).emit();
        }
        return result;
    }

    private long doBrk(MmStruct mm, long brk) {
        if (brk < mm.startBrk) {
            return mm.brk;
        }
        long newbrk = pageAlign(brk);
        long oldbrk = pageAlign(mm.brk);
        if (oldbrk == newbrk) {
            mm.brk = brk;
            return brk;
        }
        if (brk <= mm.brk) {
            doMunmap(mm, newbrk, oldbrk - newbrk);
            mm.brk = brk;
            return brk;
        }
        if (newbrk > taskSize) {
            return mm.brk;
        }
        VmArea next = mm.findVma(oldbrk);
        if (next != null && newbrk + PAGE_SIZE > startGap(next)) {
            return mm.brk;
        }
        if (mm.mapCount() >= maxMapCount) {
            return mm.brk;
        }
        long flags = VmFlags.VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;
        VmArea prev = mm.findVmaPrev(oldbrk)[1];
        long len = newbrk - oldbrk;
        if (prev != null && prev.vmEnd == oldbrk && mergeable(prev, flags, null, null, null)
                && prev.vmPgoff + (prev.length() >>> PAGE_SHIFT) == oldbrk >>> PAGE_SHIFT) {
            mm.setEnd(prev, newbrk);
            mm.statAccount(flags, len >>> PAGE_SHIFT);
        } else {
            try {
                insertNewVma(mm, new VmArea(mm, oldbrk, newbrk, flags | VM_SOFTDIRTY, oldbrk >>> PAGE_SHIFT, null, null));
            } catch (Errno e) {
                return mm.brk;
            }
        }
        mm.brk = brk;
        return brk;
    }

    /**
     * {@code msync(2)}: writes dirty pages of shared file mappings back (here: clears their
     * dirty state; the page cache is the file's storage).
     *
     * @param t the caller
     * @param start page-aligned start
     * @param length bytes
     * @param flags MS_ASYNC, MS_SYNC, MS_INVALIDATE
     * @throws Errno EINVAL (unaligned, unknown flags, both MS_ASYNC and MS_SYNC), ENOMEM (unmapped part)
     */
    public void msync(Task t, long start, long length, int flags) {
        MmStruct mm = requireMm(t);
        if ((flags & ~(Syscalls.MS_ASYNC | Syscalls.MS_INVALIDATE | Syscalls.MS_SYNC)) != 0
                || (start & (PAGE_SIZE - 1)) != 0
                || (flags & (Syscalls.MS_ASYNC | Syscalls.MS_SYNC)) == (Syscalls.MS_ASYNC | Syscalls.MS_SYNC)) {
            throw new Errno(Errno.EINVAL);
        }
        long end = start + pageAlign(length);
        if (end < start) {
            throw new Errno(Errno.ENOMEM);
        }
        if (end == start) {
            return;
        }
        boolean unmapped = false;
        long a = start;
        while (a < end) {
            VmArea v = mm.findVma(a);
            if (v == null) {
                throw new Errno(Errno.ENOMEM);
            }
            if (v.vmStart > a) {
                unmapped = true;
                a = v.vmStart;
                if (a >= end) {
                    break;
                }
            }
            if ((flags & Syscalls.MS_INVALIDATE) != 0 && (v.vmFlags & VM_LOCKED) != 0) {
                throw new Errno(Errno.EBUSY);
            }
            long e = Math.min(end, v.vmEnd);
            if ((v.vmFlags & VM_SHARED) != 0 && v.vmFile != null) {
                mm.pgd.forEach(a, e, (addr, pte) -> {
                    Page p = normalPage(pte);
                    if (p != null) {
                        p.clear(PageFlag.DIRTY);
                        if ((pte & PageTable.PTE_DIRTY) != 0) {
                            mm.pgd.update(addr, pte & ~PageTable.PTE_DIRTY);
                        }
                    }
                });
            }
            a = e;
        }
        if (unmapped) {
            throw new Errno(Errno.ENOMEM);
        }
    }

    /**
     * {@code madvise(2)}; MADV_DONTNEED drops the pages of the range (private anonymous memory
     * reads back as zeros afterwards, file mappings refault from the page cache); MADV_NORMAL,
     * MADV_RANDOM, MADV_SEQUENTIAL and MADV_WILLNEED are accepted and change nothing here.
     * MADV_HUGEPAGE and MADV_NOHUGEPAGE set {@code VM_HUGEPAGE} or {@code VM_NOHUGEPAGE} and clear
     * the other ({@code hugepage_madvise()}), splitting the VMAs at the range's ends and merging
     * them with neighbours that then match ({@code madvise_update_vma()}); in the default
     * {@link TransparentHugepage#MADVISE} mode only VM_HUGEPAGE ranges get 2 MiB pages.
     *
     * @param t the caller
     * @param start page-aligned start
     * @param length bytes
     * @param advice MADV_*
     * @throws Errno EINVAL (unaligned, unknown advice, DONTNEED on locked or PFN-mapped memory),
     *         ENOMEM (unmapped part, after the mapped parts were handled)
     */
    public void madvise(Task t, long start, long length, int advice) {
        MmStruct mm = requireMm(t);
        boolean thp = advice == Syscalls.MADV_HUGEPAGE || advice == Syscalls.MADV_NOHUGEPAGE;
        if ((start & (PAGE_SIZE - 1)) != 0 || (!thp && (advice < Syscalls.MADV_NORMAL || advice > Syscalls.MADV_DONTNEED))) {
            throw new Errno(Errno.EINVAL);
        }
        long len = pageAlign(length);
        if (len < length) {
            throw new Errno(Errno.EINVAL);
        }
        long end = start + len;
        if (end < start) {
            throw new Errno(Errno.EINVAL);
        }
        if (end == start) {
            return;
        }
        boolean unmapped = false;
        long a = start;
        while (a < end) {
            VmArea v = mm.findVma(a);
            if (v == null) {
                unmapped = true;
                break;
            }
            if (v.vmStart > a) {
                unmapped = true;
                a = v.vmStart;
                if (a >= end) {
                    break;
                }
            }
            long e = Math.min(end, v.vmEnd);
            if (advice == Syscalls.MADV_DONTNEED) {
                if ((v.vmFlags & (VM_LOCKED | VM_PFNMAP)) != 0) {
                    throw new Errno(Errno.EINVAL);
                }
                zapRange(mm, v, a, e);
                mm.tlbFlushes++;
            } else if (thp) {
                long newFlags = advice == Syscalls.MADV_HUGEPAGE ? (v.vmFlags & ~VmFlags.VM_NOHUGEPAGE) | VmFlags.VM_HUGEPAGE
                        : (v.vmFlags & ~VmFlags.VM_HUGEPAGE) | VmFlags.VM_NOHUGEPAGE;
                if (newFlags != v.vmFlags) {
                    mergeNeighbours(mm, setFlags(mm, v, a, e, newFlags));
                }
            }
            a = e;
        }
        if (unmapped) {
            throw new Errno(Errno.ENOMEM);
        }
    }

    private MmStruct requireMm(Task t) {
        MmStruct mm = mm(t);
        if (mm == null) {
            throw new Errno(Errno.EFAULT);
        }
        return mm;
    }

    // ------------------------------------------------------------------ faults

    /**
     * Translates a user address for an access by the task, faulting the page in as the MMU
     * and {@code do_user_addr_fault} would.
     *
     * @param t the task
     * @param address the user address
     * @param write whether it is a write
     * @return the kernel address of the byte in physical memory
     * @throws UserFault if the access is not allowed or memory ran out
     */
    public long translate(Task t, long address, boolean write) {
        TaskVm tv = taskVm(t);
        MmStruct mm = tv.mm;
        if (mm == null) {
            throw new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, UserFault.PF_USER);
        }
        long pte = address >= 0 && address < taskSize ? mm.pgd.get(address) : 0;
        long need = write ? PageTable.PTE_PRESENT | PageTable.PTE_RW : PageTable.PTE_PRESENT;
        if ((pte & need) != need) {
            doUserAddrFault(tv, mm, address, write, pte);
            pte = mm.pgd.get(address);
        }
        long bits = PageTable.PTE_ACCESSED | (write ? PageTable.PTE_DIRTY : 0);
        if ((pte & bits) != bits) {
            pte |= bits;
            mm.pgd.update(address, pte);
        }
        return PhysicalMemory.pageAddress(PageTable.pfn(pte)) + (address & (PAGE_SIZE - 1));
    }

    private void doUserAddrFault(TaskVm tv, MmStruct mm, long address, boolean write, long pte) {
        int error = UserFault.PF_USER | (write ? UserFault.PF_WRITE : 0) | ((pte & PageTable.PTE_PRESENT) != 0 ? UserFault.PF_PROT : 0);
        if (address < 0 || address >= taskSize) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
        }
        VmArea v = mm.findVma(address);
        if (v == null) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
        }
        if (v.vmStart > address) {
            if ((v.vmFlags & VM_GROWSDOWN) == 0 || !expandStack(mm, v, address)) {
                throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_MAPERR, address, error));
            }
        }
        boolean denied = write ? (v.vmFlags & VM_WRITE) == 0 : (v.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) == 0;
        if (denied) {
            throw traceBad(address, error, new UserFault(Signal.SIGSEGV, UserFault.SEGV_ACCERR, address, error));
        }
        int r = handleMmFault(tv, mm, v, address, write);
        if (r == FAULT_OOM) {
            if (tv.oomKilled || outOfMemoryKill(Gfp.GFP_HIGHUSER_MOVABLE, 0, tv) == tv) {
                throw new UserFault(Signal.SIGKILL, 0, address, error);
            }
            r = handleMmFault(tv, mm, v, address, write);
            if (r == FAULT_OOM) {
                throw new UserFault(Signal.SIGKILL, 0, address, error);
            }
        }
        if (r == FAULT_SIGBUS) {
            throw new UserFault(Signal.SIGBUS, UserFault.BUS_ADRERR, address, error);
        }
    }

    private UserFault traceBad(long address, int error, UserFault f) {
        if (tracer.enabled(VmTracepoints.PAGE_FAULT_USER)) {
            tracer.event(VmTracepoints.PAGE_FAULT_USER).field("address", hex(address)).field("error_code", hex(error))
                    .field("kind", "bad_area").field("result", f.code() == UserFault.SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR")
                    .emit();
        }
        return f;
    }

    /** {@code expand_stack}: grows a GROWSDOWN VMA down to the page of {@code address}, within RLIMIT_STACK and the guard gap. */
    private boolean expandStack(MmStruct mm, VmArea v, long address) {
        long newStart = address & -PAGE_SIZE;
        if (v.vmEnd - newStart > STACK_LIMIT) {
            return false;
        }
        VmArea prev = mm.prev(v);
        if (prev != null && (prev.vmFlags & VM_GROWSDOWN) == 0 && newStart - prev.vmEnd < STACK_GUARD_GAP
                && (prev.vmFlags & (VM_READ | VM_WRITE | VM_EXEC)) != 0) {
            return false;
        }
        if (prev != null && newStart < prev.vmEnd) {
            return false;
        }
        long grow = (v.vmStart - newStart) >>> PAGE_SHIFT;
        mm.moveStart(v, newStart);
        v.vmPgoff -= grow;
        mm.statAccount(v.vmFlags, grow);
        return true;
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
     * @return {@link #FAULT_MINOR}, {@link #FAULT_MAJOR}, {@link #FAULT_OOM} or {@link #FAULT_SIGBUS}
     */
    private int handleMmFault(TaskVm tv, MmStruct mm, VmArea v, long address, boolean write) {
        TaskVm saved = faulting;
        faulting = tv;
        majorPending = false;
        vmstat.pgfault++;
        String kind;
        int r;
        try {
            long pte = mm.pgd.get(address);
            if (write && (pte & PageTable.PTE_RW) == 0 && mm.pgd.huge(address)) {
                mm.pgd.splitHugePmds(address, address + 1);
                pte = mm.pgd.get(address);
            }
            if (pte == 0) {
                if (v.isAnonymous() && write && levels >= 3 && thp.allows(v) && TransparentHugepage.suitable(v, address)
                        && mm.pgd.pmdNone(address) && (r = doHugePmdAnonymousPage(mm, v, address)) != FAULT_FALLBACK) {
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
                r = FAULT_MINOR;
            }
            if (r == FAULT_MINOR && majorPending) {
                r = FAULT_MAJOR;
            }
        } finally {
            faulting = saved;
        }
        if (r == FAULT_MAJOR) {
            vmstat.pgmajfault++;
        }
        if (r == FAULT_MAJOR || r == FAULT_MINOR) {
            tv.task.accountFault(r == FAULT_MAJOR);
        }
        if (tracer.enabled(VmTracepoints.PAGE_FAULT_USER)) {
            tracer.event(VmTracepoints.PAGE_FAULT_USER).field("address", hex(address))
                    .field("error_code", hex(UserFault.PF_USER | (write ? UserFault.PF_WRITE : 0))).field("kind", kind)
                    .field("result", switch (r) {
                        case FAULT_MINOR -> "MINOR";
                        case FAULT_MAJOR -> "MAJOR";
                        case FAULT_OOM -> "OOM";
                        default -> "SIGBUS";
                    }).emit();
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
    private int doAnonymousPage(MmStruct mm, VmArea v, long address, boolean write) {
        if (!write) {
            if (zeroPage == null) {
                zeroPage = memory.allocPages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 0);
                if (zeroPage == null) {
                    return FAULT_OOM;
                }
                zeroPage.set(PageFlag.RESERVED);
            }
            long pte = (zeroPage.pfn() << PAGE_SHIFT) | (v.pageProt() & ~PageTable.PTE_RW) | PageTable.PTE_ACCESSED;
            return mm.pgd.set(address, pte) < 0 ? FAULT_OOM : FAULT_MINOR;
        }
        if (!anonVmaPrepare(v)) {
            return FAULT_OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return FAULT_OOM;
        }
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            memory.freePages(page, 0);
            return FAULT_OOM;
        }
        addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        return FAULT_MINOR;
    }

    /**
     * {@code do_huge_pmd_anonymous_page} for a write: one zeroed 2 MiB compound page mapped by the
     * PMD, 512 pages of RSS in one fault ({@code THP_FAULT_ALLOC}). Each of its pages carries the
     * anonymous rmap of its address (what {@code folio_add_new_anon_rmap} records once for the
     * folio). Without a free 2 MiB block the fault falls back to a 4 KiB page
     * ({@code THP_FAULT_FALLBACK}). Reads keep the 4 KiB zero page (Linux maps the huge zero page).
     *
     * @return a fault outcome, or {@link #FAULT_FALLBACK}
     */
    private int doHugePmdAnonymousPage(MmStruct mm, VmArea v, long address) {
        if (!anonVmaPrepare(v)) {
            return FAULT_OOM;
        }
        long haddr = address & -PageTable.HPAGE_PMD_SIZE;
        int gfp = Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_COMP | Gfp.__GFP_NOMEMALLOC | Gfp.__GFP_NOWARN | Gfp.__GFP_ZERO;
        if ((v.vmFlags & VmFlags.VM_HUGEPAGE) == 0) {
            gfp &= ~Gfp.__GFP_DIRECT_RECLAIM;
        }
        Page page = memory.allocPages(gfp, PageTable.HPAGE_PMD_ORDER);
        if (page == null) {
            memory.accountThpFallback();
            return FAULT_FALLBACK;
        }
        if (mm.pgd.setHugePmd(haddr, mkPte(v, page, true)) < 0) {
            memory.freePages(page, PageTable.HPAGE_PMD_ORDER);
            return FAULT_OOM;
        }
        for (int i = 0; i < PageTable.HPAGE_PMD_NR; i++) {
            Page sub = memory.buddy().pfnToPage(page.pfn() + i);
            sub.refcount = 1;
            addNewAnonRmap(sub, v, haddr + ((long) i << PAGE_SHIFT));
        }
        addRss(mm, MmStruct.MM_ANONPAGES, PageTable.HPAGE_PMD_NR);
        memory.accountAnonThp();
        return FAULT_MINOR;
    }

    private static void addNewAnonRmap(Page page, VmArea v, long address) {
        page.setMapping(v.anonVma);
        page.setIndex(v.linearPageIndex(address));
        page.addMapcount(1);
    }

    private boolean pastEof(VmArea v, long pgoff) {
        return pgoff >= (v.vmFile.size() + PAGE_SIZE - 1) >>> PAGE_SHIFT;
    }

    /** The page behind a file offset through {@code vm_ops->fault}; the fault is major if it had to be read in. */
    private Page filePage(VmArea v, long pgoff) {
        return v.vmOps.fault(v, pgoff, this);
    }

    @Override
    public Page pageCachePage(Inode inode, long index) {
        Page p = inode.findPage(index);
        if (p == null) {
            p = vfs.findOrCreatePage(inode, index);
            if (p != null && inode.diskBacked()) {
                majorPending = true;
            }
        }
        return p;
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

    private void mapFilePage(MmStruct mm, VmArea v, long address, Page page, boolean write) {
        page.get();
        page.addMapcount(1);
        addRss(mm, counterOf(page), 1);
        if (write) {
            v.vmOps.pageMkwrite(v, page);
        }
    }

    /** {@code do_read_fault}: fault-around maps the cached pages near the address, then the faulting page itself if still missing. */
    private int doReadFault(MmStruct mm, VmArea v, long address) {
        if (v.vmFile != null && pastEof(v, v.linearPageIndex(address))) {
            return FAULT_SIGBUS;
        }
        if (v.vmFile != null) {
            doFaultAround(mm, v, address);
            if (mm.pgd.get(address) != 0) {
                return FAULT_MINOR;
            }
        }
        Page page = filePage(v, v.linearPageIndex(address));
        if (page == null) {
            return FAULT_OOM;
        }
        boolean special = v.vmFile == null;
        if (special && (v.vmFlags & VM_PFNMAP) != 0) {
            long pte = (page.pfn() << PAGE_SHIFT) | v.pageProt() | PageTable.PTE_ACCESSED;
            return mm.pgd.set(address, pte) < 0 ? FAULT_OOM : FAULT_MINOR;
        }
        if (mm.pgd.set(address, mkPte(v, page, false)) < 0) {
            return FAULT_OOM;
        }
        if (special) {
            page.get();
            page.addMapcount(1);
            addRss(mm, MmStruct.MM_FILEPAGES, 1);
        } else {
            mapFilePage(mm, v, address, page, false);
        }
        return FAULT_MINOR;
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
            mapFilePage(mm, v, a, page, false);
        }
    }

    /** {@code do_cow_fault}: a write to a private file page never mapped here: a private copy right away. */
    private int doCowFault(MmStruct mm, VmArea v, long address) {
        long pgoff = v.linearPageIndex(address);
        if (pastEof(v, pgoff)) {
            return FAULT_SIGBUS;
        }
        if (!anonVmaPrepare(v)) {
            return FAULT_OOM;
        }
        Page src = filePage(v, pgoff);
        if (src == null) {
            return FAULT_OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return FAULT_OOM;
        }
        copyPage(src, page);
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            memory.freePages(page, 0);
            return FAULT_OOM;
        }
        addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        return FAULT_MINOR;
    }

    /** {@code do_shared_fault}: a write to a shared file page: map the page-cache page writable after page_mkwrite. */
    private int doSharedFault(MmStruct mm, VmArea v, long address) {
        long pgoff = v.linearPageIndex(address);
        if (pastEof(v, pgoff)) {
            return FAULT_SIGBUS;
        }
        Page page = filePage(v, pgoff);
        if (page == null) {
            return FAULT_OOM;
        }
        if (mm.pgd.set(address, mkPte(v, page, true)) < 0) {
            return FAULT_OOM;
        }
        mapFilePage(mm, v, address, page, true);
        return FAULT_MINOR;
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
    private int doWpPage(MmStruct mm, VmArea v, long address, long pte) {
        Page old = normalPage(pte);
        if ((v.vmFlags & VM_SHARED) != 0) {
            if (old != null) {
                v.vmOps.pageMkwrite(v, old);
            }
            mm.pgd.update(address, pte | PageTable.PTE_RW | PageTable.PTE_DIRTY | PageTable.PTE_ACCESSED);
            return FAULT_MINOR;
        }
        if (old != null && old.mapping() instanceof AnonVma && old.refcount() == 1) {
            mm.pgd.update(address, pte | PageTable.PTE_RW | PageTable.PTE_DIRTY | PageTable.PTE_ACCESSED);
            vmstat.cowReuse++;
            return FAULT_MINOR;
        }
        if (!anonVmaPrepare(v)) {
            return FAULT_OOM;
        }
        Page page = allocUserPage();
        if (page == null) {
            return FAULT_OOM;
        }
        if (old != null) {
            copyPage(old, page);
        }
        mm.pgd.update(address, mkPte(v, page, true));
        mm.tlbFlushes++;
        vmstat.cowCopies++;
        addNewAnonRmap(page, v, address);
        addRss(mm, MmStruct.MM_ANONPAGES, 1);
        if (old != null) {
            addRss(mm, counterOf(old), -1);
            old.addMapcount(-1);
            putPage(old);
        }
        if (tracer.enabled(VmTracepoints.MM_COW)) {
            tracer.event(VmTracepoints.MM_COW).field("address", hex(address))
                    .field("old_pfn", hex(old == null ? PageTable.pfn(pte) : old.pfn())).field("new_pfn", hex(page.pfn()))
                    .emit();
        }
        return FAULT_MINOR;
    }

    // ------------------------------------------------------------------ user copies

    /**
     * Copies bytes out of a task's memory as the task's own loads would (faulting pages in).
     *
     * @param t the task
     * @param addr user address
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len bytes
     * @throws UserFault at the first byte that cannot be read
     */
    public void copyFromUser(Task t, long addr, byte[] dst, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = addr + done;
            int n = (int) Math.min(PAGE_SIZE - (a & (PAGE_SIZE - 1)), len - done);
            memory.read(translate(t, a, false), dst, off + done, n);
            done += n;
        }
    }

    /**
     * Copies bytes into a task's memory as the task's own stores would (faulting pages in,
     * breaking copy-on-write).
     *
     * @param t the task
     * @param addr user address
     * @param src source
     * @param off offset in {@code src}
     * @param len bytes
     * @throws UserFault at the first byte that cannot be written
     */
    public void copyToUser(Task t, long addr, byte[] src, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = addr + done;
            int n = (int) Math.min(PAGE_SIZE - (a & (PAGE_SIZE - 1)), len - done);
            memory.write(translate(t, a, true), src, off + done, n);
            done += n;
        }
    }

    /**
     * Delivers a fault's signal to the task, whose default action kills its process: logs the
     * kernel's line ({@code show_signal_msg}: {@code comm[pid]: segfault at ADDR ip IP sp SP
     * error N in FILE[START+LEN]}) and ends the thread group with the signal (exit status 128 +
     * signal: 139 for SIGSEGV). Never returns for the calling task.
     *
     * @param t the faulting task (the caller)
     * @param f the fault
     */
    public void deliver(Task t, UserFault f) {
        scheduler.signals().exitBySignal(t, f.signal().number(), showSignal(t, f));
    }

    /**
     * Delivers a fault's signal to a task whose code is not running, for an access made on its
     * behalf while the machine is stopped (the runner's shell touching its memory, as a debugger
     * would): the same log line as {@link #deliver}, and the process dies of the signal. Returns
     * normally.
     *
     * @param t the task the access was made for
     * @param f the fault
     */
    public void deliverWhileStopped(Task t, UserFault f) {
        scheduler.signals().killProcess(t, f.signal().number(), showSignal(t, f));
    }

    /** {@code show_signal_msg} for SIGSEGV, rate-limited by {@code printk_ratelimit()}; returns the exit report of the killed task. */
    private String showSignal(Task t, UserFault f) {
        if (f.signal() == Signal.SIGSEGV) {
            long ip = userIp(t);
            StringBuilder sb = new StringBuilder(String.format("%s[%d]: segfault at %x ip %016x sp %016x error %x", t.comm(),
                    t.pid(), f.address(), ip, userSp(t), f.errorCode()));
            MmStruct mm = mm(t);
            VmArea v = mm == null ? null : mm.findVma(ip);
            if (v != null && v.vmStart <= ip && v.vmFile != null) {
                String path = v.vmFile.path();
                sb.append(String.format(" in %s[%x+%x]", path.substring(path.lastIndexOf('/') + 1), v.vmStart, v.length()));
            }
            if (log.printkRatelimit("show_signal_msg")) {
                log.printk(LogLevel.KERN_INFO, sb.toString());
            }
        }
        return t.comm() + "[" + t.pid() + "]: killed by " + f.getMessage();
    }

    // ------------------------------------------------------------------ OOM killer

    private boolean outOfMemory(int gfp, int order) {
        TaskVm victim = outOfMemoryKill(gfp, order, faulting);
        return victim != null && victim != faulting;
    }

    /**
     * {@code out_of_memory}: picks the process with the highest badness (RSS + page tables, the
     * points of {@code oom_badness}), logs the kernel's lines and kills it with SIGKILL. A victim
     * other than the allocating task dies at once and its memory is freed; the allocating task
     * itself is only marked and dies on its way back to user mode.
     *
     * @return the victim's state, or {@code null} if there was no candidate
     */
    private TaskVm outOfMemoryKill(int gfp, int order, TaskVm current) {
        Task victim = null;
        long best = -1;
        for (Task t : scheduler.allTasks()) {
            TaskVm tv = tasks.get(t);
            if (tv == null || tv.mm == null || t.exitTime() >= 0 || t.pid() == 1 || t.isKernelThread() || t != t.groupLeader()
                    || tv.oomKilled) {
                continue;
            }
            long points = tv.mm.rss() + (tv.mm.pgd.tablePages());
            if (points > best) {
                best = points;
                victim = t;
            }
        }
        if (victim == null) {
            return null;
        }
        Task cur = current == null ? null : current.task;
        String who = cur != null ? cur.comm() : scheduler.currentComm(scheduler.currentCpu());
        if (oomRateLimit.allow("oom_kill_process")) {
            log.printk(LogLevel.KERN_WARNING, String.format("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=0",
                    who, gfp, Gfp.describe(gfp), order));
        }
        MmStruct mm = tasks.get(victim).mm;
        log.printk(LogLevel.KERN_ERR, String.format(
                "Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB, UID:%d pgtables:%dkB oom_score_adj:0",
                victim.pid(), victim.comm(), mm.totalVm << 2, mm.rss(MmStruct.MM_ANONPAGES) << 2, mm.rss(MmStruct.MM_FILEPAGES) << 2,
                mm.rss(MmStruct.MM_SHMEMPAGES) << 2, victim.uid(), mm.pgd.tablePages() << 2));
        vmstat.oomKill++;
        if (tracer.enabled(VmTracepoints.MARK_VICTIM)) {
            tracer.event(VmTracepoints.MARK_VICTIM).field("pid", victim.pid()).field("comm", victim.comm())
                    .field("total_vm", (mm.totalVm << 2) + "kB").field("anon_rss", (mm.rss(MmStruct.MM_ANONPAGES) << 2) + "kB")
                    .field("file_rss", (mm.rss(MmStruct.MM_FILEPAGES) << 2) + "kB")
                    .field("shmem_rss", (mm.rss(MmStruct.MM_SHMEMPAGES) << 2) + "kB").field("uid", victim.uid())
                    .field("pgtables", (mm.pgd.tablePages() << 2) + "kB").emit();
        }
        TaskVm tv = tasks.get(victim);
        tv.oomKilled = true;
        if (tv != current) {
            killOomVictim(victim);
        }
        return tv;
    }

    /**
     * Kills the process of a task the OOM killer chose: its thread group dies of SIGKILL, the
     * task with the exit report {@code comm[pid]: killed by the OOM killer}. Linux's
     * {@code oom_kill_process} logs {@code Out of memory: Killed process PID (COMM) total-vm:…}
     * (see {@code outOfMemoryKill}) and {@code __oom_kill_process} sends SIGKILL to the victim's
     * thread group at once ({@code do_send_sig_info(SIGKILL, SEND_SIG_PRIV, victim,
     * PIDTYPE_TGID)}); a victim that is the allocating task itself is only marked
     * ({@code mark_oom_victim}) and dies when it returns to user mode and takes the pending
     * signal. This is where every victim dies: another task at once when it is chosen, the
     * allocating task on its way back to user mode (its system call's end), and a process whose
     * code is stopped after a call made on its behalf (the runner's shell, as a debugger
     * injecting the call). A process already dead stays as it is.
     *
     * @param t a task
     * @return whether the OOM killer chose {@code t}, which is dead now
     */
    public boolean killOomVictim(Task t) {
        TaskVm tv = tasks.get(t);
        if (tv == null || !tv.oomKilled) {
            return false;
        }
        scheduler.signals().killProcess(t, Signal.SIGKILL.number(), t.comm() + "[" + t.pid() + "]: killed by the OOM killer");
        return true;
    }

    /** The event counters of /proc/vmstat that address spaces move. */
    public static final class VmStat {
        long pgfault;
        long pgmajfault;
        long pgallocUser;
        long cowCopies;
        long cowReuse;
        long oomKill;

        /** @return page faults handled ({@code pgfault}) */
        public long pgfault() {
            return pgfault;
        }

        /** @return faults that needed I/O ({@code pgmajfault}) */
        public long pgmajfault() {
            return pgmajfault;
        }

        /** @return user pages allocated by faults */
        public long pgallocUser() {
            return pgallocUser;
        }

        /** @return copy-on-write copies in do_wp_page */
        public long cowCopies() {
            return cowCopies;
        }

        /** @return write faults that reused an exclusively owned page instead of copying it */
        public long cowReuse() {
            return cowReuse;
        }

        /** @return processes killed by the OOM killer ({@code oom_kill}) */
        public long oomKill() {
            return oomKill;
        }
    }
}
