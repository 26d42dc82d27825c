package kernellab.core.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/**
 * Scheduler throughput: a 64-CPU machine (HZ 1000) with 10,000 synthetic CPU-bound tasks under
 * SCHED_WRR or SCHED_NORMAL and no trace listener. Each invocation simulates 100 ms more of the
 * same machine; the {@code events} counter reports engine events (ticks, switches, timers) per
 * second of real time and {@code switches} the context switches. Goal: at least 10 million
 * scheduler events per second.
 *
 * <p>The stall watchdog is off: with about 156 tasks per CPU and a 100 ms slice each, a correct
 * round-robin leaves a task waiting 15.6 s, longer than the default 5 s timeout, so the watchdog
 * would disable the SCHED_WRR class after 5 s and the benchmark would measure the fair class instead.
 * The machine has 2 GiB so that {@code threads-max} (16,384) admits the 10,000 tasks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulerBenchmark {

    private static final long SLICE_NS = 100_000_000L;

    /** The policy of all 10,000 tasks. */
    @Param({"SCHED_WRR", "SCHED_NORMAL"})
    public String policy;

    private Kernel kernel;

    /** Counters reported per second by JMH. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        /** Engine events processed. */
        public long events;
        /** Context switches. */
        public long switches;
    }

    /** Boots the machine and launches the tasks. */
    @Setup(Level.Trial)
    public void boot() {
        Policy p = Policy.valueOf(policy);
        kernel = new Kernel(MachineConfig.builder().cpus(64).memoryBytes(2L << 30).initPolicy(p).schedWatchdogMs(0).build());
        kernel.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(10_000).build());
        kernel.run(SLICE_NS);
    }

    /** Ends the machine. */
    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }

    /**
     * Simulates 100 ms.
     *
     * @param counters events and switches processed
     * @return the simulated clock, so the work is not optimised away
     */
    @Benchmark
    public long simulate100ms(Counters counters) {
        long events = kernel.engine().eventsProcessed();
        long switches = switches();
        kernel.run(SLICE_NS);
        counters.events += kernel.engine().eventsProcessed() - events;
        counters.switches += switches() - switches;
        return kernel.now();
    }

    private long switches() {
        long n = 0;
        for (int cpu = 0; cpu < 64; cpu++) {
            n += kernel.scheduler().runQueue(cpu).nrSwitches();
        }
        return n;
    }
}
