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
import kernellab.core.trace.TraceEvent;

class WrrSchedClassTest {

    private static final long MS = 1_000_000L;

    private static Kernel kernel(int cpus) {
        return new Kernel(MachineConfig.builder().cpus(cpus).build());
    }

    private static Task hog(Kernel k, String comm, int weight) {
        return k.launch(TaskSpec.of(comm, SyntheticWorkload.cpuBound()).weight(weight).build()).get(0);
    }

    private static List<String> record(Kernel k, kernellab.core.trace.Tracepoint tp) {
        List<String> lines = new ArrayList<>();
        k.tracer().addListener(e -> {
            lines.add(e.toString());
            return false;
        }, tp);
        return lines;
    }

    @Test
    void threeTasksOfWeights1_5_10ShareOneCpu1To5To10OverWholeRounds() {
        try (Kernel k = kernel(1)) {
            Task a = hog(k, "w1", 1);
            Task b = hog(k, "w5", 5);
            Task c = hog(k, "w10", 10);
            k.run(10 * 160 * MS);
            assertEquals(100 * MS, a.sumExecRuntime());
            assertEquals(500 * MS, b.sumExecRuntime());
            assertEquals(1000 * MS, c.sumExecRuntime());
        }
    }

    @Test
    void slicesAreWeightTimesTenMilliseconds() {
        try (Kernel k = kernel(1)) {
            List<String> switches = record(k, SchedTracepoints.SCHED_SWITCH);
            hog(k, "w1", 1);
            hog(k, "w5", 5);
            hog(k, "w10", 10);
            k.run(170 * MS);
            assertEquals(List.of(
                    "          <idle>-0       [000]     0.000000: sched_switch: prev_comm=swapper/0 prev_pid=0 prev_prio=120 prev_state=R ==> next_comm=w1 next_pid=2 next_prio=120",
                    "              w1-2       [000]     0.010000: sched_switch: prev_comm=w1 prev_pid=2 prev_prio=120 prev_state=R+ ==> next_comm=w5 next_pid=3 next_prio=120",
                    "              w5-3       [000]     0.060000: sched_switch: prev_comm=w5 prev_pid=3 prev_prio=120 prev_state=R+ ==> next_comm=w10 next_pid=4 next_prio=120",
                    "             w10-4       [000]     0.160000: sched_switch: prev_comm=w10 prev_pid=4 prev_prio=120 prev_state=R+ ==> next_comm=w1 next_pid=2 next_prio=120",
                    "              w1-2       [000]     0.170000: sched_switch: prev_comm=w1 prev_pid=2 prev_prio=120 prev_state=R+ ==> next_comm=w5 next_pid=3 next_prio=120"),
                    switches);
        }
    }

    @Test
    void slicesScaleWithTheConfiguredBaseSlice() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).wrrBaseSliceMs(4).build())) {
            List<TraceEvent> expiries = new ArrayList<>();
            k.tracer().addListener(e -> expiries.add(e) && false, SchedTracepoints.SCHED_SLICE_EXPIRE);
            hog(k, "a", 3);
            hog(k, "b", 20);
            k.run(92 * MS);
            assertEquals(List.of("a:12@12000000", "b:80@92000000"),
                    expiries.stream().map(e -> e.stringField("comm") + ":" + e.longField("slice_ms") + "@" + e.timeNs()).toList());
        }
    }

    @Test
    void runQueueSnapshotsShowWeightsAndRemainingSlices() {
        try (Kernel k = kernel(1)) {
            hog(k, "a", 2);
            hog(k, "b", 3);
            k.launch(TaskSpec.of("f", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_NORMAL).build());
            k.run(25 * MS);
            RunQueueSnapshot s = k.scheduler().runQueue(0).snapshot();
            assertEquals(25 * MS, s.timeNs());
            assertEquals(3, s.curr().pid());
            assertEquals(3, s.nrRunning());
            assertEquals(5, s.queue("wrr").figure("total_weight"));
            assertEquals(List.of("3 b w3 slice 25 running", "2 a w2 slice 20 waiting"),
                    s.queue("wrr").tasks().stream().map(e -> e.pid() + " " + e.comm() + " w" + e.weight() + " slice "
                            + e.sliceRemainingNs() / MS + (e.running() ? " running" : " waiting")).toList());
            assertEquals(List.of("f SCHED_NORMAL 1024"),
                    s.queue("cfs").tasks().stream().map(e -> e.comm() + " " + e.policy() + " " + e.weight()).toList());
            assertEquals(List.of(), s.queue("rt").tasks());
        }
    }

    @Test
    void aWeightChangeAppliesAtTheNextRefill() {
        try (Kernel k = kernel(1)) {
            Task a = hog(k, "a", 10);
            Task b = hog(k, "b", 10);
            k.run(30 * MS);
            k.scheduler().syscalls().setWeight(k.scheduler().init(), a.pid(), 2);
            assertEquals(2, a.weight());
            assertEquals(12, k.scheduler().runQueue(0).ext().totalWeight());
            k.run(70 * MS);
            assertEquals(100 * MS, a.sumExecRuntime(), "the 100 ms slice in progress is not cut short");
            k.run(100 * MS);
            assertEquals(100 * MS, b.sumExecRuntime());
            k.run(20 * MS);
            assertEquals(120 * MS, a.sumExecRuntime(), "the next slice is 2 x 10 ms");
            assertEquals(b, k.scheduler().runQueue(0).curr());
        }
    }

    @Test
    void placementPicksTheLeastTotalWeightThenTheLowestCpu() {
        try (Kernel k = kernel(4)) {
            int[] weights = {10, 5, 3, 8, 1, 2, 4, 20, 7};
            List<Integer> cpus = new ArrayList<>();
            for (int w : weights) {
                cpus.add(hog(k, "t" + w, w).cpu());
            }
            // 10->0, 5->1, 3->2, 8->3; 1->2 (3); 2->2 (4); 4->1 (5 < 6 < 8 < 10); 20->2 (6); 7->3 (8)
            assertEquals(List.of(0, 1, 2, 3, 2, 2, 1, 2, 3), cpus);
            long[] totals = new long[4];
            for (int cpu = 0; cpu < 4; cpu++) {
                totals[cpu] = k.scheduler().runQueue(cpu).ext().totalWeight();
            }
            assertEquals("[10, 9, 26, 15]", java.util.Arrays.toString(totals));
        }
    }

    @Test
    void placementBreaksWeightTiesTowardsTheCpuRunningMoreOfTheThreadGroup() {
        try (Kernel k = kernel(4)) {
            Scheduler s = k.scheduler();
            hog(k, "q", 10);
            hog(k, "r", 10);
            Task p = hog(k, "p", 10);
            hog(k, "s", 10);
            assertEquals(2, p.cpu());
            Task thread1 = s.fork().copyProcess(p, true, SyntheticWorkload.cpuBound().newBehaviour(), null);
            s.fork().wakeUpNewTask(thread1);
            assertEquals(p.tgid(), thread1.tgid());
            assertEquals(2, thread1.cpu(), "all CPUs weigh 10; CPU 2 runs p");
            Task thread2 = s.fork().copyProcess(p, true, SyntheticWorkload.cpuBound().newBehaviour(), null);
            s.fork().wakeUpNewTask(thread2);
            assertEquals(0, thread2.cpu(), "CPU 2 now weighs 20; CPUs 0, 1, 3 tie with no thread of p: lowest id");
            Task other = s.fork().copyProcess(s.task(1), false, SyntheticWorkload.cpuBound().newBehaviour(), null);
            s.fork().wakeUpNewTask(other);
            assertEquals(1, other.cpu(), "CPUs 1 and 3 tie at 10 with no sibling: lowest id");
        }
    }

    @Test
    void placementHonoursAffinity() {
        try (Kernel k = kernel(4)) {
            hog(k, "a", 10);
            Task pinned = k.launch(TaskSpec.of("pinned", SyntheticWorkload.cpuBound()).affinity(0, 3).build()).get(0);
            assertEquals(3, pinned.cpu());
            Task onlyZero = k.launch(TaskSpec.of("zero", SyntheticWorkload.cpuBound()).affinity(0).build()).get(0);
            assertEquals(0, onlyZero.cpu());
        }
    }

    private static List<String> balanceEvents(Kernel k) {
        List<String> events = new ArrayList<>();
        k.tracer().addListener(e -> events.add(e.fieldsText()) && false, SchedTracepoints.SCHED_WRR_LOAD_BALANCE);
        return events;
    }

    private static BitSet cpus(int... ids) {
        BitSet m = new BitSet();
        for (int id : ids) {
            m.set(id);
        }
        return m;
    }

    @Test
    void loadBalanceMovesTheHeaviestWaitingTaskThatKeepsTheSmallestBelowTheLargest() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).balancePeriodMs(500).idleBalance(false).build())) {
            Scheduler s = k.scheduler();
            List<String> events = balanceEvents(k);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).weight(10).affinity(0).build()).get(0);
            Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).weight(5).affinity(0).build()).get(0);
            Task c = k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound()).weight(3).affinity(0).build()).get(0);
            for (Task t : List.of(a, b, c)) {
                s.syscalls().setAffinity(s.init(), t.pid(), cpus(0, 1));
            }
            k.run(500 * MS);
            // a 0-100, b 100-150, c 150-180, a 180-280, b 280-330, c 330-360, a 360-460, b runs at 500
            assertEquals(List.of("jiffies=500 max_cpu=0 max_weight=18 min_cpu=1 min_weight=0 comm=a pid=2 weight=10"),
                    events);
            assertEquals(1, a.cpu());
            assertEquals(1, a.nrMigrations());
            k.run(500 * MS);
            assertEquals("jiffies=1000 max_cpu=1 max_weight=10 min_cpu=0 min_weight=8 comm=- pid=0 weight=0",
                    events.get(1), "a runs alone on CPU 1 and cannot move");
            assertEquals(List.of(0, 0, 1), List.of(b.cpu(), c.cpu(), a.cpu()));
        }
    }

    @Test
    void loadBalanceMovesNothingWhenTheMoveWouldMakeTheSmallestReachTheLargest() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).balancePeriodMs(500).build())) {
            List<String> events = balanceEvents(k);
            k.launch(TaskSpec.of("x", SyntheticWorkload.cpuBound()).weight(10).count(2).affinity(0).build());
            Task y = k.launch(TaskSpec.of("y", SyntheticWorkload.cpuBound()).weight(10).build()).get(0);
            for (Task t : k.scheduler().tasks()) {
                if (t.pid() > 1) {
                    k.scheduler().syscalls().setAffinity(k.scheduler().init(), t.pid(), cpus(0, 1));
                }
            }
            assertEquals(1, y.cpu());
            k.run(500 * MS);
            assertEquals(List.of("jiffies=500 max_cpu=0 max_weight=20 min_cpu=1 min_weight=10 comm=- pid=0 weight=0"),
                    events);
        }
    }

    @Test
    void idleBalancePullsAWaitingTaskWhenAQueueEmpties() {
        for (boolean idleBalance : new boolean[] {true, false}) {
            try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).idleBalance(idleBalance).build())) {
                List<String> pulls = new ArrayList<>();
                k.tracer().addListener(e -> pulls.add(e.fieldsText()) && false, SchedTracepoints.SCHED_WRR_IDLE_BALANCE);
                Task a = hog(k, "a", 10);
                Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound(50 * MS)).build()).get(0);
                Task c = hog(k, "c", 10);
                assertEquals(List.of(0, 1, 0), List.of(a.cpu(), b.cpu(), c.cpu()));
                k.run(60 * MS);
                if (idleBalance) {
                    assertEquals(List.of("jiffies=50 src_cpu=0 dst_cpu=1 comm=c pid=4 weight=10"), pulls);
                    assertEquals(1, c.cpu());
                    assertEquals(10 * MS, c.sumExecRuntime());
                } else {
                    assertEquals(List.of(), pulls);
                    assertEquals(0, c.cpu());
                    assertEquals(0, c.sumExecRuntime());
                }
            }
        }
    }

    @Test
    void aTaskSwitchedToWrrGetsTheDefaultWeightAndIsPlaced() {
        try (Kernel k = kernel(2)) {
            Scheduler s = k.scheduler();
            Task a = hog(k, "a", 3);
            Task f = k.launch(TaskSpec.of("f", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_NORMAL).build()).get(0);
            assertEquals(1, f.cpu());
            s.syscalls().changeScheduler(f, Policy.SCHED_BATCH, 0);
            s.syscalls().setAffinity(s.init(), f.pid(), cpus(0));
            assertEquals(0, f.cpu());
            s.syscalls().setAffinity(s.init(), f.pid(), cpus(0, 1));
            s.syscalls().changeScheduler(f, Policy.SCHED_WRR, 0);
            assertEquals(Policy.SCHED_WRR, f.policy());
            assertEquals(10, f.weight());
            assertEquals(1, f.cpu(), "placed on the CPU with the least WRR weight");
            assertEquals(3, a.weight());
        }
    }
}
