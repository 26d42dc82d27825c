package kernellab.core.benchmarks;

import static kernellab.api.Gfp.GFP_KERNEL;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import kernellab.core.mm.KmemCache;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.KernelLog;

/**
 * Slab allocator throughput: {@code kmem_cache_alloc} + {@code kmem_cache_free} pairs and
 * {@code kmalloc} + {@code kfree} pairs on a booted 256 MiB, 4-CPU machine with no tracepoint
 * listener. Goal: at least 50 million cache alloc+free pairs per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SlabBenchmark {

    private PhysicalMemory memory;
    private KmemCache cache;
    private long held;

    /** Boots the machine and leaves one object allocated so that the slab stays partial. */
    @Setup
    public void boot() {
        memory = new PhysicalMemory(PhysicalMemory.DEFAULT_MEMORY_BYTES, 4, new KernelLog());
        cache = memory.slab().createCache("bench_obj", 64, 0, 0, null);
        held = memory.slab().cacheAlloc(cache, GFP_KERNEL);
    }

    /**
     * One {@code kmem_cache_alloc} and one {@code kmem_cache_free}.
     *
     * @return the object's address, so the work is not optimised away
     */
    @Benchmark
    public long kmemCacheAllocFree() {
        long p = memory.slab().cacheAlloc(cache, GFP_KERNEL);
        memory.slab().cacheFree(cache, p);
        return p + held;
    }

    /**
     * One {@code kmalloc(64)} and one {@code kfree}.
     *
     * @return the pointer
     */
    @Benchmark
    public long kmallocKfree() {
        long p = memory.slab().kmalloc(64, GFP_KERNEL);
        memory.slab().kfree(p);
        return p;
    }
}
