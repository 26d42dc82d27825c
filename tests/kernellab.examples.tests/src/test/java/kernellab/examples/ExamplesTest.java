package kernellab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kernellab.api.KernelModule;
import kernellab.api.Workload;

class ExamplesTest {

    @Test
    void theCatalogueListsEveryExampleOnceWithItsKind() {
        assertEquals(List.of("CpuHogs", "Factorizer", "FactorizerRace", "CpuVsIo", "ThreadPlacement", "LoadBalance",
                "PriorityClasses", "WeightSyscalls", "WhereInMemory", "MallocErrors", "MmapFile", "SharedMapping",
                "DemandPaging", "CopyOnWrite", "StudentCache", "PageOrders", "KmallocSizes"),
                Examples.all().stream().map(e -> e.type().getSimpleName()).toList());
        assertEquals(List.of(false, false, false, false, false, false, false, false, false, false, false, false, false,
                false, true, true, true), Examples.all().stream().map(Example::isKernelModule).toList());
        assertEquals(Examples.all().size(), Examples.all().stream().map(Example::title).distinct().count());
    }

    /**
     * The wizard's tree: every topic is one package of the examples bundle (the wizard copies an
     * example's whole package), and the kernel topic is exactly the kernel modules.
     */
    @Test
    void theTopicsGroupTheExamplesByPackageInTheOrderOfTheLectures() {
        assertEquals(List.of("Scheduling (SCHED_WRR lab)", "Memory: user space (malloc, mmap, demand paging, copy-on-write)",
                "Memory: kernel (kmalloc, slab caches, pages)"), Examples.topics().stream().map(Topic::title).toList());
        assertEquals(List.of(Set.of("kernellab.examples.sched"), Set.of("kernellab.examples.addressspace"),
                Set.of("kernellab.examples.memory")), Examples.topics().stream()
                        .map(t -> t.examples().stream().map(e -> e.type().getPackageName()).collect(Collectors.toSet()))
                        .toList());
        assertEquals(List.of(8, 6, 3), Examples.topics().stream().map(t -> t.examples().size()).toList());
        assertEquals(Examples.topics().get(2).examples(), Examples.all().stream().filter(Example::isKernelModule).toList());
    }

    /** The description the wizard shows names the arguments of exactly the examples that read {@code argv}. */
    @Test
    void theExamplesThatTakeArgumentsSayWhichAndTheirDefaults() {
        assertEquals(List.of("CpuHogs", "Factorizer", "FactorizerRace", "CpuVsIo", "LoadBalance", "MallocErrors"),
                Examples.all().stream().filter(e -> !e.arguments().isEmpty()).map(e -> e.type().getSimpleName()).toList());
        assertEquals("the number to factor (default 59259784889544), then the children's weights (default 20 down to 1)",
                example("FactorizerRace").arguments());
        assertEquals("the mistake: unallocated, overflow, use-after-free, double-free, invalid-free, leak "
                + "(default: none, correct use)", example("MallocErrors").arguments());
    }

    private static Example example(String simpleName) {
        return Examples.all().stream().filter(e -> e.type().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    /** What the runner and the wizard need: a public class with a public no-argument constructor. */
    @Test
    void everyExampleCanBeCreatedByName() throws ReflectiveOperationException {
        for (Example e : Examples.all()) {
            Class<?> c = Class.forName(e.type().getName());
            assertTrue(Modifier.isPublic(c.getModifiers()), e.title());
            Object instance = c.getConstructor().newInstance();
            assertTrue(e.isKernelModule() ? instance instanceof KernelModule : instance instanceof Workload, e.title());
        }
    }
}
