package kernellab.core.mm;

import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.core.MachineConfig;
import kernellab.core.sched.Task;

/** fork, threads, exec layouts for each page-table depth, page walks, exit and the OOM killer. */
class AddressSpaceLifecycleTest {

    private static final int RW = PROT_READ | PROT_WRITE;

    @Test
    void aPageWalkShowsEachLevelsIndexAndEntry() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("walk", (Syscalls sys) -> {
                long p = sys.malloc(16);
                sys.writeInt(p, 1);
                for (PageTable.WalkStep s : h.vm().pageWalk(h.k.scheduler().task(sys.getpid()), p)) {
                    log.add(s.level() + " " + s.index() + " " + Long.toHexString(s.entry() & 0x8000000000000fffL) + " "
                            + (PageTable.pfn(s.entry()) > 0));
                }
                for (PageTable.WalkStep s : h.vm().pageWalk(h.k.scheduler().task(sys.getpid()), 0x1_0000_0000L)) {
                    log.add(s.level() + " " + s.index() + " " + Long.toHexString(s.entry()));
                }
            });
            h.runToEnd();
        }
        assertEquals(List.of("PGD 170 67 true", "PUD 341 67 true", "PMD 170 67 true", "PTE 345 8000000000000067 true",
                "PGD 0 0"), log.entries);
    }

    @Test
    void threeAndTwoLevelMachinesHaveSmallerAddressSpaces() {
        for (int levels : new int[] {3, 2}) {
            VmHarness.Log log = new VmHarness.Log();
            try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).pageTableLevels(levels).build())) {
                h.launch("small", (Syscalls sys) -> {
                    long p = sys.malloc(16);
                    sys.writeInt(p, 1);
                    Task t = h.k.scheduler().task(sys.getpid());
                    log.add(Long.toHexString(h.vm().taskSize()) + " " + Long.toHexString(p));
                    log.add(h.vm().pageWalk(t, p).size());
                    String maps = h.maps(sys.getpid());
                    log.add(maps.substring(0, maps.indexOf(' ')));
                    log.add(maps.contains("vsyscall"));
                });
                h.runToEnd();
            }
            assertEquals(levels == 3 ? List.of("3ffffff000 2aaaaaf2a0", "3", "2aaaaaa000-2aaaaab000", "false")
                    : List.of("1ffff000 155592a0", "2", "15554000-15555000", "false"), log.entries);
        }
    }

    @Test
    void threadsShareTheMmAndExitFreesEverything() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            KernelCaches c = h.k.memory().kernelCaches();
            long vmas = c.vmAreaStruct().inuseObjects();
            long anonVmas = c.anonVma().inuseObjects();
            long free = h.k.memory().physicalMemory().memInfo().free();
            h.launch("family", (Syscalls sys) -> {
                long p = sys.mmap(0, 16 * 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                for (int i = 0; i < 16; i++) {
                    sys.writeInt(p + i * 4096L, i);
                }
                sys.createThread(t -> {
                    t.writeInt(p, 42);
                    t.nanosleep(5 * VmHarness.MS);
                });
                MmStruct mm = h.vm().mm(h.k.scheduler().task(sys.getpid()));
                log.add("users " + mm.mmUsers());
                int child = sys.fork(ch -> {
                    ch.writeInt(p + 4096, 7);
                    ch.nanosleep(5 * VmHarness.MS);
                });
                sys.nanosleep(1 * VmHarness.MS);
                log.add("child mm is a copy " + (h.vm().mm(h.k.scheduler().task(child)) != mm));
                sys.waitpid(child, 0);
                sys.nanosleep(10 * VmHarness.MS);
                log.add("users " + mm.mmUsers());
                log.add("parent keeps " + sys.readInt(p + 4096) + " " + sys.readInt(p));
            });
            h.runToEnd();
            assertEquals(vmas, c.vmAreaStruct().inuseObjects(), "every vm_area_struct freed");
            assertEquals(anonVmas, c.anonVma().inuseObjects(), "every anon_vma freed");
            assertEquals(0, h.k.memory().physicalMemory().memInfo().pageTables(), "every page table freed");
            long kept = h.vm().zeroPfn() < 0 ? 0 : 1;
            long cached = h.k.vfs().lookup(VirtualMemory.LD_SO).cachedPages().size();
            assertTrue(h.k.memory().physicalMemory().memInfo().free() >= free - kept - cached - 64,
                    "only the kernel's slabs and the page cache keep pages");
        }
        assertEquals(List.of("users 2", "child mm is a copy true", "users 1", "parent keeps 1 42"), log.entries);
    }

    /** @return the page frames typed {@code PG_table} ({@code PageTable(page)}) */
    private static long framesTypedTable(VmHarness h) {
        BuddyAllocator buddy = h.k.memory().physicalMemory().buddy();
        long n = 0;
        for (int pfn = 0; pfn < buddy.nrPages(); pfn++) {
            n += buddy.pfnToPage(pfn).test(PageFlag.TABLE) ? 1 : 0;
        }
        return n;
    }

    /**
     * exec writes the stack (PGD + PUD, PMD and PTE pages for its top), malloc's first block
     * writes the heap (a PUD, PMD and PTE page under another PGD entry): 7 table pages, each
     * typed PG_table and counted in PageTables; a mapping 1 GiB away adds a PMD and a PTE page.
     * Exit frees them all, and freed pages lose the type.
     */
    @Test
    void pageTablePagesAreTypedPgTableWhileInUse() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("tables", (Syscalls sys) -> {
                Task t = h.k.scheduler().task(sys.getpid());
                PageTable pgd = h.vm().mm(t).pgd;
                log.add(pgd.tablePages() + " " + framesTypedTable(h));
                long p = sys.malloc(16);
                sys.writeInt(p, 1);
                log.add(pgd.tablePages() + " " + framesTypedTable(h) + " " + h.k.memory().physicalMemory().memInfo().pageTables());
                long far = sys.mmap((p & -4096L) + (1L << 30), 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                sys.writeInt(far, 1);
                log.add(pgd.tablePages() + " " + framesTypedTable(h));
                sys.munmap(far, 4096);
                log.add(pgd.tablePages() + " " + framesTypedTable(h));
            });
            h.runToEnd();
            log.add(h.k.memory().physicalMemory().memInfo().pageTables() + " " + framesTypedTable(h));
        }
        assertEquals(List.of("4 4", "7 7 7", "9 9", "7 7", "0 0"), log.entries);
    }

    /**
     * The fault counters are the task's ({@code task_struct.min_flt}), not its address space's:
     * exit drops the mm and init reaps the zombie, and the counts are still there for reports.
     */
    @Test
    void faultCountersOutliveExitAndReaping() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            Task t = h.launch("toucher", (Syscalls sys) -> {
                log.add(sys.getrusage(Syscalls.RUSAGE_SELF).minflt());
                long p = sys.mmap(0, 10 * 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                for (int i = 0; i < 10; i++) {
                    sys.writeByte(p + i * 4096L, 1);
                }
                log.add(sys.getrusage(Syscalls.RUSAGE_SELF).minflt());
            });
            h.runToEnd();
            log.add(h.k.scheduler().task(t.pid()) == null ? "reaped" : t.state());
            h.k.runUntil(h.k.now() + VmHarness.MS);
            log.add(h.k.scheduler().task(t.pid()) == null ? "reaped" : t.state());
            log.add(t.minFlt() + " " + t.majFlt());
        }
        assertEquals(List.of("1", "11", "ZOMBIE", "reaped", "11 0"), log.entries, "1 fault for exec's stack, 10 for the pages");
    }

    /**
     * {@code wait} adds a reaped child's page faults to its parent's {@code cmin_flt}, which
     * {@code getrusage(RUSAGE_CHILDREN)} and /proc/PID/stat's cminflt report, as it adds their
     * context switches to {@code cnvcsw}; a grandchild's come along once its own parent has reaped it.
     */
    @Test
    void reapedChildrensPageFaultsAreTheParentsRusageChildren() {
        VmHarness.Log log = new VmHarness.Log();
        Task[] child = new Task[2];
        long[] switches = new long[2];
        try (VmHarness h = new VmHarness()) {
            h.launch("parent", (Syscalls sys) -> {
                log.add(sys.getrusage(Syscalls.RUSAGE_CHILDREN).minflt());
                int pid = sys.fork(c -> {
                    long p = c.mmap(0, 10 * 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    for (int i = 0; i < 10; i++) {
                        c.writeByte(p + i * 4096L, 1);
                    }
                    int grandchild = c.fork(g -> {
                        long q = g.mmap(0, 3 * 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                        for (int i = 0; i < 3; i++) {
                            g.writeByte(q + i * 4096L, 1);
                        }
                    });
                    child[1] = h.k.scheduler().task(grandchild);
                    c.waitpid(grandchild, 0);
                    log.add("child " + c.getrusage(Syscalls.RUSAGE_SELF).minflt() + " children "
                            + c.getrusage(Syscalls.RUSAGE_CHILDREN).minflt());
                });
                child[0] = h.k.scheduler().task(pid);
                log.add("before wait " + sys.getrusage(Syscalls.RUSAGE_CHILDREN).minflt());
                sys.waitpid(pid, 0);
                Rusage children = sys.getrusage(Syscalls.RUSAGE_CHILDREN);
                log.add("after wait " + children.minflt() + " " + children.majflt());
                switches[0] = children.nvcsw();
                switches[1] = children.nivcsw();
                String stat = h.k.procFs().read("/proc/" + sys.getpid() + "/stat");
                log.add("cminflt " + stat.split(" ")[10]);
            });
            h.runToEnd();
        }
        assertEquals(10, child[0].minFlt(), "the child's min_flt: its 10 fresh pages");
        assertEquals(child[0].nvcsw() + child[1].nvcsw(), switches[0], "cnvcsw");
        assertEquals(child[0].nivcsw() + child[1].nivcsw(), switches[1], "cnivcsw");
        assertTrue(switches[0] > 0, "the child blocked in wait");
        assertEquals(List.of("0", "before wait 0", "child 10 children 3", "after wait 13 0", "cminflt 13"), log.entries,
                "10 faults of the child and 3 of the grandchild it reaped");
    }

    @Test
    void theOomKillerKillsTheBiggestProcessAndTheOthersGoOn() {
        try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).memoryBytes(24L << 20).build())) {
            Task hog = h.launch("hog", (Syscalls sys) -> {
                long p = sys.mmap(0, 64L << 20, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                for (long off = 0; off < 64L << 20; off += 4096) {
                    sys.writeByte(p + off, 1);
                }
            });
            Task small = h.launch("small", (Syscalls sys) -> {
                long p = sys.malloc(100);
                sys.nanosleep(10 * VmHarness.MS);
                sys.free(p);
            });
            h.runToEnd();
            assertEquals(137, hog.shellExitStatus(), "SIGKILL");
            assertEquals(0, small.shellExitStatus());
            List<String> lines = h.k.memory().log().lines();
            String kill = lines.stream().filter(l -> l.contains("Out of memory")).findFirst().orElseThrow();
            assertTrue(kill.matches("Out of memory: Killed process 2 \\(hog\\) total-vm:\\d+kB, anon-rss:\\d+kB, file-rss:0kB, "
                    + "shmem-rss:0kB, UID:0 pgtables:\\d+kB oom_score_adj:0"), kill);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("hog invoked oom-killer: gfp_mask=")), String.join("\n", lines));
            assertEquals(1, h.vm().vmstat().oomKill());
        }
    }

    /**
     * Twelve hogs in turn on 24 MiB: twelve kills, each with its "Out of memory: Killed process"
     * line, but the "invoked oom-killer" header only for the first ten (oom_kill_process's
     * oom_rs: 10 per 5 s).
     */
    @Test
    void theOomKillersHeaderIsRateLimited() {
        try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).memoryBytes(24L << 20).build())) {
            for (int i = 0; i < 12; i++) {
                h.launch("hog", (Syscalls sys) -> {
                    long p = sys.mmap(0, 64L << 20, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                    for (long off = 0; off < 64L << 20; off += 4096) {
                        sys.writeByte(p + off, 1);
                    }
                });
            }
            h.runToEnd();
            List<String> lines = h.k.memory().log().lines();
            assertEquals(12, h.vm().vmstat().oomKill());
            assertEquals(12, lines.stream().filter(l -> l.startsWith("Out of memory: Killed process")).count());
            assertEquals(10, lines.stream().filter(l -> l.startsWith("hog invoked oom-killer: ")).count());
        }
    }

    /**
     * Twelve tasks write through a null pointer at once and a thirteenth 6 s later: the first ten
     * segfault lines are logged, then printk_ratelimit() refuses two until its 5 s interval is
     * over, and the late one first says how many were suppressed.
     */
    @Test
    void segfaultLinesGoThroughPrintkRatelimit() {
        try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).build())) {
            for (int i = 0; i < 12; i++) {
                h.launch("null", (Syscalls sys) -> sys.writeInt(0, 42));
            }
            h.launch("late", (Syscalls sys) -> {
                sys.nanosleep(6000 * VmHarness.MS);
                sys.writeInt(0, 42);
            });
            h.runToEnd();
            List<String> lines = h.k.memory().log().lines();
            assertEquals(10, lines.stream().filter(l -> l.startsWith("null[")).count(), String.join("\n", lines));
            assertEquals("show_signal_msg: 2 callbacks suppressed", lines.get(lines.size() - 2));
            assertTrue(lines.get(lines.size() - 1).startsWith("late[14]: segfault at 0 ip "), lines.get(lines.size() - 1));
        }
    }

    private static String mapsWithAslr(long seed) {
        String[] maps = new String[1];
        try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).seed(seed).aslr(true).build())) {
            h.launch("aslr", (Syscalls sys) -> {
                sys.free(sys.malloc(16));
                maps[0] = h.maps(sys.getpid());
            });
            h.runToEnd();
        }
        return maps[0];
    }

    @Test
    void aslrRandomizesTheLayoutFromTheSeedOnly() {
        String a = mapsWithAslr(1);
        assertEquals(a, mapsWithAslr(1), "same seed, same layout");
        String b = mapsWithAslr(2);
        assertTrue(!a.equals(b) && !a.startsWith("555555554000-") && !b.startsWith("555555554000-"), a + "\n" + b);
        assertEquals(23, a.lines().count());
    }
}
