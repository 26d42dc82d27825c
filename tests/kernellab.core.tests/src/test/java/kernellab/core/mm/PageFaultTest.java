package kernellab.core.mm;

import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_RDONLY;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.sched.Task;

/** Demand paging, the zero page, fault-around, major faults and copy-on-write, counted like Linux counts them. */
class PageFaultTest {

    private static final int RW = PROT_READ | PROT_WRITE;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    private static final long PAGE = 4096;

    /** Per-task counters as the workload sees them: minflt, majflt, RssAnon kB, RssFile kB. */
    private static String counters(VmHarness h, Syscalls sys) {
        Task t = h.k.scheduler().task(sys.gettid());
        MmStruct mm = h.vm().mm(t);
        return t.minFlt() + " " + t.majFlt() + " " + (mm.rss(MmStruct.MM_ANONPAGES) * 4) + " "
                + (mm.rss(MmStruct.MM_FILEPAGES) * 4);
    }

    private static String delta(String before, String after) {
        String[] b = before.split(" ");
        String[] a = after.split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : " ").append(Long.parseLong(a[i]) - Long.parseLong(b[i]));
        }
        return sb.toString();
    }

    @Test
    void touchingNFreshAnonymousPagesCostsNMinorFaults() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("touch", sys -> {
                long p = sys.mmap(0, 10 * PAGE, RW, ANON, -1, 0);
                String c0 = counters(h, sys);
                long pgfault = h.vm().vmstat().pgfault();
                for (int i = 0; i < 10; i++) {
                    sys.writeByte(p + i * PAGE + 100, 1);
                }
                log.add(delta(c0, counters(h, sys)));
                for (int i = 0; i < 10; i++) {
                    sys.writeByte(p + i * PAGE + 200, 2);
                }
                log.add(delta(c0, counters(h, sys)));
                log.add(h.vm().vmstat().pgfault() - pgfault);
            });
            h.runToEnd();
        }
        assertEquals(List.of("10 0 40 0", "10 0 40 0", "10"), log.entries, "one fault per page, none for the second touch");
    }

    /** The run's report lists reaped tasks with their numbers; their fault counts must not vanish with the task_struct. */
    @Test
    void aReapedChildKeepsItsFaultCounts() {
        int[] child = new int[1];
        try (VmHarness h = new VmHarness()) {
            h.launch("parent", sys -> {
                child[0] = sys.fork(c -> {
                    long p = c.mmap(0, 12 * PAGE, RW, ANON, -1, 0);
                    for (int i = 0; i < 12; i++) {
                        c.writeByte(p + i * PAGE, 1);
                    }
                });
                sys.waitpid(child[0], 0);
            });
            h.runToEnd();
            Task reaped = h.k.scheduler().allTasks().stream().filter(t -> t.pid() == child[0]).findFirst().orElseThrow();
            assertEquals(null, h.vm().mm(reaped), "its address space went at exit");
            assertEquals("12 0", reaped.minFlt() + " " + reaped.majFlt());
        }
    }

    @Test
    void readsMapTheZeroPageAndLaterWritesCopyIt() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("zero", sys -> {
                long p = sys.mmap(0, 4 * PAGE, RW, ANON, -1, 0);
                String c0 = counters(h, sys);
                long copies = h.vm().vmstat().cowCopies();
                for (int i = 0; i < 4; i++) {
                    log.add(sys.readInt(p + i * PAGE));
                }
                log.add(delta(c0, counters(h, sys)));
                Task t = h.k.scheduler().task(sys.getpid());
                log.add(PageTable.pfn(h.vm().mm(t).pageTable().get(p)) == h.vm().zeroPfn());
                for (int i = 0; i < 4; i++) {
                    sys.writeInt(p + i * PAGE, i);
                }
                log.add(delta(c0, counters(h, sys)));
                log.add(h.vm().vmstat().cowCopies() - copies);
            });
            h.runToEnd();
        }
        assertEquals(List.of("0", "0", "0", "0", "4 0 0 0", "true", "8 0 16 0", "4"), log.entries);
    }

    @Test
    void afterForkAChildWritingKPagesCostsKCopyOnWriteFaultsAndTheParentsWritesCostTheirs() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("cow", sys -> {
                long p = sys.mmap(0, 8 * PAGE, RW, ANON, -1, 0);
                for (int i = 0; i < 8; i++) {
                    sys.writeInt(p + i * PAGE, i);
                }
                long copies0 = h.vm().vmstat().cowCopies();
                int child = sys.fork(c -> {
                    String before = counters(h, c);
                    for (int i = 0; i < 5; i++) {
                        c.writeInt(p + i * PAGE, 100 + i);
                    }
                    log.add("child " + delta(before, counters(h, c)));
                    log.add("child sees " + c.readInt(p + 7 * PAGE));
                    c.nanosleep(50 * VmHarness.MS);
                });
                sys.nanosleep(10 * VmHarness.MS);
                log.add("copies " + (h.vm().vmstat().cowCopies() - copies0));
                String before = counters(h, sys);
                long flushes = h.vm().mm(h.k.scheduler().task(sys.getpid())).tlbFlushes();
                sys.writeInt(p, 1000);
                sys.writeInt(p + 7 * PAGE, 1007);
                log.add("parent while child lives " + delta(before, counters(h, sys)) + ", copies "
                        + (h.vm().vmstat().cowCopies() - copies0) + ", tlb flushes "
                        + (h.vm().mm(h.k.scheduler().task(sys.getpid())).tlbFlushes() - flushes));
                sys.waitpid(child, 0);
                long reuse = h.vm().vmstat().cowReuse();
                before = counters(h, sys);
                for (int i = 1; i < 7; i++) {
                    sys.writeInt(p + i * PAGE, 2000 + i);
                }
                log.add("parent after child exit " + delta(before, counters(h, sys)) + ", copies "
                        + (h.vm().vmstat().cowCopies() - copies0) + ", reused " + (h.vm().vmstat().cowReuse() - reuse));
                log.add("parent sees " + sys.readInt(p) + " " + sys.readInt(p + 4 * PAGE));
            });
            h.runToEnd();
        }
        assertEquals(List.of("child 5 0 0 0", "child sees 7", "copies 5",
                "parent while child lives 2 0 0 0, copies 6, tlb flushes 1",
                "parent after child exit 6 0 0 0, copies 6, reused 6", "parent sees 1000 2004"), log.entries);
    }

    @Test
    void fileReadFaultsMapSixteenCachedPagesAround() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("around", sys -> {
                int fd = sys.open("/tmp/big", O_RDWR | O_CREAT);
                sys.write(fd, new byte[32 * (int) PAGE]);
                long p = sys.mmap(0x1_0000_0000L, 32 * PAGE, PROT_READ, MAP_SHARED | Syscalls.MAP_FIXED, fd, 0);
                Task t = h.k.scheduler().task(sys.getpid());
                long f0 = t.minFlt();
                sys.readByte(p + 5 * PAGE);
                log.add((t.minFlt() - f0) + " " + h.vm().mm(t).rss(MmStruct.MM_SHMEMPAGES));
                for (int i = 0; i < 32; i++) {
                    sys.readByte(p + i * PAGE);
                }
                log.add((t.minFlt() - f0) + " " + h.vm().mm(t).rss(MmStruct.MM_SHMEMPAGES));
            });
            h.runToEnd();
        }
        assertEquals(List.of("1 16", "2 32"), log.entries, "tmpfs pages count as RssShmem; windows are 64 KiB aligned");
    }

    /**
     * A shared writable mapping of an ext4 file maps its pages read-only (vma_wants_writenotify),
     * so the first write to a page read before faults again (wp_page_shared, page_mkwrite); tmpfs
     * writes nothing back and maps the page writable at the read fault. Either way the write sets
     * the PTE's dirty bit.
     */
    @Test
    void aWriteAfterAReadFaultsAgainOnlyWhereTheFileSystemWritesBack() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("notify", sys -> {
                for (String path : List.of("/home/student/notes.txt", "/tmp/notes.txt")) {
                    int fd = sys.open(path, O_RDWR | O_CREAT);
                    sys.write(fd, new byte[(int) PAGE]);
                    long p = sys.mmap(0, PAGE, RW, MAP_SHARED, fd, 0);
                    Task t = h.k.scheduler().task(sys.getpid());
                    long f0 = t.minFlt();
                    sys.readByte(p);
                    long afterRead = t.minFlt() - f0;
                    sys.writeByte(p, 1);
                    long afterWrite = t.minFlt() - f0;
                    sys.writeByte(p + 1, 2);
                    log.add(path + ": read " + afterRead + ", write " + afterWrite + ", again " + (t.minFlt() - f0)
                            + ", pte dirty " + ((h.vm().mm(t).pgd.get(p) & PageTable.PTE_DIRTY) != 0));
                }
            });
            h.runToEnd();
        }
        assertEquals(List.of("/home/student/notes.txt: read 1, write 2, again 2, pte dirty true",
                "/tmp/notes.txt: read 1, write 1, again 1, pte dirty true"), log.entries);
    }

    @Test
    void aPageNotInThePageCacheIsAMajorFault() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("major", sys -> {
                int fd = sys.open("/usr/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY);
                long p = sys.mmap(0, 64 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
                String c0 = counters(h, sys);
                sys.readByte(p);
                sys.readByte(p + PAGE);
                log.add(delta(c0, counters(h, sys)));
                long q = sys.mmap(0, 64 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
                sys.readByte(q + PAGE);
                log.add(delta(c0, counters(h, sys)));
            });
            h.runToEnd();
        }
        assertEquals(List.of("0 2 0 8", "1 2 0 16"), log.entries,
                "two disk reads; the second mapping's fault-around maps both cached pages with one minor fault");
    }
}
