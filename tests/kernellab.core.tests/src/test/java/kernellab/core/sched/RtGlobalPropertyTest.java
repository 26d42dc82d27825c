package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Global RT scheduling ({@code kernel/sched/rt.c} push/pull): for RT tasks that may run on every
 * CPU, whenever the machine is between events, no RT task waits while a CPU runs something of
 * lower priority (a lower RT task, a fair task or nothing): the M highest-priority runnable RT
 * tasks run on M CPUs. With affinities Linux does not promise it: {@code push_rt_task} tries only
 * the highest pushable task and, if no CPU it may use is lower, does not retry with the next one
 * ("other CPUs will pull from us when ready"), and a CPU that idles without having run an RT task
 * never pulls; so a waiting task allowed on an idle CPU can stay queued until its CPU schedules.
 */
class RtGlobalPropertyTest {

    private static final long MS = 1_000_000L;

    /** A group of CPU-bound RT tasks: how many, work in ms, policy, RT priority. */
    record Group(int count, int workMs, Policy policy, int priority) {
    }

    @Provide
    Arbitrary<List<Group>> groups() {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 60),
                Arbitraries.of(Policy.SCHED_FIFO, Policy.SCHED_RR), Arbitraries.integers().between(1, 99))
                .as(Group::new).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 200)
    void noRtTaskWaitsWhileACpuRunsLowerPriorityWork(@ForAll @IntRange(min = 2, max = 4) int cpus,
            @ForAll("groups") List<Group> groups) {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(cpus).initPolicy(Policy.SCHED_NORMAL).build())) {
            for (Group g : groups) {
                k.launch(TaskSpec.of("rt", SyntheticWorkload.cpuBound(g.workMs() * MS)).count(g.count())
                        .policy(g.policy(), g.priority()).build());
            }
            Scheduler s = k.scheduler();
            for (long t = MS / 2; t < 400 * MS; t += MS) {
                k.runUntil(t);
                for (int cpu = 0; cpu < cpus; cpu++) {
                    for (Task p : s.runQueue(cpu).rt().tasks()) {
                        if (s.runQueue(cpu).curr() == p) {
                            continue;
                        }
                        for (int c = 0; c < cpus; c++) {
                            Task curr = s.runQueue(c).curr();
                            int running = curr.isIdleTask() ? 140 : curr.policy().isRealTime() ? curr.prio() : 120;
                            int waiting = p.prio();
                            int where = c;
                            assertTrue(running <= waiting, () -> "at " + s.now() / MS + " ms " + p.comm() + "[" + p.pid()
                                    + "] prio " + waiting + " waits on CPU " + p.cpu() + " while CPU " + where + " runs "
                                    + curr.comm() + " prio " + running);
                        }
                    }
                }
            }
        }
    }
}
