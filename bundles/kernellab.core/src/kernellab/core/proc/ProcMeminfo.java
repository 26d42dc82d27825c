package kernellab.core.proc;

import kernellab.core.mm.MemInfo;
import kernellab.core.mm.PageTable;
import kernellab.core.mm.PhysicalMemory;

/**
 * /proc/meminfo, the lines the memory subsystem counts, in the kernel's order and format
 * ({@code show_val_kb()} in fs/proc/meminfo.c: a 16-column label, the value in kB right
 * aligned in 8 columns, {@code " kB"}).
 */
public final class ProcMeminfo {

    private ProcMeminfo() {
    }

    /**
     * @param m the counters
     * @return the file's contents
     */
    public static String render(MemInfo m) {
        StringBuilder sb = new StringBuilder();
        line(sb, "MemTotal:", m.totalRam());
        line(sb, "MemFree:", m.free());
        line(sb, "KReclaimable:", m.slabReclaimable());
        line(sb, "Slab:", m.slab());
        line(sb, "SReclaimable:", m.slabReclaimable());
        line(sb, "SUnreclaim:", m.slabUnreclaimable());
        line(sb, "KernelStack:", m.kernelStack());
        line(sb, "PageTables:", m.pageTables());
        line(sb, "AnonHugePages:", m.anonThps() << PageTable.HPAGE_PMD_ORDER);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, long pages) {
        sb.append(String.format("%-16s%8d kB\n", label, pages << (PhysicalMemory.PAGE_SHIFT - 10)));
    }
}
