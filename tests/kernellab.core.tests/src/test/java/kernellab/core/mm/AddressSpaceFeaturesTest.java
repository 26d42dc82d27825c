package kernellab.core.mm;

import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_GROWSDOWN;
import static kernellab.api.Syscalls.MAP_POPULATE;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static kernellab.api.Syscalls.RUSAGE_SELF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;

/** find_vma and its cache, MAP_POPULATE, stack growth, shared anonymous memory, SIGBUS, tracepoints, snapshots. */
class AddressSpaceFeaturesTest {

    private static final long A = 0x1_0000_0000L;
    private static final int RW = PROT_READ | PROT_WRITE;

    @Test
    void findVmaAndItsRelativesFollowTheKernelsSemantics() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("find", (Syscalls sys) -> {
                sys.mmap(A, 0x2000, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                sys.mmap(A + 0x10000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                MmStruct mm = h.vm().mm(h.k.scheduler().task(sys.getpid()));
                VmArea a = mm.findVma(A);
                VmArea b = mm.findVma(A + 0x10000);
                assertSame(a, mm.findVma(A + 0x1fff), "inside");
                assertSame(b, mm.findVma(A + 0x2000), "in the gap: the next VMA above");
                assertSame(a, mm.findVmaPrev(A + 0x5000)[1]);
                assertSame(b, mm.findVmaPrev(A + 0x5000)[0]);
                assertNull(mm.findVmaIntersection(A + 0x2000, A + 0x10000), "the gap intersects nothing");
                assertSame(b, mm.findVmaIntersection(A + 0x2000, A + 0x10001));
                long hits = mm.cacheHits();
                long misses = mm.cacheMisses();
                mm.findVma(A + 0x10000);
                mm.findVma(A + 0x10800);
                mm.findVma(A);
                log.add((mm.cacheHits() - hits) + " hits " + (mm.cacheMisses() - misses) + " misses");
            });
            h.runToEnd();
        }
        assertEquals(List.of("2 hits 1 misses"), log.entries, "the last lookup before left the cache on the upper VMA");
    }

    @Test
    void mapPopulateFaultsEverythingInAtOnceAndGetrusageCountsIt() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("populate", (Syscalls sys) -> {
                long before = sys.getrusage(RUSAGE_SELF).minflt();
                long p = sys.mmap(0, 8 * 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
                log.add(sys.getrusage(RUSAGE_SELF).minflt() - before);
                sys.writeInt(p + 7 * 4096, 1);
                log.add(sys.getrusage(RUSAGE_SELF).minflt() - before);
            });
            h.runToEnd();
        }
        assertEquals(List.of("8", "8"), log.entries);
    }

    @Test
    void aGrowsDownMappingAndTheStackGrowWhenTouchedBelow() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("grow", (Syscalls sys) -> {
                sys.mmap(A + 0x10000, 0x1000, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, -1, 0);
                sys.writeInt(A + 0xe000, 5);
                log.add(h.region(sys.getpid(), A, 2 * A));
                long sp = sys.alloca(200_000);
                sys.writeInt(sp, 1);
                String maps = h.maps(sys.getpid());
                log.add(maps.substring(maps.indexOf("7ffff"), maps.indexOf("[stack]")).lines().reduce((x, y) -> y).orElse(""));
            });
            h.runToEnd();
        }
        assertEquals("10000e000-100011000 rw-p 00000000 00:00 0 \n", log.get(0));
        assertEquals("7ffffffcd000-7ffffffff000 rw-p 00000000 00:00 0                          ", log.get(1));
    }

    @Test
    void sharedAnonymousMemoryIsSharedWithTheChildAfterFork() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("shm", (Syscalls sys) -> {
                long p = sys.mmap(0, 4096, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
                long q = sys.mmap(0, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                int child = sys.fork(c -> {
                    c.writeInt(p, 42);
                    c.writeInt(q, 42);
                });
                sys.waitpid(child, 0);
                log.add(sys.readInt(p) + " " + sys.readInt(q));
                String maps = h.maps(sys.getpid());
                log.add(maps.lines().filter(l -> l.contains("/dev/zero")).findFirst().orElse("").substring(26));
            });
            h.runToEnd();
        }
        assertEquals(List.of("42 0", "rw-s 00000000 00:01 1024                       /dev/zero (deleted)"), log.entries);
    }

    @Test
    void touchingAMappingBeyondTheEndOfItsFileIsSigbus() {
        int[] status = new int[1];
        try (VmHarness h = new VmHarness()) {
            Task t = h.launch("bus", (Syscalls sys) -> {
                int fd = sys.open("/tmp/short", O_RDWR | O_CREAT);
                sys.write(fd, new byte[100]);
                long p = sys.mmap(0, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0);
                sys.readByte(p + 4095);
                sys.readByte(p + 4096);
            });
            h.runToEnd();
            status[0] = t.shellExitStatus();
            assertEquals("bus[2]: killed by SIGBUS (BUS_ADRERR) at 0x7ffff7d8e000", t.exitReport());
        }
        assertEquals(135, status[0]);
    }

    @Test
    void faultsAndMappingCallsAreTracepoints() {
        List<String> events = new ArrayList<>();
        try (VmHarness h = new VmHarness()) {
            h.k.tracer().addListener(e -> {
                events.add(e.toString());
                return false;
            }, VmTracepoints.PAGE_FAULT_USER, VmTracepoints.MMAP, VmTracepoints.MM_COW);
            h.launch("traced", (Syscalls sys) -> {
                long p = sys.mmap(A, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                sys.readInt(p);
                sys.writeInt(p, 1);
            });
            h.runToEnd();
        }
        List<String> mine = events.stream().filter(e -> e.contains("traced-2")).map(e -> e.substring(e.indexOf(": ") + 2))
                .toList();
        assertEquals(List.of(
                "mmap: addr=0x100000000 len=4096 prot=3 flags=0x32 ret=0x100000000",
                "page_fault_user: address=0x100000000 error_code=0x4 kind=anon_read_zero_page result=MINOR",
                "mm_cow_copy: address=0x100000000 old_pfn=" + "ZERO" + " new_pfn=NEW",
                "page_fault_user: address=0x100000000 error_code=0x6 kind=wp result=MINOR"),
                mine.stream().map(e -> e.replaceAll("old_pfn=0x[0-9a-f]+", "old_pfn=ZERO").replaceAll("new_pfn=0x[0-9a-f]+", "new_pfn=NEW"))
                        .toList());
    }

    @Test
    void aSnapshotDescribesEveryVmaForTheProcessMapsView() {
        MmSnapshot[] snap = new MmSnapshot[1];
        try (VmHarness h = new VmHarness()) {
            h.launch("snap", (Syscalls sys) -> {
                long p = sys.malloc(10);
                sys.writeInt(p, 1);
                snap[0] = h.vm().snapshot(h.k.scheduler().task(sys.getpid()));
                sys.free(p);
            });
            h.runToEnd();
        }
        MmSnapshot s = snap[0];
        assertEquals(22, s.vmas().size(), "the lines of /proc/PID/maps but [vsyscall], which is no VMA");
        assertEquals(s.mapCount(), s.vmas().size());
        MmSnapshot.Vma heap = s.vmas().get(5);
        assertEquals("[heap] 555555559000 rw-p rd wr mr mw me ac sd 132 4 4 4", heap.name() + " " + Long.toHexString(heap.start())
                + " " + heap.perms() + " " + heap.vmFlags() + " " + heap.sizeKb() + " " + heap.rssKb() + " " + heap.pssKb() + " "
                + heap.anonymousKb());
        assertEquals("/usr/bin/snap 08:01 1310722 4096", s.vmas().get(1).name() + " " + s.vmas().get(1).dev() + " "
                + s.vmas().get(1).inode() + " " + s.vmas().get(1).offset());
        assertEquals(0x555555559000L, s.startBrk());
    }

    @Test
    void aCopyOnWriteBreakpointStopsTheMachine() {
        try (VmHarness h = new VmHarness()) {
            h.k.tracer().addListener(e -> true, VmTracepoints.MM_COW);
            int[] step = new int[1];
            h.launch("stop", (Syscalls sys) -> {
                long p = sys.mmap(0, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                sys.readInt(p);
                step[0] = 1;
                sys.writeInt(p, 1);
                step[0] = 2;
                sys.nanosleep(1_000_000);
            });
            StopReason r = h.k.run(1_000_000_000L);
            assertEquals(StopReason.Kind.BREAKPOINT, r.kind());
            assertEquals("mm_cow_copy", r.event().tracepoint().name());
            assertEquals(1, step[0], "stopped inside the faulting store");
            h.runToEnd();
            assertEquals(2, step[0]);
        }
    }

    @Test
    void mapNoreserveLeavesTheMappingOutOfTheCommitCharge() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("noreserve", (Syscalls sys) -> {
                sys.mmap(A, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | Syscalls.MAP_NORESERVE, -1, 0);
                sys.mmap(A + 0x10000, 4096, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                String smaps = h.k.procFs().read("/proc/" + sys.getpid() + "/smaps");
                for (String start : new String[] {"100000000-", "100010000-"}) {
                    int i = smaps.indexOf(start);
                    log.add(smaps.substring(smaps.indexOf("VmFlags: ", i), smaps.indexOf('\n', smaps.indexOf("VmFlags: ", i))));
                }
            });
            h.runToEnd();
        }
        assertEquals(List.of("VmFlags: rd wr mr mw me nr sd ", "VmFlags: rd wr mr mw me ac sd "), log.entries);
    }

    @Test
    void aThreadGetsAnEightMegabyteStackWithAGuardPage() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("threads", (Syscalls sys) -> {
                sys.createThread(t -> t.nanosleep(1_000_000));
                log.add(h.region(sys.getpid(), 0x7ff000000000L, 0x7ffff7d93000L));
            });
            h.runToEnd();
        }
        assertEquals("""
                7ffff758f000-7ffff7590000 ---p 00000000 00:00 0\s
                7ffff7590000-7ffff7d93000 rw-p 00000000 00:00 0\s
                """, log.get(0), "glibc's allocate_stack: a PROT_NONE guard page below the 8 MiB stack, which merges with the "
                        + "anonymous TLS block above it");
    }
}
