package kernellab.core.proc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.SlabCacheStats;

/**
 * {@code slabtop --once} of procps-ng: five summary lines, a blank line, the heading, and one
 * line per cache, computed from /proc/slabinfo as libproc2 does (utilisation as
 * {@code (unsigned)(100 * ((float)active / total))}, cache size as
 * {@code num_slabs * pages_per_slab * PAGE_SIZE}, average object size as total bytes over
 * total objects).
 *
 * <p>Sort keys as {@code slabtop -s}: {@code a} active objects, {@code b} objects per slab,
 * {@code c} cache size, {@code l} slabs, {@code v} active slabs, {@code n} name (ascending),
 * {@code o} objects (the default, also for unknown keys), {@code p} pages per slab,
 * {@code s} object size, {@code u} utilisation; numbers sort descending. Equal keys keep the
 * /proc/slabinfo order (procps's {@code qsort} leaves it unspecified).
 */
public final class Slabtop {

    /** The table heading, padded to 78 columns as {@code "%-78s"} prints it. */
    public static final String HEADING = String.format("%-78s", "  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME");

    private Slabtop() {
    }

    /**
     * @param caches the caches in /proc/slabinfo order
     * @param sortKey one of {@code abclvnopsu}; anything else sorts by objects
     * @return the output of {@code slabtop -o -s <sortKey>}
     */
    public static String render(List<SlabCacheStats> caches, char sortKey) {
        StringBuilder sb = new StringBuilder();
        summary(sb, caches);
        sb.append(HEADING).append('\n');
        for (SlabCacheStats c : sort(caches, sortKey)) {
            sb.append(String.format("%6d %6d %3d%% %sK %6d %8d %9dK %-23s\n", c.numObjs(), c.activeObjs(), use(c),
                    CFormat.fixed(c.objSize() / 1024.0, 7, 2), c.numSlabs(), c.objPerSlab(), cacheSize(c) / 1024, c.name()));
        }
        return sb.toString();
    }

    /**
     * @param caches the caches in /proc/slabinfo order
     * @return the output of {@code slabtop -o} (sorted by number of objects)
     */
    public static String render(List<SlabCacheStats> caches) {
        return render(caches, 'o');
    }

    /** The USE column: {@code (unsigned int)(100 * ((float)active / total))}, 0 for an empty cache. */
    static int use(SlabCacheStats c) {
        return c.numObjs() == 0 ? 0 : (int) (100 * ((float) c.activeObjs() / c.numObjs()));
    }

    static long cacheSize(SlabCacheStats c) {
        return c.numSlabs() * c.pagesPerSlab() * PhysicalMemory.PAGE_SIZE;
    }

    /**
     * @param caches the caches in /proc/slabinfo order
     * @param sortKey the key
     * @return the caches in slabtop's order
     */
    public static List<SlabCacheStats> sort(List<SlabCacheStats> caches, char sortKey) {
        Comparator<SlabCacheStats> order = switch (Character.toLowerCase(sortKey)) {
            case 'n' -> Comparator.comparing(SlabCacheStats::name);
            case 'a' -> Comparator.comparingLong(SlabCacheStats::activeObjs).reversed();
            case 's' -> Comparator.comparingInt(SlabCacheStats::objSize).reversed();
            case 'b' -> Comparator.comparingInt(SlabCacheStats::objPerSlab).reversed();
            case 'p' -> Comparator.comparingInt(SlabCacheStats::pagesPerSlab).reversed();
            case 'l' -> Comparator.comparingLong(SlabCacheStats::numSlabs).reversed();
            case 'v' -> Comparator.comparingLong(SlabCacheStats::activeSlabs).reversed();
            case 'c' -> Comparator.comparingLong(Slabtop::cacheSize).reversed();
            case 'u' -> Comparator.comparingInt(Slabtop::use).reversed();
            default -> Comparator.comparingLong(SlabCacheStats::numObjs).reversed();
        };
        List<SlabCacheStats> out = new ArrayList<>(caches);
        out.sort(order);
        return out;
    }

    private static void summary(StringBuilder sb, List<SlabCacheStats> caches) {
        long objs = 0;
        long active = 0;
        long slabs = 0;
        long activeSlabs = 0;
        long activeCaches = 0;
        long totalSize = 0;
        long activeSize = 0;
        long minSize = Integer.MAX_VALUE;
        long maxSize = 0;
        for (SlabCacheStats c : caches) {
            objs += c.numObjs();
            active += c.activeObjs();
            slabs += c.numSlabs();
            activeSlabs += c.activeSlabs();
            if (c.numObjs() > 0) {
                activeCaches++;
            }
            totalSize += c.numObjs() * c.objSize();
            activeSize += c.activeObjs() * c.objSize();
            minSize = Math.min(minSize, c.objSize());
            maxSize = Math.max(maxSize, c.objSize());
        }
        long avgSize = objs == 0 ? 0 : totalSize / objs;
        sb.append(String.format(" %-35s: %d / %d (%s%%)\n", "Active / Total Objects (% used)", active, objs,
                CFormat.fixed(100.0 * active / objs, 1)));
        sb.append(String.format(" %-35s: %d / %d (%s%%)\n", "Active / Total Slabs (% used)", activeSlabs, slabs,
                CFormat.fixed(100.0 * activeSlabs / slabs, 1)));
        sb.append(String.format(" %-35s: %d / %d (%s%%)\n", "Active / Total Caches (% used)", activeCaches, caches.size(),
                CFormat.fixed(100.0 * activeCaches / caches.size(), 1)));
        sb.append(String.format(" %-35s: %sK / %sK (%s%%)\n", "Active / Total Size (% used)", CFormat.fixed(activeSize / 1024.0, 2),
                CFormat.fixed(totalSize / 1024.0, 2), CFormat.fixed(100.0 * activeSize / totalSize, 1)));
        sb.append(String.format(" %-35s: %sK / %sK / %sK\n\n", "Minimum / Average / Maximum Object", CFormat.fixed(minSize / 1024.0, 2),
                CFormat.fixed(avgSize / 1024.0, 2), CFormat.fixed(maxSize / 1024.0, 2)));
    }
}
