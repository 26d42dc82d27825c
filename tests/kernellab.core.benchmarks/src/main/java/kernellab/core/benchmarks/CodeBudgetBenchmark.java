package kernellab.core.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import kernellab.core.sim.CodeBudget;

/**
 * The cost of the budget check that the student class loader puts at every method entry and
 * loop back edge: {@code check} alone, and a tight student loop (a sum over an array) as javac
 * compiles it and as the loader rewrites it (a {@code CodeBudget.check()} before the back edge),
 * with no budget armed and with one armed that is not spent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodeBudgetBenchmark {

    @Param({"false", "true"})
    public boolean armed;

    private final int[] data = new int[1000];

    @Setup
    public void setUp() {
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 31;
        }
        if (armed) {
            CodeBudget.arm(TimeUnit.DAYS.toNanos(1));
        }
    }

    @TearDown
    public void tearDown() {
        CodeBudget.disarm();
    }

    @Benchmark
    public void check() {
        CodeBudget.check();
    }

    /** @return the sum, as javac compiles the loop */
    @Benchmark
    public long loop() {
        long sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i];
        }
        return sum;
    }

    /** @return the sum, with the check the rewriter adds before the back edge and at entry */
    @Benchmark
    public long rewrittenLoop() {
        CodeBudget.check();
        long sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i];
            CodeBudget.check();
        }
        return sum;
    }
}
