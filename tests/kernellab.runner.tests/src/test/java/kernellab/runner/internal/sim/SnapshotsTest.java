package kernellab.runner.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import kernellab.core.mm.MemInfo;
import kernellab.core.mm.MmStruct;
import kernellab.core.sched.Task;
import kernellab.runner.fixtures.MemoryToucher;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.FrameOwner;
import kernellab.runner.protocol.FrameRun;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

/** The buddy snapshot's frame owners and the page walk's words for them; looking changes nothing. */
class SnapshotsTest {

    private static Map<FrameOwner, Long> pagesByOwner(BuddySnapshot buddy) {
        Map<FrameOwner, Long> pages = new EnumMap<>(FrameOwner.class);
        for (FrameRun r : buddy.frames()) {
            pages.merge(r.owner(), r.pages(), Long::sum);
        }
        return pages;
    }

    /**
     * {@link MemoryToucher} at 1 ms: 65 anonymous pages (64 written, exec's stack page), 8 page
     * tables (the PGD; a PUD, PMD and PTE page for the program at 0x555555554000; a PUD, a PMD
     * and two PTE pages, for the mappings below libc and for the stack, under 0x7f…), one
     * page-cache page (the program's text it read); each count equals the kernel's own counter.
     * At the exit the anonymous pages and the tables go back; the page cache keeps the text.
     */
    @Test
    void framesAreToldApartAsTheKernelDoes() throws Exception {
        MachineSpec machine = new MachineSpec(1, 64L << 20, null, null, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null);
        try (Simulation sim = new Simulation(machine, new Workloads(List.of()), new StopCondition(null, true), 1_000_000L, 1 << 16)) {
            Workloads fixtures = new Workloads(List.of(
                    Path.of(MemoryToucher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
            Task t = sim.launch(List.of(WorkloadSpec.of(MemoryToucher.class.getName())), fixtures).get(0);
            sim.advance(1_000_000L);
            MmStruct mm = sim.kernel().vm().mm(t);
            MemInfo info = sim.memory().memInfo();
            Map<FrameOwner, Long> pages = pagesByOwner(Snapshots.buddy(sim));
            assertEquals(65, pages.get(FrameOwner.ANON));
            assertEquals(mm.rss(MmStruct.MM_ANONPAGES), pages.get(FrameOwner.ANON));
            assertEquals(8, pages.get(FrameOwner.PAGE_TABLE));
            assertEquals(info.pageTables(), pages.get(FrameOwner.PAGE_TABLE));
            assertEquals(1, pages.get(FrameOwner.PAGE_CACHE));
            assertEquals(sim.kernel().vfs().lookup("/usr/bin/MemoryToucher").cachedPages().size(), pages.get(FrameOwner.PAGE_CACHE));
            assertEquals(info.free(), pages.get(FrameOwner.FREE));
            assertEquals(64L << 20 >> 12, pages.values().stream().mapToLong(Long::longValue).sum());

            PageWalk text = Snapshots.pageWalk(sim, t.pid(), mm.startCode());
            assertEquals("maps page frame 0x" + Long.toHexString(text.pfn()) + " (page cache page, mapped 1 time), read-only,"
                    + " physical address 0x" + Long.toHexString(text.physicalAddress()), text.explanation());

            sim.advance(Long.MAX_VALUE);
            Map<FrameOwner, Long> after = pagesByOwner(Snapshots.buddy(sim));
            assertNull(after.get(FrameOwner.ANON));
            assertNull(after.get(FrameOwner.PAGE_TABLE));
            assertEquals(1, after.get(FrameOwner.PAGE_CACHE));
        }
    }

    /** What the IDE's views see of a stopped machine: frames, run queues, slab caches, tasks, one address space, counters. */
    private static String state(Simulation sim, int pid) {
        return String.join("\n", String.valueOf(Snapshots.buddy(sim)), String.valueOf(Snapshots.runQueues(sim)),
                String.valueOf(Snapshots.slabs(sim)), String.valueOf(Snapshots.tasks(sim)),
                String.valueOf(Snapshots.processMaps(sim, pid)), sim.readFile("/proc/vmstat"), sim.readFile("/proc/meminfo"));
    }

    /**
     * The protocol's read-only requests on a stopped machine (2 CPUs with kernel threads,
     * {@link MemoryToucher} at 1 ms): reading its maps, smaps, status and pmap, its address
     * space, page walks (a mapped page, an unmapped address), the tasks, run queues, slab caches
     * and frames leave every one of those as it was, the {@code find_vma} cache counters of
     * processMaps included.
     */
    @Test
    void readingAStoppedMachineChangesNothing() throws Exception {
        MachineSpec machine = new MachineSpec(2, 64L << 20, null, 1L, null, null, null, null, null, null, null, Boolean.TRUE, 0L,
                null, null, null, null, null);
        try (Simulation sim = new Simulation(machine, new Workloads(List.of()), new StopCondition(null, true), 1_000_000L, 1 << 16)) {
            Workloads fixtures = new Workloads(List.of(
                    Path.of(MemoryToucher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
            Task t = sim.launch(List.of(WorkloadSpec.of(MemoryToucher.class.getName())), fixtures).get(0);
            sim.advance(1_000_000L);
            int pid = t.pid();
            long text = sim.kernel().vm().mm(t).startCode();
            Map<String, Consumer<Simulation>> reads = Map.ofEntries(
                    Map.entry("maps", s -> s.readFile("/proc/" + pid + "/maps")),
                    Map.entry("smaps", s -> s.readFile("/proc/" + pid + "/smaps")),
                    Map.entry("status", s -> s.readFile("/proc/" + pid + "/status")),
                    Map.entry("pmap -x", s -> s.readFile("pmap -x " + pid)),
                    Map.entry("processMaps", s -> Snapshots.processMaps(s, pid)),
                    Map.entry("pageWalk of the text", s -> Snapshots.pageWalk(s, pid, text)),
                    Map.entry("pageWalk of no VMA", s -> Snapshots.pageWalk(s, pid, 0x1000L)),
                    Map.entry("tasks", Snapshots::tasks),
                    Map.entry("runQueues", Snapshots::runQueues),
                    Map.entry("slabs", Snapshots::slabs),
                    Map.entry("buddy", Snapshots::buddy));
            String before = state(sim, pid);
            for (Map.Entry<String, Consumer<Simulation>> r : reads.entrySet()) {
                r.getValue().accept(sim);
                assertEquals(before, state(sim, pid), r.getKey());
            }
        }
    }
}
