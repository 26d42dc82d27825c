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

import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;

/**
 * System calls per second made by Java workloads running as coroutines on a 1-CPU machine:
 * <ul>
 * <li>{@code compute}: one task calling {@code compute(1 µs)} in a loop; every call lets simulated
 * time pass (the engine runs ticks and the task's work timer) and comes back to the same
 * coroutine without a thread switch;</li>
 * <li>{@code yield}: two tasks each calling {@code compute(1 µs)} then {@code sched_yield} in a
 * loop, so every second call is a context switch with a hand-off between two virtual threads
 * (without the compute, yielding would not let simulated time pass);</li>
 * <li>{@code getpid}: a call that needs no scheduling at all.</li>
 * </ul>
 * Each invocation simulates 1 ms; the {@code syscalls} counter reports system calls per second
 * of real time. Goal: at least 1 million per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoroutineSyscallBenchmark {

    /** Which system call the workloads make. */
    @Param({"compute", "yield", "getpid"})
    public String call;

    private Kernel kernel;
    private final long[] calls = new long[1];

    /** Counters reported per second by JMH. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        /** System calls made. */
        public long syscalls;
    }

    /** Boots the machine and launches the workloads. */
    @Setup(Level.Trial)
    public void boot() {
        kernel = new Kernel(MachineConfig.builder().cpus(1).watchdogMillis(0).build());
        long[] counter = calls;
        Workload w = switch (call) {
            case "compute" -> sys -> {
                while (true) {
                    sys.compute(1000);
                    counter[0]++;
                }
            };
            case "yield" -> sys -> {
                while (true) {
                    sys.compute(1000);
                    sys.schedYield();
                    counter[0] += 2;
                }
            };
            default -> sys -> {
                while (true) {
                    sys.getpid();
                    counter[0]++;
                    if ((counter[0] & 1023) == 0) {
                        sys.compute(1000);
                    }
                }
            };
        };
        kernel.launch(TaskSpec.of(call, w).count(call.equals("yield") ? 2 : 1).build());
    }

    /** Ends the machine and its coroutines. */
    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }

    /**
     * Simulates 1 ms.
     *
     * @param counters system calls made
     * @return the simulated clock, so the work is not optimised away
     */
    @Benchmark
    public long simulate1ms(Counters counters) {
        long before = calls[0];
        kernel.run(1_000_000L);
        counters.syscalls += calls[0] - before;
        return kernel.now();
    }
}
