package kernellab.core.proc;

import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import kernellab.core.fs.Inode;
import kernellab.core.mm.AnonVma;
import kernellab.core.mm.MemInfo;
import kernellab.core.mm.MmSnapshot;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.Page;
import kernellab.core.mm.PageFlag;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.TransparentHugepage;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.mm.VmArea;
import kernellab.core.mm.Zone;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

/**
 * The /proc files of process address spaces, in the formats of {@code fs/proc/task_mmu.c}
 * and {@code fs/proc/array.c}: /proc/PID/maps, status and statm, and the lines of /proc/vmstat
 * and /proc/zoneinfo ({@link ProcZoneinfo}) that count pages by use; smaps and smaps_rollup are
 * {@link ProcSmaps}.
 */
public final class ProcVm {

    /** The x86_64 vsyscall page's /proc/PID/maps line ({@code gate_vma}, execute-only). */
    private static final long VSYSCALL_END = VirtualMemory.VSYSCALL_ADDR + PhysicalMemory.PAGE_SIZE;

    private ProcVm() {
    }

    /**
     * Registers the files.
     *
     * @param procFs /proc
     * @param vm the address spaces
     * @param scheduler tasks and their states
     */
    public static void register(ProcFs procFs, VirtualMemory vm, Scheduler scheduler) {
        procFs.registerPerTask("maps", t -> maps(vm, t));
        procFs.registerPerTask("smaps", t -> ProcSmaps.smaps(vm, t));
        procFs.registerPerTask("smaps_rollup", t -> ProcSmaps.smapsRollup(vm, t));
        procFs.registerPerTask("status", t -> status(vm, scheduler, t));
        procFs.registerPerTask("statm", t -> statm(vm, t));
        procFs.register("/proc/vmstat", () -> vmstat(vm, scheduler));
        procFs.registerWritable("/sys/kernel/mm/transparent_hugepage/enabled", () -> vm.transparentHugepage().show(),
                text -> vm.setTransparentHugepage(TransparentHugepage.store(text)));
        PhysicalMemory memory = vm.physicalMemory();
        procFs.register("/proc/zoneinfo",
                () -> ProcZoneinfo.render(memory.buddy().zones(), memory.nrCpus(), nodeStats(vm, scheduler)));
    }

    /**
     * The line prefix of {@code show_vma_header_prefix}, padded for a name as {@code seq_pad}
     * does (to column 73 on 64-bit), followed by the name if there is one.
     */
    static void header(StringBuilder sb, long start, long end, String perms, long offset, int major, int minor, long ino,
            String name) {
        int mark = sb.length();
        sb.append(String.format("%08x-%08x %s %08x %02x:%02x %d ", start, end, perms, offset, major, minor, ino));
        if (name != null) {
            int width = 25 + 8 * 6 - 1;
            while (sb.length() - mark < width) {
                sb.append(' ');
            }
            sb.append(' ').append(name);
        }
        sb.append('\n');
    }

    static void header(StringBuilder sb, MmStruct mm, VmArea v) {
        boolean file = v.file() != null;
        header(sb, v.start(), v.end(), v.perms(), file ? v.pgoff() << PhysicalMemory.PAGE_SHIFT : 0,
                file ? v.file().devMajor() : 0, file ? v.file().devMinor() : 0, file ? v.file().ino() : 0,
                MmSnapshot.nameOf(mm, v));
    }

    static boolean hasGate(VirtualMemory vm) {
        return vm.levels() == 4;
    }

    /** The gate VMA's line ([vsyscall], execute-only), which maps and smaps print after the mm's VMAs. */
    static void vsyscallHeader(StringBuilder sb) {
        header(sb, VirtualMemory.VSYSCALL_ADDR, VSYSCALL_END, "--xp", 0, 0, 0, 0, "[vsyscall]");
    }

    /**
     * @param vm the address spaces
     * @param t a task
     * @return /proc/PID/maps: one line per VMA, then [vsyscall] on 4-level machines; empty for a kernel thread
     */
    public static String maps(VirtualMemory vm, Task t) {
        MmStruct mm = vm.mm(t);
        if (mm == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (VmArea v : mm.vmas()) {
            header(sb, mm, v);
        }
        if (hasGate(vm)) {
            vsyscallHeader(sb);
        }
        return sb.toString();
    }

    private static String stateName(Task t) {
        return switch (t.state()) {
            case RUNNING -> "R (running)";
            case INTERRUPTIBLE -> "S (sleeping)";
            case UNINTERRUPTIBLE -> "D (disk sleep)";
            case ZOMBIE -> "Z (zombie)";
            case DEAD -> "X (dead)";
        };
    }

    /**
     * /proc/PID/status as {@code proc_pid_status} prints it, with the identity lines, the
     * {@code task_mem} block (VmPeak … VmSwap, only for tasks with an mm), Threads, the CPU
     * list and the context-switch counts; the signal, capability, seccomp and speculation lines
     * of a real kernel are left out.
     *
     * @param vm the address spaces
     * @param scheduler the scheduler
     * @param t a task
     * @return the file
     */
    public static String status(VirtualMemory vm, Scheduler scheduler, Task t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Name:\t").append(t.comm()).append('\n');
        sb.append("Umask:\t0022\n");
        sb.append("State:\t").append(stateName(t)).append('\n');
        sb.append("Tgid:\t").append(t.tgid()).append('\n');
        sb.append("Ngid:\t0\n");
        sb.append("Pid:\t").append(t.pid()).append('\n');
        sb.append("PPid:\t").append(t.ppid()).append('\n');
        sb.append("TracerPid:\t0\n");
        sb.append(String.format("Uid:\t%d\t%d\t%d\t%d%n", t.uid(), t.uid(), t.uid(), t.uid()));
        sb.append(String.format("Gid:\t%d\t%d\t%d\t%d%n", t.uid(), t.uid(), t.uid(), t.uid()));
        sb.append("FDSize:\t64\n");
        sb.append("Groups:\t \n");
        sb.append("NStgid:\t").append(t.tgid()).append('\n');
        sb.append("NSpid:\t").append(t.pid()).append('\n');
        sb.append("NSpgid:\t").append(t.tgid()).append('\n');
        sb.append("NSsid:\t").append(t.tgid()).append('\n');
        MmStruct mm = vm.mm(t);
        if (mm != null) {
            long text = text(mm);
            long lib = (mm.execVm() << 2) - text;
            sb.append(String.format("VmPeak:\t%8d kB%n", mm.hiwaterVm() << 2));
            sb.append(String.format("VmSize:\t%8d kB%n", mm.totalVm() << 2));
            sb.append(String.format("VmLck:\t%8d kB%n", mm.lockedVm() << 2));
            sb.append(String.format("VmPin:\t%8d kB%n", 0));
            sb.append(String.format("VmHWM:\t%8d kB%n", mm.hiwaterRss() << 2));
            sb.append(String.format("VmRSS:\t%8d kB%n", mm.rss() << 2));
            sb.append(String.format("RssAnon:\t%8d kB%n", mm.rss(MmStruct.MM_ANONPAGES) << 2));
            sb.append(String.format("RssFile:\t%8d kB%n", mm.rss(MmStruct.MM_FILEPAGES) << 2));
            sb.append(String.format("RssShmem:\t%8d kB%n", mm.rss(MmStruct.MM_SHMEMPAGES) << 2));
            sb.append(String.format("VmData:\t%8d kB%n", mm.dataVm() << 2));
            sb.append(String.format("VmStk:\t%8d kB%n", mm.stackVm() << 2));
            sb.append(String.format("VmExe:\t%8d kB%n", text));
            sb.append(String.format("VmLib:\t%8d kB%n", lib));
            sb.append(String.format("VmPTE:\t%8d kB%n", mm.pgtablesBytes() >> 10));
            sb.append(String.format("VmSwap:\t%8d kB%n", 0));
            sb.append(String.format("HugetlbPages:\t%8d kB%n", 0));
        }
        sb.append("CoreDumping:\t0\n");
        sb.append("THP_enabled:\t1\n");
        sb.append("Threads:\t").append(t.threadCount()).append('\n');
        BitSet cpus = t.cpusAllowed();
        sb.append("Cpus_allowed:\t").append(cpuMask(cpus, scheduler.nrCpus())).append('\n');
        sb.append("Cpus_allowed_list:\t").append(cpuList(cpus)).append('\n');
        sb.append("voluntary_ctxt_switches:\t").append(t.nvcsw()).append('\n');
        sb.append("nonvoluntary_ctxt_switches:\t").append(t.nivcsw()).append('\n');
        return sb.toString();
    }

    /** {@code (PAGE_ALIGN(end_code) - (start_code & PAGE_MASK)) >> 10}. */
    private static long text(MmStruct mm) {
        long end = (mm.endCode() + PhysicalMemory.PAGE_SIZE - 1) & -PhysicalMemory.PAGE_SIZE;
        return (end - (mm.startCode() & -PhysicalMemory.PAGE_SIZE)) >> 10;
    }

    private static String cpuMask(BitSet cpus, int nrCpus) {
        StringBuilder hex = new StringBuilder();
        int digits = Math.max(1, (nrCpus + 3) / 4);
        for (int d = digits - 1; d >= 0; d--) {
            int v = 0;
            for (int b = 0; b < 4; b++) {
                if (cpus.get(d * 4 + b)) {
                    v |= 1 << b;
                }
            }
            hex.append(Character.forDigit(v, 16));
            if (d > 0 && d % 8 == 0) {
                hex.append(',');
            }
        }
        return hex.toString();
    }

    private static String cpuList(BitSet cpus) {
        StringBuilder sb = new StringBuilder();
        for (int i = cpus.nextSetBit(0); i >= 0; ) {
            int j = i;
            while (cpus.get(j + 1)) {
                j++;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(i == j ? Integer.toString(i) : i + "-" + j);
            i = cpus.nextSetBit(j + 1);
        }
        return sb.toString();
    }

    /**
     * @param vm the address spaces
     * @param t a task
     * @return /proc/PID/statm: size resident shared text lib data dt, in pages
     */
    public static String statm(VirtualMemory vm, Task t) {
        MmStruct mm = vm.mm(t);
        if (mm == null) {
            return "0 0 0 0 0 0 0\n";
        }
        long shared = mm.rss(MmStruct.MM_FILEPAGES) + mm.rss(MmStruct.MM_SHMEMPAGES);
        return String.format("%d %d %d %d 0 %d 0%n", mm.totalVm(), shared + mm.rss(MmStruct.MM_ANONPAGES), shared,
                text(mm) >> 2, mm.dataVm() + mm.stackVm());
    }

    /**
     * @param vm the address spaces
     * @param scheduler the tasks
     * @return the lines of /proc/vmstat this simulation keeps, in the kernel's order: the
     *         free-page counters, the NUMA events, the node's counters ({@link #nodeStats}), then
     *         the events: pages allocated per zone ({@code pgalloc_dma} … {@code pgalloc_device}),
     *         faults, OOM kills and transparent huge pages allocated, fallen back and split
     */
    public static String vmstat(VirtualMemory vm, Scheduler scheduler) {
        var st = vm.vmstat();
        List<Zone> zones = vm.physicalMemory().buddy().zones();
        StringBuilder sb = new StringBuilder();
        sb.append("nr_free_pages ").append(zones.stream().mapToLong(Zone::freePages).sum()).append('\n');
        sb.append("nr_free_pages_blocks ").append(zones.stream().mapToLong(Zone::freePagesBlocks).sum()).append('\n');
        sb.append("nr_free_cma 0\n");
        ProcZoneinfo.numaStats(zones.stream().mapToLong(Zone::numaHit).sum())
                .forEach((name, value) -> sb.append(name).append(' ').append(value).append('\n'));
        nodeStats(vm, scheduler).forEach((name, value) -> sb.append(name).append(' ').append(value).append('\n'));
        for (Zone z : zones) {
            sb.append("pgalloc_").append(z.name().toLowerCase(Locale.ROOT)).append(' ').append(z.pgalloc()).append('\n');
        }
        sb.append("pgfault ").append(st.pgfault()).append('\n');
        sb.append("pgmajfault ").append(st.pgmajfault()).append('\n');
        sb.append("oom_kill ").append(st.oomKill()).append('\n');
        long[] thp = vm.physicalMemory().thpEvents();
        sb.append("thp_fault_alloc ").append(thp[0]).append('\n');
        sb.append("thp_fault_fallback ").append(thp[1]).append('\n');
        sb.append("thp_split_pmd ").append(thp[2]).append('\n');
        return sb.toString();
    }

    /**
     * The node's counters ({@code enum node_stat_item}) the simulation keeps, in the kernel's
     * order, as /proc/vmstat and /proc/zoneinfo's {@code per-node stats} name them: slab pages,
     * anonymous and file-mapped pages (each frame once, however many page tables map it), the page
     * cache with its dirty and shmem parts, PMD-mapped anonymous huge pages (counted in 2 MiB
     * units, {@code vmstat_item_print_in_thp}), kernel stacks in kB ({@code NR_KERNEL_STACK_KB}) and
     * page-table pages.
     *
     * @param vm the address spaces
     * @param scheduler the tasks
     * @return the counters by name
     */
    static Map<String, Long> nodeStats(VirtualMemory vm, Scheduler scheduler) {
        MemInfo mi = vm.physicalMemory().memInfo();
        Set<Long> anon = new HashSet<>();
        Set<Long> mapped = new HashSet<>();
        Set<MmStruct> seen = new HashSet<>();
        for (Task t : scheduler.allTasks()) {
            MmStruct mm = vm.mm(t);
            if (mm == null || !seen.add(mm)) {
                continue;
            }
            mm.pageTable().forEach(0, mm.taskSize(), (a, pte) -> {
                Page p = vm.normalPage(pte);
                if (p != null) {
                    if (p.mapping() instanceof AnonVma) {
                        anon.add(p.pfn());
                    } else {
                        mapped.add(p.pfn());
                    }
                }
            });
        }
        long file = 0;
        long shmem = 0;
        long dirty = 0;
        for (String path : vm.vfs().paths()) {
            Inode inode = vm.vfs().lookup(path);
            for (Page p : inode.cachedPages()) {
                file++;
                if (!inode.diskBacked()) {
                    shmem++;
                }
                if (p.test(PageFlag.DIRTY)) {
                    dirty++;
                }
            }
        }
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("nr_slab_reclaimable", mi.slabReclaimable());
        stats.put("nr_slab_unreclaimable", mi.slabUnreclaimable());
        stats.put("nr_anon_pages", (long) anon.size());
        stats.put("nr_mapped", (long) mapped.size());
        stats.put("nr_file_pages", file);
        stats.put("nr_dirty", dirty);
        stats.put("nr_shmem", shmem);
        stats.put("nr_anon_transparent_hugepages", mi.anonThps());
        stats.put("nr_kernel_stack", mi.kernelStack() << (PhysicalMemory.PAGE_SHIFT - 10));
        stats.put("nr_page_table_pages", mi.pageTables());
        return stats;
    }
}
