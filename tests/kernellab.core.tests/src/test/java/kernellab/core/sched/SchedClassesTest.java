package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.SchedTracepoints;

class SchedClassesTest {

    private static final long MS = 1_000_000L;

    private static List<String> switches(Kernel k) {
        List<String> lines = new ArrayList<>();
        k.tracer().addListener(e -> lines.add(e.timeNs() / MS + "ms " + e.stringField("prev_comm") + "->"
                + e.stringField("next_comm")) && false, SchedTracepoints.SCHED_SWITCH);
        return lines;
    }

    private static Kernel oneCpu(Policy initPolicy) {
        return new Kernel(MachineConfig.builder().cpus(1).initPolicy(initPolicy).build());
    }

    @Test
    void aWakingRtTaskPreemptsWrr() {
        try (Kernel k = oneCpu(Policy.SCHED_WRR)) {
            List<String> sw = switches(k);
            Task hog = k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).build()).get(0);
            Task rt = k.launch(TaskSpec.of("rt", SyntheticWorkload.periodic(30 * MS, 5 * MS, 2))
                    .policy(Policy.SCHED_FIFO, 10).build()).get(0);
            k.run(100 * MS);
            assertEquals(List.of("0ms swapper/0->rt", "5ms rt->hog", "30ms hog->rt", "35ms rt->hog", "60ms hog->rt",
                    "60ms rt->hog"), sw);
            assertEquals(10 * MS, rt.sumExecRuntime());
            assertEquals(90 * MS, hog.sumExecRuntime());
            assertEquals(2, hog.nivcsw());
            assertEquals(60 * MS, rt.exitTime());
        }
    }

    @Test
    void aWakingWrrTaskPreemptsFairButFairDoesNotPreemptWrr() {
        try (Kernel k = oneCpu(Policy.SCHED_NORMAL)) {
            List<String> sw = switches(k);
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).build()).get(0);
            k.run(7 * MS);
            Task wrr = k.launch(TaskSpec.of("wrr", SyntheticWorkload.ioBound(3 * MS, 10 * MS, 2))
                    .policy(Policy.SCHED_WRR).build()).get(0);
            k.launch(TaskSpec.of("late", SyntheticWorkload.cpuBound()).build());
            k.run(43 * MS);
            assertEquals(List.of("0ms swapper/0->fair", "7ms fair->wrr", "10ms wrr->fair", "14ms fair->late",
                    "18ms late->fair", "20ms fair->wrr", "23ms wrr->fair"), sw.subList(0, 7));
            assertEquals(List.of("7ms fair->wrr", "10ms wrr->fair", "20ms fair->wrr", "23ms wrr->fair",
                    "33ms fair->wrr", "33ms wrr->init"), sw.stream().filter(l -> l.contains("wrr")).toList());
            assertEquals(6 * MS, wrr.sumExecRuntime());
            assertEquals(33 * MS, wrr.exitTime());
        }
    }

    @Test
    void cfsSharesOfNice0_5_10FollowTheirWeights() {
        try (Kernel k = oneCpu(Policy.SCHED_NORMAL)) {
            Task n0 = k.launch(TaskSpec.of("n0", SyntheticWorkload.cpuBound()).nice(0).build()).get(0);
            Task n5 = k.launch(TaskSpec.of("n5", SyntheticWorkload.cpuBound()).nice(5).build()).get(0);
            Task n10 = k.launch(TaskSpec.of("n10", SyntheticWorkload.cpuBound()).nice(10).build()).get(0);
            k.run(30_000 * MS);
            double total = n0.sumExecRuntime() + n5.sumExecRuntime() + n10.sumExecRuntime();
            assertEquals(30_000 * MS, (long) total);
            assertEquals(0.697, n0.sumExecRuntime() / total, 0.01);
            assertEquals(0.228, n5.sumExecRuntime() / total, 0.01);
            assertEquals(0.075, n10.sumExecRuntime() / total, 0.01);
        }
    }

    @Test
    void schedIdleTasksGetAlmostNothingNextToANormalTask() {
        try (Kernel k = oneCpu(Policy.SCHED_NORMAL)) {
            Task normal = k.launch(TaskSpec.of("normal", SyntheticWorkload.cpuBound()).build()).get(0);
            Task idle = k.launch(TaskSpec.of("idle", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_IDLE).build())
                    .get(0);
            k.run(10_000 * MS);
            assertEquals(3, idle.loadWeight());
            assertEquals(1024.0 / 1027, normal.sumExecRuntime() / 1e10, 0.01);
        }
    }

    /**
     * {@code sched_rt_runtime_exceeded} throttles once {@code rt_time} is <em>more</em> than the
     * 950 ms runtime: at the tick of 951 ms. The period timer ({@code do_sched_rt_period_timer})
     * takes one runtime off, so the 1 ms over carries into the next period, which throttles after
     * 950 ms of it: the fair task gets 49 ms in the first second and 50 ms in each later one.
     */
    @Test
    void rtThrottlingLeavesFairTasksFivePercent() {
        try (Kernel k = oneCpu(Policy.SCHED_NORMAL)) {
            Task rt = k.launch(TaskSpec.of("rt", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 50).build())
                    .get(0);
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).build()).get(0);
            k.run(10_000 * MS);
            assertEquals(499 * MS, fair.sumExecRuntime());
            assertEquals(9_501 * MS, rt.sumExecRuntime());
        }
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).initPolicy(Policy.SCHED_NORMAL).rtThrottling(false)
                .build())) {
            k.launch(TaskSpec.of("rt", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 50).build());
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).build()).get(0);
            k.run(10_000 * MS);
            assertEquals(0, fair.sumExecRuntime());
        }
    }

    @Test
    void schedRrTasksOfEqualPriorityRotateEvery100MsAndFifoDoesNot() {
        try (Kernel k = oneCpu(Policy.SCHED_WRR)) {
            List<String> sw = switches(k);
            k.launch(TaskSpec.of("rr", SyntheticWorkload.cpuBound()).count(2).policy(Policy.SCHED_RR, 5).build());
            k.run(250 * MS);
            assertEquals(List.of("0ms swapper/0->rr", "100ms rr->rr", "200ms rr->rr"), sw);
        }
        try (Kernel k = oneCpu(Policy.SCHED_WRR)) {
            Task[] fifo = k.launch(TaskSpec.of("fifo", SyntheticWorkload.cpuBound()).count(2)
                    .policy(Policy.SCHED_FIFO, 5).build()).toArray(Task[]::new);
            k.run(250 * MS);
            assertEquals(250 * MS, fifo[0].sumExecRuntime());
            assertEquals(0, fifo[1].sumExecRuntime());
        }
    }

    @Test
    void higherRtPriorityRunsFirst() {
        try (Kernel k = oneCpu(Policy.SCHED_WRR)) {
            Task low = k.launch(TaskSpec.of("low", SyntheticWorkload.cpuBound(10 * MS)).policy(Policy.SCHED_FIFO, 1)
                    .build()).get(0);
            Task high = k.launch(TaskSpec.of("high", SyntheticWorkload.cpuBound(10 * MS)).policy(Policy.SCHED_RR, 99)
                    .build()).get(0);
            k.run(30 * MS);
            assertEquals(10 * MS, high.exitTime());
            assertEquals(20 * MS, low.exitTime());
            assertEquals(0, high.prio());
            assertEquals(98, low.prio());
        }
    }

    @Test
    void affinityChangeMigratesRunningAndQueuedTasks() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(4).build())) {
            Scheduler s = k.scheduler();
            List<String> migrations = new ArrayList<>();
            k.tracer().addListener(e -> migrations.add(e.fieldsText()) && false, SchedTracepoints.SCHED_MIGRATE_TASK);
            List<Task> t = k.launch(TaskSpec.of("t", SyntheticWorkload.cpuBound()).count(2).affinity(0).build());
            k.run(5 * MS);
            assertEquals(t.get(0), s.runQueue(0).curr());
            BitSet three = new BitSet();
            three.set(3);
            s.syscalls().setAffinity(s.init(), t.get(1).pid(), three);
            assertEquals(3, t.get(1).cpu(), "a queued task moves at once");
            s.syscalls().setAffinity(s.init(), t.get(0).pid(), three);
            assertEquals(0, t.get(0).cpu(), "a running task moves at its next schedule");
            k.run(1 * MS);
            assertEquals(3, t.get(0).cpu());
            assertEquals(List.of("comm=t pid=3 prio=120 orig_cpu=0 dest_cpu=3", "comm=t pid=2 prio=120 orig_cpu=0 dest_cpu=3"),
                    migrations);
            assertEquals(s.runQueue(0).idle(), s.runQueue(0).curr());
            assertEquals(2, s.runQueue(3).ext().nrRunning());
        }
    }

    @Test
    void schedYieldMovesAWrrTaskBehindItsPeers() {
        try (Kernel k = oneCpu(Policy.SCHED_WRR)) {
            List<String> sw = switches(k);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).build()).get(0);
            k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).build());
            k.run(20 * MS);
            k.scheduler().currentCpu = 0;
            k.scheduler().syscalls().yield(a);
            k.run(MS);
            assertEquals(List.of("0ms swapper/0->a", "20ms a->b"), sw);
            assertEquals(1, k.scheduler().runQueue(0).stats().yldCount());
        }
    }
}
