package kernellab.core.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kernellab.core.mm.Zone;

/**
 * /proc/zoneinfo as {@code zoneinfo_show()} in mm/vmstat.c prints it: every zone of node 0,
 * populated or not ({@code walk_zones_in_node()} without {@code assert_populated}, so that the
 * effect of {@code lowmem_reserve_ratio} shows), each from {@code zoneinfo_show_print()}:
 * <ul>
 * <li>{@code "Node %d, zone %8s"}; under the first populated zone the node's counters
 * ({@code per-node stats});</li>
 * <li>free pages, watermark boost, min, low, high and promo, spanned, present, managed and CMA
 * pages, and {@code protection: (…)}, the zone's {@code lowmem_reserve[]} for each zone index;
 * an unpopulated zone ends there;</li>
 * <li>the zone's counters, then {@code pagesets}: per online CPU the per-CPU page list's count,
 * high, batch, high_min and high_max, and the counters' {@code vm stats threshold};</li>
 * <li>{@code node_unreclaimable} and {@code start_pfn}.</li>
 * </ul>
 * Counters use {@code "\n      %-12s %lu"}. Of the node and zone counters, those the simulation
 * keeps are printed, in the kernel's order, then the zone's NUMA events of CONFIG_NUMA (one node:
 * every allocation a hit and local). Per-CPU page lists are not simulated: each pageset
 * holds no pages and its {@code high} is {@code high_min}, where an idle CPU's list decays to
 * ({@code decay_pcp_high()}); no zone is boosted ({@code watermark_boost_factor} acts on
 * fragmentation events), and kswapd never gives up on the node.
 */
public final class ProcZoneinfo {

    private ProcZoneinfo() {
    }

    /**
     * @param zones all zones of the node, ZONE_DMA first
     * @param nrCpus online CPUs
     * @param nodeStats the node's counters the simulation keeps, by their /proc/vmstat names, in the kernel's order
     * @return the file's contents
     */
    public static String render(List<Zone> zones, int nrCpus, Map<String, Long> nodeStats) {
        StringBuilder sb = new StringBuilder();
        Zone firstPopulated = zones.stream().filter(Zone::populated).findFirst().orElse(null);
        for (Zone z : zones) {
            sb.append(String.format("Node %d, zone %8s", 0, z.name()));
            if (z == firstPopulated) {
                sb.append("\n  per-node stats");
                nodeStats.forEach((name, value) -> counter(sb, name, value));
            }
            sb.append(String.format("\n  pages free     %d", z.freePages()));
            sb.append(String.format("\n        boost    %d", 0));
            sb.append(String.format("\n        min      %d", z.watermarkMin()));
            sb.append(String.format("\n        low      %d", z.watermarkLow()));
            sb.append(String.format("\n        high     %d", z.watermarkHigh()));
            sb.append(String.format("\n        promo    %d", z.watermarkPromo()));
            sb.append(String.format("\n        spanned  %d", z.spannedPages()));
            sb.append(String.format("\n        present  %d", z.presentPages()));
            sb.append(String.format("\n        managed  %d", z.managedPages()));
            sb.append(String.format("\n        cma      %d", 0));
            sb.append(String.format("\n        protection: (%d", z.lowmemReserve(0)));
            for (int i = 1; i < Zone.MAX_NR_ZONES; i++) {
                sb.append(", ").append(z.lowmemReserve(i));
            }
            sb.append(')');
            if (!z.populated()) {
                sb.append('\n');
                continue;
            }
            counter(sb, "nr_free_pages", z.freePages());
            counter(sb, "nr_free_pages_blocks", z.freePagesBlocks());
            counter(sb, "nr_free_cma", 0);
            numaStats(z.numaHit()).forEach((name, value) -> counter(sb, name, value));
            sb.append("\n  pagesets");
            for (int cpu = 0; cpu < nrCpus; cpu++) {
                sb.append(String.format("\n    cpu: %d", cpu));
                sb.append(String.format("\n              count:    %d", 0));
                sb.append(String.format("\n              high:     %d", z.pagesetHighMin()));
                sb.append(String.format("\n              batch:    %d", z.pagesetBatch()));
                sb.append(String.format("\n              high_min: %d", z.pagesetHighMin()));
                sb.append(String.format("\n              high_max: %d", z.pagesetHighMax()));
                sb.append(String.format("\n  vm stats threshold: %d", z.statThreshold()));
            }
            sb.append(String.format("\n  node_unreclaimable:  %d", 0));
            sb.append(String.format("\n  start_pfn:           %d", z.startPfn()));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The {@code enum numa_stat_item} counters of one node ({@code zone_statistics()}): every
     * allocation is on the preferred node ({@code numa_hit}) and the local one ({@code numa_local}).
     *
     * @param allocations the allocations served
     * @return the counters by name, in the kernel's order
     */
    static Map<String, Long> numaStats(long allocations) {
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("numa_hit", allocations);
        stats.put("numa_miss", 0L);
        stats.put("numa_foreign", 0L);
        stats.put("numa_interleave", 0L);
        stats.put("numa_local", allocations);
        stats.put("numa_other", 0L);
        return stats;
    }

    private static void counter(StringBuilder sb, String name, long value) {
        sb.append(String.format("\n      %-12s %d", name, value));
    }
}
