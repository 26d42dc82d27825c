package kernellab.examples.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class StudentCacheTest {

    @Test
    void theCacheAppearsInSlabinfoWithItsAlignedSizeAndGoesAwayOnRmmod() {
        ModuleRun run = ModuleRun.of(new StudentCache());
        assertEquals(List.of("student_cache: object_size 96, size 128, 32 objects per slab, 1 page(s) per slab",
                "student_cache: 100 students in 4 slabs, constructor ran 128 times",
                "student_cache: student 41 is \"student-41\"",
                "student_cache: freed 50, 50 in use",
                "student_cache: destroyed"), run.dmesg());
        assertEquals("student_cache         50    128    128   32    1 : tunables    0    0    0 : slabdata      4      4      0",
                ModuleRun.slabLine(run.slabinfoLoaded(), "student_cache"));
        assertNull(ModuleRun.slabLine(run.slabinfoAfter(), "student_cache"));
        ModuleRun noop = ModuleRun.noop();
        assertEquals(ModuleRun.freePages(noop.buddyLoaded(), "DMA32") - 4, ModuleRun.freePages(run.buddyLoaded(), "DMA32"),
                "four one-page slabs");
        assertEquals(ModuleRun.freePages(noop.buddyAfter(), "DMA32"), ModuleRun.freePages(run.buddyAfter(), "DMA32"),
                "kmem_cache_destroy gave every slab back");
    }
}
