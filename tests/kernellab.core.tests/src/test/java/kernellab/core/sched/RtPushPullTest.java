package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.SchedTracepoints;

/**
 * Global RT scheduling over the CPUs as {@code kernel/sched/rt.c} does it: placement by
 * {@code select_task_rq_rt} / {@code find_lowest_rq} over {@code cpupri}, {@code push_rt_tasks}
 * after a switch or wake-up, {@code pull_rt_task} when a CPU's RT priority drops. Each test
 * gives the {@code sched_migrate_task} events it expects, with their times.
 */
class RtPushPullTest {

    private static final long MS = 1_000_000L;

    private static Kernel machine(int cpus) {
        return new Kernel(MachineConfig.builder().cpus(cpus).initPolicy(Policy.SCHED_NORMAL).build());
    }

    /** "TIMEms comm orig->dest" for every migration of an RT task (init, waking to reap, is fair). */
    private static List<String> migrations(Kernel k) {
        List<String> lines = new ArrayList<>();
        k.tracer().addListener(e -> e.longField("prio") < 100 && lines.add(e.timeNs() / MS + "ms " + e.stringField("comm")
                + " " + e.longField("orig_cpu") + "->" + e.longField("dest_cpu")) && false,
                SchedTracepoints.SCHED_MIGRATE_TASK);
        return lines;
    }

    /**
     * Four FIFO tasks started together all land on CPU 0 ({@code select_task_rq_rt}: CPU 0 runs no
     * RT task when they are forked); CPU 0 runs the first and, once it switched
     * ({@code set_next_task_rt} queues {@code push_rt_tasks}), pushes the others one by one to the
     * CPUs at {@code CPUPRI_NORMAL}: {@code find_lowest_rq} takes neither the task's CPU nor the
     * pushing one, so {@code cpumask_any_and_distribute} from CPU 0 gives 1, 2, 3.
     */
    @Test
    void fourFifoTasksSpreadOverFourCpus() {
        try (Kernel k = machine(4)) {
            List<String> mig = migrations(k);
            List<Task> t = k.launch(TaskSpec.of("fifo", SyntheticWorkload.cpuBound()).count(4)
                    .policy(Policy.SCHED_FIFO, 10).build());
            k.run(100 * MS);
            assertEquals(List.of("0ms fifo 0->1", "0ms fifo 0->2", "0ms fifo 0->3"), mig);
            for (int i = 0; i < 4; i++) {
                assertEquals(i, t.get(i).cpu());
                assertEquals(100 * MS, t.get(i).sumExecRuntime());
            }
        }
    }

    /**
     * Global FIFO, 8 CPU-bound tasks of 100 ms on 4 CPUs: the first four run at once (pushed as
     * above; the other four find no CPU below their priority and wait on CPU 0, which is
     * overloaded). When the first four exit at 100 ms, CPU 0 picks the fifth and CPUs 1–3 pull one
     * waiting task each ({@code balance_rt} → {@code pull_rt_task} from the {@code rto_mask}).
     * Every CPU is busy until the makespan, 200 ms = work / 4.
     */
    @Test
    void eightFifoTasksOnFourCpusFinishInAQuarterOfTheirWork() {
        try (Kernel k = machine(4)) {
            List<String> mig = migrations(k);
            List<Task> t = k.launch(TaskSpec.of("fifo", SyntheticWorkload.cpuBound(100 * MS)).count(8)
                    .policy(Policy.SCHED_FIFO, 10).build());
            k.runUntilAllExited(1_000 * MS);
            assertEquals(List.of("0ms fifo 0->1", "0ms fifo 0->2", "0ms fifo 0->3", "100ms fifo 0->1",
                    "100ms fifo 0->2", "100ms fifo 0->3"), mig);
            for (int i = 0; i < 8; i++) {
                assertEquals((i < 4 ? 100 : 200) * MS, t.get(i).exitTime(), "task " + i);
            }
            for (int cpu = 0; cpu < 4; cpu++) {
                assertEquals(200 * MS, k.scheduler().runQueue(cpu).busyTime(), "cpu " + cpu);
            }
        }
    }

    /**
     * Affinities: {@code find_lowest_rq} only looks at allowed CPUs ({@code cpupri_find} ands the
     * level's CPUs with the task's mask). On 3 CPUs, {@code a} (prio 30) may run on CPUs 0 and 1,
     * {@code b} (prio 20) on 0 and 2, {@code c} (prio 10) on 0 only. All start on CPU 0; CPU 0
     * runs {@code a} and pushes {@code b}: CPUs 1 and 2 are NORMAL but only 2 is allowed. {@code c}
     * is bound to CPU 0 and is never pushable: it waits there until {@code a} exits.
     */
    @Test
    void pushesFollowAffinities() {
        try (Kernel k = machine(3)) {
            List<String> mig = migrations(k);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound(50 * MS)).policy(Policy.SCHED_FIFO, 30)
                    .affinity(0, 1).build()).get(0);
            Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound(50 * MS)).policy(Policy.SCHED_FIFO, 20)
                    .affinity(0, 2).build()).get(0);
            Task c = k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound(50 * MS)).policy(Policy.SCHED_FIFO, 10)
                    .affinity(0).build()).get(0);
            k.runUntilAllExited(1_000 * MS);
            assertEquals(List.of("0ms b 0->2"), mig);
            assertEquals(50 * MS, a.exitTime());
            assertEquals(50 * MS, b.exitTime());
            assertEquals(100 * MS, c.exitTime());
        }
    }

    /**
     * What Linux does not promise with affinities: on 3 CPUs, four FIFO tasks of equal priority
     * start on CPU 0, {@code b1} and {@code b2} allowed on CPUs 0 and 1 only. CPU 0 runs {@code a}
     * and pushes {@code b1} to CPU 1; then the first pushable task is {@code b2}, which finds no
     * CPU of its own below it, and {@code push_rt_task} does not retry with the next one ("other
     * CPUs will pull from us when ready"). So {@code c} waits while CPU 2 idles (an idle CPU that
     * ran no RT task never pulls), until CPU 0 switches at 10 ms and pushes it there.
     */
    @Test
    void aPushThatFailsForTheFirstPushableTaskDoesNotTryTheNext() {
        try (Kernel k = machine(3)) {
            List<String> mig = migrations(k);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound(10 * MS)).policy(Policy.SCHED_FIFO, 1).build())
                    .get(0);
            k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound(10 * MS)).count(2).policy(Policy.SCHED_FIFO, 1)
                    .affinity(0, 1).build());
            Task c = k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound(10 * MS)).policy(Policy.SCHED_FIFO, 1).build())
                    .get(0);
            k.runUntilAllExited(1_000 * MS);
            assertEquals(List.of("0ms b 0->1", "10ms c 0->2"), mig);
            assertEquals(10 * MS, a.exitTime());
            assertEquals(20 * MS, c.exitTime());
            assertEquals(10 * MS, k.scheduler().runQueue(2).busyTime());
        }
    }

    /**
     * A higher-priority wake-up pushes the task it preempts: {@code high} (prio 50, bound to CPU 0,
     * every 30 ms for 5 ms) wakes at 30 ms on CPU 0, where {@code low} (prio 10) runs
     * ({@code select_task_rq_rt} keeps it: a bound task goes to its CPU); {@code low} is put back
     * as pushable ({@code put_prev_task_rt}) and, after the switch, pushed to CPU 1, idle since
     * {@code mid} (prio 30, bound to CPU 1) exited at 20 ms. Until then no CPU was below
     * {@code low}, so it waited on CPU 0 behind {@code high} and ran there from 5 ms.
     */
    @Test
    void aHigherPriorityWakeUpPushesThePreemptedTask() {
        try (Kernel k = machine(2)) {
            List<String> mig = migrations(k);
            k.launch(TaskSpec.of("mid", SyntheticWorkload.cpuBound(20 * MS)).policy(Policy.SCHED_FIFO, 30).affinity(1)
                    .build());
            Task high = k.launch(TaskSpec.of("high", SyntheticWorkload.periodic(30 * MS, 5 * MS, 3))
                    .policy(Policy.SCHED_FIFO, 50).affinity(0).build()).get(0);
            Task low = k.launch(TaskSpec.of("low", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 10).build())
                    .get(0);
            k.run(100 * MS);
            assertEquals(List.of("30ms low 0->1"), mig);
            assertEquals(1, low.cpu());
            assertEquals(15 * MS, high.sumExecRuntime());
            assertEquals(95 * MS, low.sumExecRuntime());
        }
    }

    /**
     * A CPU that drops to fair work pulls: {@code c} (prio 60, bound to CPU 1) keeps CPU 1 above
     * {@code b} (prio 40), which waits on CPU 0 behind {@code a} (prio 50). When {@code c} exits at
     * 10 ms, CPU 1 would run the fair task {@code fair}; {@code balance_rt} sees its RT priority
     * drop and {@code pull_rt_task} takes {@code b} from CPU 0, the only overloaded CPU (its
     * pushable {@code b} beats CPU 1's NORMAL and not CPU 0's running {@code a}). {@code fair}
     * runs on CPU 1 once {@code b} exits at 30 ms.
     */
    @Test
    void aCpuDroppingToFairWorkPullsAWaitingRtTask() {
        try (Kernel k = machine(2)) {
            List<String> mig = migrations(k);
            k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound(10 * MS)).policy(Policy.SCHED_FIFO, 60).affinity(1)
                    .build());
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).affinity(1).build()).get(0);
            Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound(50 * MS)).policy(Policy.SCHED_FIFO, 50)
                    .build()).get(0);
            Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound(20 * MS)).policy(Policy.SCHED_FIFO, 40)
                    .build()).get(0);
            k.run(60 * MS);
            assertEquals(List.of("10ms b 0->1"), mig);
            assertEquals(50 * MS, a.exitTime());
            assertEquals(30 * MS, b.exitTime());
            assertEquals(30 * MS, fair.sumExecRuntime());
        }
    }

    /**
     * {@code b} (prio 40) waits on CPU 0 behind {@code a} (prio 50) while {@code c} (prio 60, bound
     * to CPU 1) runs on CPU 1. At 10 ms {@code c} leaves CPU 1's RT priority below {@code b}'s: with
     * {@code sched_setparam} to 30, {@code prio_changed_rt} of a running task whose priority fell
     * queues a pull; with {@code sched_setscheduler} to SCHED_NORMAL, {@code switched_from_rt} of
     * the CPU's last RT task does. The pull runs when {@code __sched_setscheduler} is done
     * ({@code balance_callbacks}): CPU 1 takes {@code b}, which preempts {@code c} there.
     */
    @Test
    void aPriorityOrPolicyChangeThatLowersACpuMakesItPull() {
        for (boolean toFair : new boolean[] {false, true}) {
            try (Kernel k = machine(2)) {
                List<String> mig = migrations(k);
                Task c = k.launch(TaskSpec.of("c", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 60)
                        .affinity(1).build()).get(0);
                Task a = k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 50).build())
                        .get(0);
                Task b = k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 40).build())
                        .get(0);
                k.run(10 * MS);
                SchedSyscalls sys = k.scheduler().syscalls();
                if (toFair) {
                    sys.setScheduler(k.scheduler().init(), c.pid(), Policy.SCHED_NORMAL, 0);
                } else {
                    sys.setParam(k.scheduler().init(), c.pid(), 30);
                }
                k.run(20 * MS);
                assertEquals(List.of("10ms b 0->1"), mig, toFair ? "switched_from_rt" : "prio_changed_rt");
                assertEquals(10 * MS, c.sumExecRuntime());
                assertEquals(20 * MS, b.sumExecRuntime());
                assertEquals(30 * MS, a.sumExecRuntime());
            }
        }
    }
}
