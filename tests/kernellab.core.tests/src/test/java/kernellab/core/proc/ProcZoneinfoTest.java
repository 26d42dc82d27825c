package kernellab.core.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kernellab.api.Gfp;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;

/**
 * /proc/zoneinfo ({@code zoneinfo_show_print()} in mm/vmstat.c) and /proc/buddyinfo
 * ({@code frag_show_print()}) of a freshly booted 32 MiB machine with 2 CPUs: ZONE_DMA and
 * ZONE_DMA32 populated, ZONE_NORMAL, ZONE_MOVABLE and ZONE_DEVICE listed in zoneinfo with their
 * watermarks and protection only, and left out of buddyinfo. The boot took 42 pages of ZONE_DMA32
 * (GFP_KERNEL starts at ZONE_NORMAL, which is empty): 38 of slabs and the 16 kB kernel stack of
 * init, as the per-node stats say.
 */
class ProcZoneinfoTest {

    private Kernel k;

    @BeforeEach
    void boot() {
        k = new Kernel(MachineConfig.builder().cpus(2).memoryBytes(32L << 20).build());
    }

    @AfterEach
    void shutdown() {
        k.close();
    }

    /** {@code zoneinfo_show()}: all zones ({@code walk_zones_in_node(..., false, ...)}), unpopulated ones up to {@code protection}. */
    @Test
    void zoneinfoListsEveryZoneAndDetailsThePopulatedOnes() {
        String pageset = """
                              count:    0
                              high:     56
                              batch:    1
                              high_min: 56
                              high_max: %d
                  vm stats threshold: 4
                """;
        assertEquals("""
                Node 0, zone      DMA
                  per-node stats
                      nr_slab_reclaimable 0
                      nr_slab_unreclaimable 38
                      nr_anon_pages 0
                      nr_mapped    0
                      nr_file_pages 0
                      nr_dirty     0
                      nr_shmem     0
                      nr_anon_transparent_hugepages 0
                      nr_kernel_stack 16
                      nr_page_table_pages 0
                  pages free     4095
                        boost    0
                        min      90
                        low      112
                        high     134
                        promo    156
                        spanned  4095
                        present  4095
                        managed  4095
                        cma      0
                        protection: (0, 16, 16, 16, 16)
                      nr_free_pages 4095
                      nr_free_pages_blocks 3584
                      nr_free_cma  0
                      numa_hit     0
                      numa_miss    0
                      numa_foreign 0
                      numa_interleave 0
                      numa_local   0
                      numa_other   0
                  pagesets
                    cpu: 0
                """ + pageset.formatted(255) + "    cpu: 1\n" + pageset.formatted(255) + """
                  node_unreclaimable:  0
                  start_pfn:           1
                Node 0, zone    DMA32
                  pages free     4054
                        boost    0
                        min      90
                        low      112
                        high     134
                        promo    156
                        spanned  4096
                        present  4096
                        managed  4096
                        cma      0
                        protection: (0, 0, 0, 0, 0)
                      nr_free_pages 4054
                      nr_free_pages_blocks 3584
                      nr_free_cma  0
                      numa_hit     13
                      numa_miss    0
                      numa_foreign 0
                      numa_interleave 0
                      numa_local   13
                      numa_other   0
                  pagesets
                    cpu: 0
                """ + pageset.formatted(256) + "    cpu: 1\n" + pageset.formatted(256) + """
                  node_unreclaimable:  0
                  start_pfn:           4096
                Node 0, zone   Normal
                  pages free     0
                        boost    0
                        min      0
                        low      0
                        high     0
                        promo    0
                        spanned  0
                        present  0
                        managed  0
                        cma      0
                        protection: (0, 0, 0, 0, 0)
                Node 0, zone  Movable
                  pages free     0
                        boost    0
                        min      32
                        low      32
                        high     32
                        promo    32
                        spanned  0
                        present  0
                        managed  0
                        cma      0
                        protection: (0, 0, 0, 0, 0)
                Node 0, zone   Device
                  pages free     0
                        boost    0
                        min      0
                        low      0
                        high     0
                        promo    0
                        spanned  0
                        present  0
                        managed  0
                        cma      0
                        protection: (0, 0, 0, 0, 0)
                """, k.procFs().read("/proc/zoneinfo"));
    }

    /** {@code frag_show()}: populated zones only ({@code walk_zones_in_node(..., true, ...)}). */
    @Test
    void buddyinfoListsThePopulatedZones() {
        assertEquals("""
                Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n\
                Node 0, zone    DMA32      0      1      1      0      1      0      1      1      1      1      3 \n""",
                k.procFs().read("/proc/buddyinfo"));
    }

    /**
     * /proc/vmstat's zone lines: {@code pgalloc_<zone>} counts pages ({@code __count_zid_vm_events(PGALLOC,
     * ..., 1 << order)} in {@code rmqueue_buddy()}), {@code numa_hit}/{@code numa_local} allocations
     * ({@code zone_statistics()}). GFP_KERNEL starts at the empty ZONE_NORMAL and is served by
     * ZONE_DMA32; GFP_DMA by ZONE_DMA.
     */
    @Test
    void vmstatCountsThePagesEachZoneServed() {
        String before = zoneLines(k.procFs().read("/proc/vmstat"));
        var mem = k.memory().physicalMemory();
        mem.allocPages(Gfp.GFP_DMA, 2);
        mem.allocPages(Gfp.GFP_KERNEL, 3);
        mem.allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertEquals("""
                nr_free_pages 8136
                nr_free_pages_blocks 7168
                nr_free_cma 0
                numa_hit 16
                numa_miss 0
                numa_foreign 0
                numa_interleave 0
                numa_local 16
                numa_other 0
                pgalloc_dma 4
                pgalloc_dma32 51
                pgalloc_normal 0
                pgalloc_movable 0
                pgalloc_device 0
                """, zoneLines(k.procFs().read("/proc/vmstat")), "13 more pages in 3 more allocations");
        assertEquals("""
                nr_free_pages 8149
                nr_free_pages_blocks 7168
                nr_free_cma 0
                numa_hit 13
                numa_miss 0
                numa_foreign 0
                numa_interleave 0
                numa_local 13
                numa_other 0
                pgalloc_dma 0
                pgalloc_dma32 42
                pgalloc_normal 0
                pgalloc_movable 0
                pgalloc_device 0
                """, before, "the boot's 42 pages (38 of slabs, init's 16 kB stack) in 13 allocations, all from ZONE_DMA32");
    }

    private static String zoneLines(String vmstat) {
        StringBuilder sb = new StringBuilder();
        for (String line : vmstat.split("\n")) {
            if (line.startsWith("nr_free_") || line.startsWith("numa_") || line.startsWith("pgalloc_")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
