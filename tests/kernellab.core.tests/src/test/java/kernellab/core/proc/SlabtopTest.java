package kernellab.core.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.core.mm.SlabCacheStats;

/** slabtop's layout and sort keys, character for character, on lines taken from a real /proc/slabinfo. */
class SlabtopTest {

    private static SlabCacheStats cache(String name, long active, long num, int size, int perSlab, int pages, long slabs) {
        return new SlabCacheStats(name, active, num, size, perSlab, pages, slabs, slabs, 0, 0, 0);
    }

    /** In /proc/slabinfo order. */
    private static final List<SlabCacheStats> CACHES = List.of(
            cache("pid", 96, 96, 128, 32, 1, 3),
            cache("anon_vma", 46, 46, 88, 46, 1, 1),
            cache("kmalloc-64", 2624, 2624, 64, 64, 1, 41),
            cache("kmalloc-8k", 12, 12, 8192, 4, 8, 3),
            cache("task_struct", 57, 60, 5632, 5, 8, 12),
            cache("dma-kmalloc-8", 0, 0, 8, 512, 1, 0));

    @Test
    void onceOutputMatchesProcps() {
        assertEquals(String.join("\n",
                " Active / Total Objects (% used)    : 2835 / 2838 (99.9%)",
                " Active / Total Slabs (% used)      : 60 / 60 (100.0%)",
                " Active / Total Caches (% used)     : 5 / 6 (83.3%)",
                " Active / Total Size (% used)       : 589.45K / 605.95K (97.3%)",
                " Minimum / Average / Maximum Object : 0.01K / 0.21K / 8.00K",
                "",
                "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME                   ",
                "  2624   2624 100%    0.06K     41       64       164K kmalloc-64             ",
                "    96     96 100%    0.12K      3       32        12K pid                    ",
                "    60     57  95%    5.50K     12        5       384K task_struct            ",
                "    46     46 100%    0.09K      1       46         4K anon_vma               ",
                "    12     12 100%    8.00K      3        4        96K kmalloc-8k             ",
                "     0      0   0%    0.01K      0      512         0K dma-kmalloc-8          ",
                ""), Slabtop.render(CACHES));
    }

    @ParameterizedTest(name = "-s {0}")
    @CsvSource(delimiter = '|', value = {
        "o | kmalloc-64 pid task_struct anon_vma kmalloc-8k dma-kmalloc-8",
        "x | kmalloc-64 pid task_struct anon_vma kmalloc-8k dma-kmalloc-8",
        "n | anon_vma dma-kmalloc-8 kmalloc-64 kmalloc-8k pid task_struct",
        "a | kmalloc-64 pid task_struct anon_vma kmalloc-8k dma-kmalloc-8",
        "s | kmalloc-8k task_struct pid anon_vma kmalloc-64 dma-kmalloc-8",
        "b | dma-kmalloc-8 kmalloc-64 anon_vma pid task_struct kmalloc-8k",
        "p | kmalloc-8k task_struct pid anon_vma kmalloc-64 dma-kmalloc-8",
        "l | kmalloc-64 task_struct pid kmalloc-8k anon_vma dma-kmalloc-8",
        "v | kmalloc-64 task_struct pid kmalloc-8k anon_vma dma-kmalloc-8",
        "c | task_struct kmalloc-64 kmalloc-8k pid anon_vma dma-kmalloc-8",
        "u | pid anon_vma kmalloc-64 kmalloc-8k task_struct dma-kmalloc-8" })
    void sortKeys(char key, String names) {
        assertEquals(names, String.join(" ", Slabtop.sort(CACHES, key).stream().map(SlabCacheStats::name).toList()));
    }
}
