package kernellab.examples;

import java.util.List;

import kernellab.examples.addressspace.CopyOnWrite;
import kernellab.examples.addressspace.DemandPaging;
import kernellab.examples.addressspace.MallocErrors;
import kernellab.examples.addressspace.MmapFile;
import kernellab.examples.addressspace.SharedMapping;
import kernellab.examples.addressspace.WhereInMemory;
import kernellab.examples.memory.KmallocSizes;
import kernellab.examples.memory.PageOrders;
import kernellab.examples.memory.StudentCache;
import kernellab.examples.sched.CpuHogs;
import kernellab.examples.sched.CpuVsIo;
import kernellab.examples.sched.Factorizer;
import kernellab.examples.sched.FactorizerRace;
import kernellab.examples.sched.LoadBalance;
import kernellab.examples.sched.PriorityClasses;
import kernellab.examples.sched.ThreadPlacement;
import kernellab.examples.sched.WeightSyscalls;

/** The catalogue of the course's examples, by topic, in the order of the lectures. */
public final class Examples {

    private static final Topic SCHEDULING = new Topic("Scheduling (SCHED_WRR lab)",
            "User-space workloads for the SCHED_WRR lab (weights, slices, placement, load balancing, the weight "
                    + "system calls) and for comparing it with the real-time and fair classes.", List.of(
            new Example("CPU hogs at different WRR weights", CpuHogs.class,
                    "Hogs of weights 1, 5, 10 and 20 on one CPU get exactly 1:5:10:20 of it.",
                    "the hogs' weights, from 1 to 20 (default 1 5 10 20)"),
            new Example("Trial-division prime factorizer", Factorizer.class,
                    "The lab's CPU-bound program: same work at every weight, turnaround shrinks as the weight grows.",
                    "the number to factor (default " + Factorizer.DEFAULT_NUMBER + ")"),
            new Example("Prime factorizer at weights 1-20", FactorizerRace.class,
                    "Twenty factorizers compete for CPU 0; each prints its turnaround, falling with its weight.",
                    "the number to factor (default " + Factorizer.DEFAULT_NUMBER
                            + "), then the children's weights (default 20 down to 1)"),
            new Example("CPU-bound vs I/O-bound", CpuVsIo.class,
                    "Under SCHED_WRR a woken I/O task waits for the hog's slice; under SCHED_NORMAL it preempts it.",
                    "the policy: SCHED_WRR (default), SCHED_NORMAL, SCHED_BATCH or SCHED_IDLE"),
            new Example("Thread placement: the thread-group tie-break", ThreadPlacement.class,
                    "New threads go to the least loaded CPU, and on a tie to the CPU running their thread group."),
            new Example("Load balancing", LoadBalance.class,
                    "Hogs forced onto CPU 0 and released are spread by the balancer, one task per period.",
                    "the hogs' weights, from 1 to 20 (default 10 8 6 4 2 1)"),
            new Example("RT vs WRR vs NORMAL", PriorityClasses.class,
                    "The classes run in the order RT, WRR, fair, whatever the order of the forks."),
            new Example("Test program for the weight system calls", WeightSyscalls.class,
                    "Calls sched_setweight/getweight and sched_setscheduler and prints each result or errno.")));

    private static final Topic USER_MEMORY = new Topic("Memory: user space (malloc, mmap, demand paging, copy-on-write)",
            "Programs that look at their own address space: where code, heap and stack are, malloc and free, file "
                    + "and shared mappings, demand paging and copy-on-write.", List.of(
            new Example("Where are code, heap and stack", WhereInMemory.class,
                    "Addresses of main, globals, malloc'ed blocks and locals, each marked in the program's own /proc/self/maps."),
            new Example("malloc/free and the common errors", MallocErrors.class,
                    "Correct use, then (by argument) an unallocated pointer, an overflow, a use after free, a double free, "
                            + "an invalid free and a leak, as the kernel, glibc and the sanitizers report them.",
                    "the mistake: " + String.join(", ", MallocErrors.MISTAKES) + " (default: none, correct use)"),
            new Example("mmap of a text file", MmapFile.class,
                    "A file mapped MAP_SHARED is read and changed through memory; msync, munmap, and read() sees the change."),
            new Example("Two processes sharing a MAP_SHARED mapping", SharedMapping.class,
                    "After fork the parent sees the child's write to the shared page, not to the private one."),
            new Example("brk growth and demand paging", DemandPaging.class,
                    "sbrk grows VmData at once; VmRSS grows only when pages are written, one fault per page."),
            new Example("fork and copy-on-write", CopyOnWrite.class,
                    "After fork every page is shared until written: faults, RSS, Shared/Private_Dirty and free memory "
                            + "per step.")));

    private static final Topic KERNEL_MEMORY = new Topic("Memory: kernel (kmalloc, slab caches, pages)",
            "Kernel modules, loaded with insmod, that use the slab layer, kmalloc and the page allocator; "
                    + "they print to the kernel log (dmesg).", List.of(
            new Example("A slab cache for your own struct", StudentCache.class,
                    "kmem_cache_create/alloc/free/destroy; the cache's line in /proc/slabinfo."),
            new Example("alloc_pages at several orders", PageOrders.class,
                    "Blocks of 1 to 1024 pages split and merge in the buddy allocator; /proc/buddyinfo before and after."),
            new Example("kmalloc of various sizes", KmallocSizes.class,
                    "Which kmalloc-N cache serves each size, what ksize returns, and when pages are used instead.")));

    private static final List<Topic> TOPICS = List.of(SCHEDULING, USER_MEMORY, KERNEL_MEMORY);

    private Examples() {
    }

    /** @return the topics of the course with their examples: scheduling, memory in user space, memory in the kernel */
    public static List<Topic> topics() {
        return TOPICS;
    }

    /** @return every example, topic after topic */
    public static List<Example> all() {
        return TOPICS.stream().flatMap(t -> t.examples().stream()).toList();
    }
}
