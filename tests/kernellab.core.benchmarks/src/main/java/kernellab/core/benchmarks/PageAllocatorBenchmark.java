package kernellab.core.benchmarks;

import static kernellab.api.Gfp.GFP_KERNEL;

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
import org.openjdk.jmh.annotations.Warmup;

import kernellab.core.mm.Page;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.KernelLog;

/**
 * Buddy allocator throughput: {@code alloc_pages} + {@code __free_pages} pairs by order on a
 * booted 256 MiB, 4-CPU machine with no tracepoint listener. Orders whose free list is empty
 * pay a split on allocation and the matching merges on free.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageAllocatorBenchmark {

    /** Block order. */
    @Param({ "0", "3", "9", "10" })
    public int order;

    private PhysicalMemory memory;

    /** Boots the machine. */
    @Setup
    public void boot() {
        memory = new PhysicalMemory(PhysicalMemory.DEFAULT_MEMORY_BYTES, 4, new KernelLog());
    }

    /**
     * One {@code alloc_pages(GFP_KERNEL, order)} and one {@code __free_pages}.
     *
     * @return the page frame number, so the work is not optimised away
     */
    @Benchmark
    public long allocPagesFree() {
        Page p = memory.allocPages(GFP_KERNEL, order);
        memory.freePages(p, order);
        return p.pfn();
    }
}
