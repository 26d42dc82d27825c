package kernellab.runner.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.core.sim.StopReason;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.BreakpointStatus;
import kernellab.runner.fixtures.MemoryHog;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

/** Event breakpoints and their filters on a machine driven in-process. */
class BreakpointsTest {

    private static final MachineSpec TWO_CPUS = new MachineSpec(2, null, null, 1L, null, null, null, null, null, null, null,
            null, 0L, null, null, null, null, null);
    private static final Workloads SYNTHETIC = new Workloads(List.of());

    private Simulation sim;

    @BeforeEach
    void boot() throws WorkloadException {
        sim = new Simulation(TWO_CPUS, new Workloads(List.of()), new StopCondition(null, true), 10_000_000L, 1 << 16);
        sim.launch(List.of(new WorkloadSpec("cpu-bound:30ms", "hog", 2, null, 0, 3, null, null, null, List.of()),
                new WorkloadSpec("io-bound:1ms:2ms:2", "io", 1, Policy.SCHED_NORMAL, 0, null, null, null, null, List.of())),
                SYNTHETIC);
    }

    @AfterEach
    void close() {
        sim.close();
    }

    private static BreakpointSpec spec(int id, BreakpointKind kind, Integer cpu, Integer pid, String comm, Policy policy,
            String cache, Integer minOrder, int hitCount) {
        return new BreakpointSpec(id, kind, true, cpu, pid, comm, policy, cache, null, null, minOrder, hitCount);
    }

    private TraceEvent runToStop() {
        Simulation.Outcome o = sim.advance(Long.MAX_VALUE);
        assertEquals(StopReason.Kind.BREAKPOINT, o.stop().kind(), o.toString());
        return sim.breakpoints().takeStopEvent();
    }

    @Test
    void commGlobMatchesTheNextTaskOfASwitch() {
        sim.breakpoints().set(List.of(spec(1, BreakpointKind.SCHED_SWITCH, null, null, "i?", null, null, null, 0)));
        TraceEvent e = runToStop();
        assertEquals("sched_switch", e.name());
        assertEquals("io", e.stringField("next_comm"));
        assertEquals(List.of(1), sim.breakpoints().stopIds());
    }

    /** io (pid 4, SCHED_NORMAL) waits for the WRR hogs' 30 ms, runs 1 ms, sleeps 2 ms: woken at 33 ms. */
    @Test
    void policyAndPidFiltersLookAtTheTaskTheEventIsAbout() {
        sim.breakpoints().set(List.of(spec(7, BreakpointKind.WAKEUP, null, 4, null, Policy.SCHED_NORMAL, null, null, 0)));
        TraceEvent e = runToStop();
        assertEquals("sched_wakeup", e.name());
        assertEquals(4L, e.longField("pid"));
        assertEquals(33_000_000L, e.timeNs());
        sim.breakpoints().set(List.of(spec(8, BreakpointKind.WAKEUP, null, 4, null, Policy.SCHED_WRR, null, null, 0)));
        assertEquals("all workloads exited", sim.advance(Long.MAX_VALUE).endReason());
    }

    @Test
    void aHitCountStopsOnceAtThatHit() {
        sim.breakpoints().set(List.of(spec(2, BreakpointKind.SCHED_SWITCH, 0, null, null, null, null, null, 3)));
        TraceEvent e = runToStop();
        assertEquals(0, e.cpu());
        assertEquals(List.of(new BreakpointStatus(2, true, null, 3)),
                sim.breakpoints().set(List.of(spec(2, BreakpointKind.SCHED_SWITCH, 0, null, null, null, null, null, 3))));
        assertEquals("all workloads exited", sim.advance(Long.MAX_VALUE).endReason());
        assertNull(sim.breakpoints().takeStopEvent());
    }

    /**
     * task_struct objects (5.5K) come 5 to an order-3 slab: init, the two hogs, io and the first
     * extra task fill one, so the next fork allocates an order-3 slab before its order-2 stack.
     */
    @Test
    void slabAndPageAllocationsFilteredByCacheAndOrder() throws WorkloadException {
        sim.breakpoints().set(List.of(spec(3, BreakpointKind.SLAB_ALLOC, null, null, null, null, "pid", null, 0)));
        sim.launch(List.of(WorkloadSpec.of("cpu-bound:1ms")), SYNTHETIC);
        TraceEvent e = runToStop();
        assertEquals("kmem_cache_alloc", e.name());
        assertEquals("pid", sim.memory().slabOf(Long.parseUnsignedLong(e.stringField("ptr"), 16)).cache().name());
        assertEquals(128L, e.longField("bytes_alloc"));

        sim.breakpoints().set(List.of(spec(4, BreakpointKind.PAGE_ALLOC, null, null, null, null, null, 3, 0),
                spec(5, BreakpointKind.PAGE_ALLOC, null, null, null, null, null, 2, 0)));
        sim.launch(List.of(WorkloadSpec.of("cpu-bound:1ms")), SYNTHETIC);
        e = runToStop();
        assertEquals("mm_page_alloc", e.name());
        assertEquals(3L, e.longField("order"));
        assertEquals(List.of(4, 5), sim.breakpoints().stopIds());
    }

    @Test
    void invalidBreakpointsAreNotInstalledAndSayWhy() {
        List<BreakpointStatus> s = sim.breakpoints().set(List.of(spec(1, BreakpointKind.SCHED_SWITCH, 5, null, null, null, null,
                null, 0), spec(2, BreakpointKind.SCHED_SWITCH, null, null, null, null, "pid", null, 0),
                spec(3, BreakpointKind.MIGRATION, null, null, null, null, null, 1, 0)));
        assertEquals(List.of(new BreakpointStatus(1, false, "no CPU 5 (the machine has 2)", 0),
                new BreakpointStatus(2, false, "a cache name applies to SLAB_ALLOC only", 0),
                new BreakpointStatus(3, false, "a minimum order applies to PAGE_ALLOC only", 0)), s);
        assertFalse(sim.advance(Long.MAX_VALUE).stop().kind() == StopReason.Kind.BREAKPOINT);
    }

    @Test
    void pageFaultAndOomBreakpointsStopAtTheMemoryEventsOfTheirTask() throws Exception {
        MachineSpec small = new MachineSpec(1, 32L << 20, null, 1L, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null);
        try (Simulation memory = new Simulation(small, new Workloads(List.of()), new StopCondition(null, true), 10_000_000L, 1 << 16)) {
            Workloads fixtures = new Workloads(List.of(
                    Path.of(MemoryHog.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
            int hog = memory.launch(List.of(WorkloadSpec.of(MemoryHog.class.getName())), fixtures).get(0).pid();
            memory.breakpoints().set(List.of(spec(1, BreakpointKind.PAGE_FAULT, null, hog, null, null, null, null, 0)));
            Simulation.Outcome fault = memory.advance(Long.MAX_VALUE);
            assertEquals(StopReason.Kind.BREAKPOINT, fault.stop().kind(), fault.toString());
            TraceEvent e = memory.breakpoints().takeStopEvent();
            assertEquals("page_fault_user", e.name());
            assertEquals(hog, e.pid());

            memory.breakpoints().set(List.of(spec(2, BreakpointKind.OOM, null, null, "MemoryHog", null, null, null, 0)));
            Simulation.Outcome oom = memory.advance(Long.MAX_VALUE);
            assertEquals(StopReason.Kind.BREAKPOINT, oom.stop().kind(), oom.toString());
            TraceEvent victim = memory.breakpoints().takeStopEvent();
            assertEquals("mark_victim", victim.name());
            assertEquals(hog, ((Number) victim.field("pid")).intValue());
        }
    }
}
