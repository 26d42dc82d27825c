package kernellab.core.mm;

import static kernellab.core.mm.PhysicalMemory.PAGE_SIZE;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kernellab.api.Errno;
import kernellab.core.fs.Vfs;
import kernellab.core.printk.KernelLog;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskLifecycleListener;
import kernellab.core.trace.Tracer;

/**
 * Process address spaces: the facade of the kernel's user-memory code, each part in the class
 * named after the kernel file it mirrors (all in this package, sharing their internals the way
 * {@code mm/vma_internal.h} does):
 *
 * <ul>
 * <li>{@link MmFork} ({@code kernel/fork.c}): a thread shares the parent's {@link MmStruct}; a
 * process gets a copy ({@code dup_mmap}) whose private pages are shared copy-on-write; exit drops
 * the mm and the last user frees everything ({@code mmput}).</li>
 * <li>{@link Exec} ({@code fs/exec.c}, {@code fs/binfmt_elf.c}): the fresh x86_64 layout of
 * {@link #exec}.</li>
 * <li>{@link Mmap} ({@code mm/mmap.c}), {@link Vma} ({@code mm/vma.c}), {@link Mprotect},
 * {@link Madvise} and {@link Msync}: mmap, munmap, brk, mprotect, madvise and msync with Linux's
 * argument checks, errno values, VMA split and merge rules and {@code max_map_count}.</li>
 * <li>{@link Memory} ({@code mm/memory.c}): demand paging ({@code handle_mm_fault}, returning a
 * {@link VmFault}): anonymous read faults map the zero page, writes get a zeroed page (or a
 * 2 MiB one, {@link TransparentHugepage}), file faults go through the page cache with
 * fault-around, write faults on present read-only pages copy on write unless the page is
 * exclusively owned; {@link Rmap} ({@code mm/rmap.c}) keeps the anon_vmas.</li>
 * <li>{@link X86Fault} ({@code arch/x86/mm/fault.c}): bad accesses become {@link UserFault}s,
 * which {@link #deliver} turns into the fatal signal with the kernel's {@code segfault at …}
 * log line.</li>
 * <li>{@link OomKill} ({@code mm/oom_kill.c}), installed as the page allocator's
 * {@link OutOfMemoryHandler}; {@link VmStat} counts the events of /proc/vmstat.</li>
 * </ul>
 *
 * All methods run on the simulation thread (inside system calls or while the engine is stopped).
 */
public final class VirtualMemory implements TaskLifecycleListener {

    /** {@code vm.max_map_count} default. */
    public static final int DEFAULT_MAX_MAP_COUNT = 65_530;

    /** The start of the legacy vsyscall page shown at the end of /proc/PID/maps on x86_64. */
    public static final long VSYSCALL_ADDR = 0xffffffffff600000L;

    /** Path of the dynamic loader of the simulated distribution. */
    public static final String LD_SO = Exec.LD_SO;
    /** Path of the C library of the simulated distribution. */
    public static final String LIBC = Exec.LIBC;

    final Scheduler scheduler;
    final KernelCaches caches;
    final TaskMemoryHooks hooks;
    final KernelLog log;
    final Tracer tracer;
    final Map<Task, TaskVm> tasks = new IdentityHashMap<>();
    private final PhysicalMemory phys;
    private final Vfs vfs;
    private final int levels;
    private final long taskSize;
    private final VmStat vmstat = new VmStat();
    private TransparentHugepage thp = TransparentHugepage.MADVISE;
    private int maxMapCount = DEFAULT_MAX_MAP_COUNT;

    /* The parts, one per kernel file; they reach each other through these fields. */
    final Vma vma;
    final Rmap rmap;
    final Memory memory;
    final Mmap mmap;
    final Mprotect mprotect;
    final Madvise madvise;
    final Msync msync;
    final MmFork fork;
    final Exec exec;
    final X86Fault x86;
    final OomKill oom;

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
        this.phys = memory;
        this.caches = caches;
        this.hooks = hooks;
        this.log = log;
        this.vfs = vfs;
        this.tracer = scheduler.tracer();
        this.levels = levels;
        this.taskSize = (1L << (PageTable.addressBits(levels) - 1)) - PAGE_SIZE;
        this.vma = new Vma(this);
        this.rmap = new Rmap(this);
        this.memory = new Memory(this);
        this.mmap = new Mmap(this);
        this.mprotect = new Mprotect(this);
        this.madvise = new Madvise(this);
        this.msync = new Msync(this);
        this.fork = new MmFork(this);
        this.exec = new Exec(this, aslr, seed);
        this.x86 = new X86Fault(this);
        this.oom = new OomKill(this);
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
        return phys;
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
        return memory.normalPage(pte);
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
        return memory.kernelPages();
    }

    /** @return the shared zero page's frame number, or -1 before any read fault needed it */
    public long zeroPfn() {
        return memory.zeroPfn();
    }

    // ------------------------------------------------------------------ task life cycle

    TaskVm taskVm(Task t) {
        return tasks.computeIfAbsent(t, TaskVm::new);
    }

    MmStruct requireMm(Task t) {
        MmStruct mm = mm(t);
        if (mm == null) {
            throw new Errno(Errno.EFAULT);
        }
        return mm;
    }

    @Override
    public void onFork(Task parent, Task child) {
        fork.copyMm(parent, child);
    }

    @Override
    public void onExit(Task task) {
        TaskVm tv = tasks.get(task);
        if (tv != null && tv.mm != null) {
            fork.mmput(tv.mm);
            tv.mm = null;
        }
    }

    @Override
    public void onRelease(Task task) {
        tasks.remove(task);
    }

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
        exec.exec(t, path, argv, envp);
    }

    /**
     * @param t a task
     * @return a plausible user instruction pointer inside its program's text, for reports; 0
     *         for a task that runs no exec'ed program (a synthetic behaviour has no user code)
     */
    public long userIp(Task t) {
        return exec.userIp(t);
    }

    /**
     * @param t a task
     * @return a plausible user stack pointer (a few frames below the initial one), for reports;
     *         0 for a task that runs no exec'ed program
     */
    public long userSp(Task t) {
        return exec.userSp(t);
    }

    // ------------------------------------------------------------------ system calls

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
        return mmap.mmap(t, addr, length, prot, flags, fd, offset);
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
        mmap.munmap(t, addr, length);
    }

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
        return mmap.brk(t, addr);
    }

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
        mprotect.mprotect(t, start, length, prot);
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
        msync.msync(t, start, length, flags);
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
        madvise.madvise(t, start, length, advice);
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
        return Vma.canMerge(left, right);
    }

    // ------------------------------------------------------------------ user accesses and their faults

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
        return x86.translate(t, address, write);
    }

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
            phys.read(translate(t, a, false), dst, off + done, n);
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
            phys.write(translate(t, a, true), src, off + done, n);
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
        x86.deliver(t, f);
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
        x86.deliverWhileStopped(t, f);
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
        return oom.killOomVictim(t);
    }
}
