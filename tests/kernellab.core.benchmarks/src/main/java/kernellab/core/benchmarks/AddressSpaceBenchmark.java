package kernellab.core.benchmarks;

import static kernellab.api.Syscalls.MADV_DONTNEED;
import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.Task;
import kernellab.core.task.SyntheticWorkload;

/**
 * Process address spaces on a booted default machine (256 MiB, 4 CPUs, no tracepoint
 * listener), driven directly through {@link VirtualMemory} as the system calls do:
 * anonymous write faults per second (each batch of 4,096 faults ends with a
 * MADV_DONTNEED that gives the pages back, included in the time), {@code find_vma} in an
 * address space of 65,530 VMAs at random addresses, and mmap + munmap pairs per second.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AddressSpaceBenchmark {

    private static final long REGION = 0x1_0000_0000L;
    private static final int FAULTS = 4096;
    private static final int VMAS = VirtualMemory.DEFAULT_MAX_MAP_COUNT;

    private Kernel kernel;
    private VirtualMemory vm;
    private Task task;
    private MmStruct big;
    private long[] probes;
    private int next;

    /** Boots the machine, starts a task and builds a second task's 65,530-VMA address space. */
    @Setup(Level.Trial)
    public void boot() {
        kernel = new Kernel(MachineConfig.builder().build());
        vm = kernel.vm();
        task = kernel.launch(TaskSpec.of("bench", SyntheticWorkload.cpuBound()).build()).get(0);
        vm.mmap(task, REGION, (long) FAULTS * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        Task many = kernel.launch(TaskSpec.of("many", SyntheticWorkload.cpuBound()).build()).get(0);
        for (int i = 0; i < VMAS; i++) {
            vm.mmap(many, REGION + i * 2L * 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        }
        big = vm.mm(many);
        if (big.mapCount() != VMAS) {
            throw new IllegalStateException("expected " + VMAS + " VMAs, got " + big.mapCount());
        }
        SplittableRandom r = new SplittableRandom(1);
        probes = new long[1 << 16];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = REGION + r.nextLong(VMAS * 2L * 4096);
        }
    }

    /** Ends the machine. */
    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }

    /**
     * 4,096 first-touch write faults on fresh anonymous pages, then MADV_DONTNEED of the range.
     *
     * @return the last translated address
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(FAULTS)
    public long pageFault() {
        long last = 0;
        for (int i = 0; i < FAULTS; i++) {
            last = vm.translate(task, REGION + i * 4096L, true);
        }
        vm.madvise(task, REGION, (long) FAULTS * 4096, MADV_DONTNEED);
        return last;
    }

    /**
     * {@code find_vma} at a random address among 65,530 VMAs.
     *
     * @return the VMA's start, so the lookup is not optimised away
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long findVma() {
        long a = probes[next++ & (probes.length - 1)];
        return big.findVma(a).start();
    }

    /**
     * One anonymous 4 KiB mmap and its munmap.
     *
     * @return the mapping's address
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long mmapMunmap() {
        long a = vm.mmap(task, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        vm.munmap(task, a, 4096);
        return a;
    }
}
