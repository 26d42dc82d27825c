package kernellab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.SchedTracepoints;

class KernelTest {

    private static final long MS = 1_000_000L;

    @Test
    void wrrSlicesAreExactAtEveryTickRate() {
        for (int hz : MachineConfig.SUPPORTED_HZ) {
            wrrSlicesAt(hz);
        }
    }

    private static void wrrSlicesAt(int hz) {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).hz(hz).build())) {
            List<Long> switchTimes = new ArrayList<>();
            k.tracer().addListener(e -> switchTimes.add(e.timeNs() / MS) && false, SchedTracepoints.SCHED_SWITCH);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).weight(1).build()).get(0);
            Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).weight(3).build()).get(0);
            k.run(80 * MS);
            assertEquals(List.of(0L, 10L, 40L, 50L, 80L), switchTimes);
            assertEquals(20 * MS, a.sumExecRuntime());
            assertEquals(60 * MS, b.sumExecRuntime());
            assertEquals(80L * hz / 1000, k.scheduler().jiffies());
        }
    }

    @Test
    void bootCreatesIdleTasksInitAndOptionalKernelThreads() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
            assertEquals("swapper/1", k.scheduler().runQueue(1).idle().comm());
            assertEquals(0, k.scheduler().runQueue(1).idle().pid());
            assertEquals(List.of("1 init S SCHED_WRR"), describe(k));
        }
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).kthreads(true).kthreadPolicy(Policy.SCHED_WRR)
                .initPolicy(Policy.SCHED_NORMAL).build())) {
            assertEquals(List.of("1 init S SCHED_NORMAL", "2 kthreadd S SCHED_WRR", "3 ksoftirqd/0 S SCHED_WRR",
                    "4 kworker/0:0 S SCHED_WRR", "5 ksoftirqd/1 S SCHED_WRR", "6 kworker/1:0 S SCHED_WRR"), describe(k));
            Task ksoftirqd1 = k.scheduler().task(5);
            assertEquals(2, ksoftirqd1.ppid());
            assertEquals("{1}", ksoftirqd1.cpusAllowed().toString());
            assertEquals(1, ksoftirqd1.cpu());
            Task w = k.launch(TaskSpec.of("w", SyntheticWorkload.cpuBound()).build()).get(0);
            assertEquals(7, w.pid());
            assertEquals(Policy.SCHED_NORMAL, w.policy(), "launched workloads inherit init's policy");
        }
    }

    private static List<String> describe(Kernel k) {
        return k.scheduler().tasks().stream().map(t -> t.pid() + " " + t.comm() + " " + t.state().letter() + " "
                + t.policy()).toList();
    }

    @Test
    void runUntilAConditionStopsAfterTheEventThatMadeItTrue() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).build()).get(0);
            StopReason r = k.runUntil(() -> a.sumExecRuntime() >= 25 * MS, 1000 * MS);
            assertEquals(StopReason.Kind.CONDITION, r.kind());
            assertEquals(25 * MS, r.timeNs());
            assertEquals(StopReason.Kind.TIME_LIMIT, k.runUntil(() -> false, 30 * MS).kind());
            assertEquals(30 * MS, k.now());
        }
    }

    @Test
    void runUntilAllExitedReportsTheConditionAndTurnaround() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
            List<Task> t = k.launch(TaskSpec.of("job", SyntheticWorkload.cpuBound(30 * MS)).count(3).build());
            StopReason r = k.runUntilAllExited(10_000 * MS);
            assertEquals(StopReason.Kind.CONDITION, r.kind());
            assertEquals(List.of(30 * MS, 30 * MS, 60 * MS), t.stream().map(Task::turnaround).toList());
            assertEquals(List.of(0L, 0L, 30 * MS), t.stream().map(Task::runDelay).toList());
            assertEquals(0, k.scheduler().userTasksAlive());
        }
    }

    @Test
    void machineConfigRejectsImpossibleMachines() {
        MachineConfig.Builder b = MachineConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.cpus(0));
        assertThrows(IllegalArgumentException.class, () -> b.cpus(1025));
        assertThrows(IllegalArgumentException.class, () -> b.hz(200));
        assertThrows(IllegalArgumentException.class, () -> b.initPolicy(Policy.SCHED_FIFO));
        assertThrows(IllegalArgumentException.class, () -> b.rtBandwidthMs(1001, 1000));
        assertThrows(IllegalArgumentException.class, () -> b.wrrBaseSliceMs(0));
        MachineConfig c = b.cpus(1024).hz(300).build();
        assertEquals(3_333_333, c.tickNs());
        assertEquals(4, MachineConfig.builder().build().cpus());
        assertEquals(1000, MachineConfig.builder().build().hz());
        assertEquals(Policy.SCHED_WRR, MachineConfig.builder().build().initPolicy());
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void taskSpecRejectsInvalidAttributes() {
        TaskSpec.Builder b = TaskSpec.of("x", SyntheticWorkload.cpuBound());
        assertThrows(IllegalArgumentException.class, () -> b.weight(21).build());
        assertThrows(IllegalArgumentException.class, () -> TaskSpec.of("x", SyntheticWorkload.cpuBound())
                .policy(Policy.SCHED_WRR, 3).build());
        assertThrows(IllegalArgumentException.class, () -> TaskSpec.of("x", SyntheticWorkload.cpuBound())
                .policy(Policy.SCHED_FIFO, 0).build());
        assertThrows(IllegalArgumentException.class, () -> TaskSpec.of("x", SyntheticWorkload.cpuBound()).count(0)
                .build());
    }
}
