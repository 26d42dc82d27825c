package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the run queues over random machines and workloads, checked between every two events. */
class SchedulerPropertyTest {

    private static final long MS = 1_000_000L;

    /** One launched group of tasks. */
    record Launch(int kind, int count, Policy policy, int weight, int nice, int affinityMask, long seed) {
    }

    @Provide
    Arbitrary<List<Launch>> launches() {
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 4);
        Arbitrary<Policy> policy = Arbitraries.of(Policy.SCHED_WRR, Policy.SCHED_WRR, Policy.SCHED_NORMAL,
                Policy.SCHED_BATCH, Policy.SCHED_IDLE, Policy.SCHED_FIFO, Policy.SCHED_RR);
        Arbitrary<Integer> weight = Arbitraries.integers().between(1, 20);
        Arbitrary<Integer> nice = Arbitraries.integers().between(-20, 19);
        Arbitrary<Integer> mask = Arbitraries.integers().between(0, 255);
        Arbitrary<Long> seed = Arbitraries.longs();
        return Combinators.combine(kind, count, policy, weight, nice, mask, seed).as(Launch::new).list().ofMinSize(1)
                .ofMaxSize(6);
    }

    private static SyntheticWorkload synthetic(int kind) {
        return switch (kind) {
            case 0 -> SyntheticWorkload.cpuBound();
            case 1 -> SyntheticWorkload.cpuBound(30 * MS);
            case 2 -> SyntheticWorkload.randomIo(2 * MS, 3 * MS, 20);
            default -> SyntheticWorkload.periodic(10 * MS, 2 * MS, 0);
        };
    }

    /** A coroutine that makes random scheduling system calls, errors included. */
    private static Workload fuzzer(long seed) {
        return sys -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            for (int i = 0; i < 40; i++) {
                try {
                    switch (r.nextInt(9)) {
                        case 0 -> sys.compute(1 + r.nextInt(3_000_000));
                        case 1 -> sys.nanosleep(r.nextInt(2_000_000));
                        case 2 -> sys.schedYield();
                        case 3 -> sys.schedSetweight(0, r.nextInt(23) - 1);
                        case 4 -> sys.schedSetscheduler(0, Policy.values()[r.nextInt(Policy.values().length)],
                                r.nextInt(3));
                        case 5 -> {
                            java.util.BitSet m = new java.util.BitSet();
                            m.set(r.nextInt(8));
                            sys.schedSetaffinity(0, m);
                        }
                        case 6 -> sys.fork(c -> c.compute(r.nextInt(5_000_000)));
                        case 7 -> sys.waitpid(-1, r.nextBoolean() ? 0 : 1);
                        default -> sys.nice(r.nextInt(5));
                    }
                } catch (Errno e) {
                    sys.compute(1000);
                }
            }
        };
    }

    /**
     * Found by {@link #runQueuesStayConsistent}: a running task that a policy change sends to
     * another CPU is moved off at its schedule; when the idle balance of its old CPU pulls it
     * straight back and picks it again, it must run there again (on_cpu, its CPU work), not be
     * left on the queue as a "running" task another CPU can pull.
     */
    @Example
    void aRunningTaskMovedAndPulledBackStaysOnOneCpu() {
        MachineConfig config = MachineConfig.builder().cpus(2).balancePeriodMs(20).watchdogMillis(0).build();
        try (Kernel k = new Kernel(config)) {
            k.launch(TaskSpec.of("fz", fuzzer(144)).policy(Policy.SCHED_WRR, 0).weight(1).build());
            for (int i = 0; i < 200; i++) {
                k.step();
                checkInvariants(k.scheduler());
            }
        }
    }

    @Property(tries = 60)
    void runQueuesStayConsistent(@ForAll @IntRange(min = 1, max = 6) int cpus,
            @ForAll("launches") List<Launch> launches, @ForAll @IntRange(min = 200, max = 3000) int steps) {
        MachineConfig config = MachineConfig.builder().cpus(cpus).balancePeriodMs(20).watchdogMillis(0).build();
        try (Kernel k = new Kernel(config)) {
            long[] lastEventTime = {0};
            k.tracer().addListener(e -> {
                assertTrue(e.timeNs() >= lastEventTime[0], "trace time went back");
                lastEventTime[0] = e.timeNs();
                return false;
            });
            for (Launch l : launches) {
                TaskSpec.Builder b = l.kind() == 4 ? TaskSpec.of("fuzz", fuzzer(l.seed()))
                        : TaskSpec.of("syn" + l.kind(), synthetic(l.kind()));
                b.count(l.count()).policy(l.policy(), l.policy().isRealTime() ? 1 + l.weight() : 0);
                if (l.policy() == Policy.SCHED_WRR) {
                    b.weight(l.weight());
                } else if (l.policy().isFair()) {
                    b.nice(l.nice());
                }
                int mask = l.affinityMask() & ((1 << cpus) - 1);
                if (mask != 0) {
                    b.affinity(java.util.stream.IntStream.range(0, cpus).filter(c -> (mask >> c & 1) != 0).toArray());
                }
                k.launch(b.build());
            }
            long last = k.now();
            for (int i = 0; i < steps; i++) {
                k.step();
                assertTrue(k.now() >= last, "time went back");
                last = k.now();
                checkInvariants(k.scheduler());
            }
        }
    }

    static void checkInvariants(Scheduler s) {
        Map<Task, Integer> seen = new HashMap<>();
        for (int cpu = 0; cpu < s.nrCpus(); cpu++) {
            RunQueue rq = s.runQueue(cpu);
            List<Task> queued = new ArrayList<>();
            queued.addAll(rq.rt().tasks());
            List<Task> wrr = rq.ext().tasks();
            queued.addAll(wrr);
            queued.addAll(rq.cfs().tasks());
            if (rq.cfs().curr != null) {
                queued.add(rq.cfs().curr);
            }
            long weight = 0;
            for (Task t : wrr) {
                weight += t.weight();
                assertEquals(Policy.SCHED_WRR, t.policy());
            }
            assertEquals(weight, rq.ext().totalWeight(), "total_weight of CPU " + cpu);
            assertEquals(wrr.size(), rq.ext().nrRunning());
            assertEquals(queued.size(), rq.nrRunning(), "nr_running of CPU " + cpu);
            assertEquals(rq.rt().nrRunning() + rq.ext().nrRunning() + rq.cfs().nrRunning(), rq.nrRunning());
            long load = 0;
            for (Task t : rq.cfs().tasks()) {
                load += t.loadWeight();
            }
            if (rq.cfs().curr != null) {
                load += rq.cfs().curr.loadWeight();
            }
            assertEquals(load, rq.cfs().loadWeight());
            for (Task t : queued) {
                assertEquals(cpu, t.cpu(), t + " queued on the wrong CPU");
                assertTrue(t.cpusAllowed().get(cpu) || rq.curr() == t, t + " queued on a CPU it may not use");
                seen.merge(t, 1, Integer::sum);
            }
            Task curr = rq.curr();
            assertTrue(curr.isIdleTask() ? curr == rq.idle() : queued.contains(curr), "running task not queued");
        }
        int runnable = 0;
        for (Task t : s.tasks()) {
            boolean shouldBeQueued = t.state() == TaskState.RUNNING && t.exitTime() < 0;
            assertEquals(shouldBeQueued ? 1 : 0, seen.getOrDefault(t, 0).intValue(), t + " in " + t.state());
            assertEquals(shouldBeQueued, t.onRq());
            runnable += shouldBeQueued ? 1 : 0;
        }
        assertEquals(runnable, seen.size(), "a queued task is not in the task list");
    }
}
