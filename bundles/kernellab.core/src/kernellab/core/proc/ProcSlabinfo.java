package kernellab.core.proc;

import java.util.List;

import kernellab.core.mm.SlabCacheStats;

/**
 * /proc/slabinfo, version 2.1, as SLUB prints it ({@code print_slabinfo_header()} and
 * {@code cache_show()} in mm/slab_common.c): SLUB has no per-cache tunables, so they and
 * {@code sharedavail} are 0, and every slab counts as active.
 */
public final class ProcSlabinfo {

    /** The two header lines. */
    public static final String HEADER = "slabinfo - version: 2.1\n"
            + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
            + " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

    private ProcSlabinfo() {
    }

    /**
     * @param caches the caches, newest first (as {@code PhysicalMemory.slabInfo()} returns them)
     * @return the file's contents
     */
    public static String render(List<SlabCacheStats> caches) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (SlabCacheStats c : caches) {
            sb.append(line(c)).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param c one cache
     * @return its line, without line terminator
     */
    public static String line(SlabCacheStats c) {
        return String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d", c.name(), c.activeObjs(),
                c.numObjs(), c.objSize(), c.objPerSlab(), c.pagesPerSlab(), 0, 0, 0, c.activeSlabs(), c.numSlabs(), 0);
    }
}
