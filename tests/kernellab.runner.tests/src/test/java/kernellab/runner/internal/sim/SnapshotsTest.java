package kernellab.runner.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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

/** The buddy snapshot's frame owners and the page walk's words for them. */
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
        MachineSpec machine = new MachineSpec(1, 64L << 20, null, null, null, null, null, null, null, null, null, null, 0L, null);
        try (Simulation sim = new Simulation(machine, new StopCondition(null, true), 1_000_000L, 1 << 16)) {
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
}
