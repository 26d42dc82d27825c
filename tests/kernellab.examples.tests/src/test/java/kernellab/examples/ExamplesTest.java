package kernellab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.List;

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
