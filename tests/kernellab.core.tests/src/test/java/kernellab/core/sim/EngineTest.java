package kernellab.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceEvent;

class EngineTest {

    private static final long MS = 1_000_000L;

    /** A mixed machine: synthetic tasks of every kind and coroutines that fork, sleep and change weights. */
    private static String trace(long seed) {
        StringBuilder sb = new StringBuilder();
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(3).seed(seed).balancePeriodMs(100).build())) {
            k.tracer().addListener(e -> {
                sb.append(e).append('\n');
                return false;
            });
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(3).weight(4).build());
            k.launch(TaskSpec.of("rio", SyntheticWorkload.randomIo(2 * MS, 5 * MS, 0)).count(4).build());
            k.launch(TaskSpec.of("per", SyntheticWorkload.periodic(20 * MS, 3 * MS, 0)).policy(Policy.SCHED_RR, 5)
                    .build());
            k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).count(2).policy(Policy.SCHED_NORMAL).build());
            k.launch(TaskSpec.of("co", (Workload) sys -> {
                for (int i = 0; i < 20; i++) {
                    int child = sys.fork(c -> {
                        c.compute(3 * MS);
                        c.schedSetweight(0, 1 + c.getpid() % 20);
                        c.nanosleep(2 * MS);
                        c.compute(MS);
                    });
                    sys.compute(MS);
                    sys.schedYield();
                    if (i % 3 == 0) {
                        sys.waitpid(child, 0);
                    }
                }
            }).count(2).build());
            k.run(400 * MS);
        }
        return sb.toString();
    }

    @Test
    void theSameSeedGivesTheSameTraceByteForByte() {
        String first = trace(42);
        String second = trace(42);
        assertTrue(first.length() > 100_000, "a substantial trace: " + first.length());
        assertEquals(first, second);
        assertNotEquals(first, trace(43), "the seed drives the random I/O durations");
    }

    @Test
    void pauseFromAnotherThreadStopsTheRunAndRunResumesIt() throws Exception {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(8).build());
            AtomicLong seen = new AtomicLong();
            k.tracer().addListener(e -> {
                seen.incrementAndGet();
                return false;
            }, SchedTracepoints.SCHED_SWITCH);
            StopReason[] reason = new StopReason[1];
            Thread runner = new Thread(() -> reason[0] = k.run(Long.MAX_VALUE / 2));
            runner.start();
            while (seen.get() < 100) {
                Thread.onSpinWait();
            }
            k.pause();
            runner.join();
            assertEquals(StopReason.Kind.PAUSED, reason[0].kind());
            long at = k.now();
            assertEquals(at, reason[0].timeNs());
            assertEquals(StopReason.Kind.TIME_LIMIT, k.run(100 * MS).kind());
            assertEquals(at + 100 * MS, k.now());
        }
    }

    @Test
    void stepProcessesOneEventAtATimeAndTimeNeverGoesBack() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
            k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(3).build());
            k.launch(TaskSpec.of("co", (Workload) sys -> {
                while (true) {
                    sys.compute(300_000);
                    sys.nanosleep(700_000);
                }
            }).build());
            long last = 0;
            long events = k.engine().eventsProcessed();
            for (int i = 0; i < 2000; i++) {
                assertEquals(StopReason.Kind.STEPPED, k.step().kind());
                assertEquals(events + 1, k.engine().eventsProcessed());
                events++;
                assertTrue(k.now() >= last);
                last = k.now();
            }
            assertTrue(last > 100 * MS, "2000 events cover more than 100 ms: " + last);
        }
    }

    @Test
    void steppingGivesTheSameTraceAsRunning() {
        List<String> run = new ArrayList<>();
        List<String> stepped = new ArrayList<>();
        for (List<String> out : List.of(run, stepped)) {
            try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
                k.tracer().addListener(e -> (e.timeNs() <= 50 * MS && out.add(e.toString())) && false);
                k.launch(TaskSpec.of("rio", SyntheticWorkload.randomIo(MS, MS, 0)).count(3).build());
                k.launch(TaskSpec.of("co", (Workload) sys -> {
                    for (int i = 0; i < 50; i++) {
                        sys.compute(200_000);
                        sys.schedYield();
                    }
                }).build());
                if (out == run) {
                    k.run(50 * MS);
                } else {
                    while (k.now() <= 50 * MS) {
                        k.step();
                    }
                }
            }
        }
        assertTrue(run.size() > 300, "events: " + run.size());
        assertTrue(run.equals(stepped), "the traces differ");
    }

    @Test
    void aListenerReturningTrueStopsTheEngineAfterTheEventLikeABreakpoint() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
            k.tracer().addListener(e -> e.cpu() == 1 && "b".equals(e.stringField("next_comm")),
                    SchedTracepoints.SCHED_SWITCH);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).build()).get(0);
            Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).weight(2).affinity(1).build()).get(0);
            k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound()).weight(2).affinity(1).build());
            StopReason r = k.run(1000 * MS);
            assertEquals(StopReason.Kind.BREAKPOINT, r.kind());
            TraceEvent e = r.event();
            assertEquals("sched_switch", e.name());
            assertEquals(0, e.timeNs());
            assertEquals(b, k.scheduler().runQueue(1).curr(), "the state shows the switch done");
            r = k.run(1000 * MS);
            assertEquals(StopReason.Kind.BREAKPOINT, r.kind());
            assertEquals(40 * MS, r.timeNs(), "b and c alternate 20 ms slices on CPU 1");
            assertEquals(39 * MS, a.sumExecRuntime(), "CPU 0's tick at 40 ms comes after the stop: charged up to 39 ms");
            k.step();
            assertEquals(40 * MS, a.sumExecRuntime(), "the next event is CPU 0's tick");
        }
    }

    @Test
    void aBreakpointHitInsideASystemCallStopsTheEngineAndTheWorkloadGoesOnAfterwards() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            k.tracer().addListener(e -> true, SchedTracepoints.SCHED_POLICY_CHANGE);
            List<Long> seen = new ArrayList<>();
            Task t = k.launch(TaskSpec.of("w", (Workload) sys -> {
                sys.compute(5 * MS);
                sys.schedSetweight(0, 3);
                seen.add(sys.clockGettime(1));
                sys.compute(5 * MS);
            }).build()).get(0);
            StopReason r = k.run(1000 * MS);
            assertEquals(StopReason.Kind.BREAKPOINT, r.kind());
            assertEquals(5 * MS, r.timeNs());
            assertEquals("comm=w pid=2 old_policy=SCHED_WRR policy=SCHED_WRR prio=120 weight=3 nice=0",
                    r.event().fieldsText());
            assertEquals(List.of(), seen, "the workload has not gone on yet");
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(1000 * MS).kind());
            assertEquals(List.of(5 * MS), seen);
            assertEquals(10 * MS, t.exitTime());
        }
    }

    @Test
    void aFailingEventEndsTheRunWithAnExceptionEvenWhenAWorkloadThreadRunsTheLoop() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            k.launch(TaskSpec.of("co", (Workload) sys -> {
                while (true) {
                    sys.compute(MS);
                }
            }).build());
            k.run(5 * MS);
            kernellab.core.sched.Behaviour broken = (task, actions) -> {
                throw new UnsupportedOperationException("broken behaviour");
            };
            k.scheduler().fork().launch("broken", List.of(), broken, null, kernellab.core.sched.LaunchAttributes.INHERIT);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> k.run(100 * MS));
            assertEquals("broken behaviour", e.getCause().getMessage());
            assertTrue(e.getMessage().startsWith("simulation failed at "), e.getMessage());
        }
    }

    @Test
    void eventsCannotBeScheduledInThePast() {
        Engine engine = new Engine(1);
        Event e = new Event() {
            @Override
            protected void fire() {
            }
        };
        engine.schedule(e, 10);
        assertEquals(StopReason.Kind.NO_EVENTS, engine.run(100).kind());
        assertEquals(10, engine.now());
        assertThrows(IllegalArgumentException.class, () -> engine.schedule(e, 5));
    }

    @Test
    void eventsAtTheSameTimeFireInTheOrderTheyWereScheduled() {
        Engine engine = new Engine(1);
        List<Integer> order = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int id = i;
            Event e = new Event() {
                @Override
                protected void fire() {
                    order.add(id);
                }
            };
            events.add(e);
            engine.schedule(e, (i % 5) * 10);
        }
        engine.cancel(events.get(7));
        engine.schedule(events.get(3), 0);
        engine.run(100);
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            for (int i = t; i < 50; i += 5) {
                if (i != 7 && i != 3) {
                    expected.add(i);
                }
            }
            if (t == 0) {
                expected.add(3);
            }
        }
        assertEquals(expected, order);
    }
}
