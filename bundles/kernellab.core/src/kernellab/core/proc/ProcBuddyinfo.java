package kernellab.core.proc;

import java.util.List;

import kernellab.core.mm.ZoneFreeAreas;

/**
 * /proc/buddyinfo as {@code frag_show()} in mm/vmstat.c prints it: one line per populated
 * zone, {@code "Node %d, zone %8s "} followed by {@code "%6lu "} for each order 0 … 10.
 */
public final class ProcBuddyinfo {

    private ProcBuddyinfo() {
    }

    /**
     * @param zones the populated zones' free areas
     * @return the file's contents
     */
    public static String render(List<ZoneFreeAreas> zones) {
        StringBuilder sb = new StringBuilder();
        for (ZoneFreeAreas z : zones) {
            sb.append(line(z)).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param z one zone
     * @return its line, without line terminator (it ends with a blank, as the kernel's does)
     */
    public static String line(ZoneFreeAreas z) {
        StringBuilder sb = new StringBuilder(String.format("Node %d, zone %8s ", z.node(), z.zone()));
        for (long n : z.nrFree()) {
            sb.append(String.format("%6d ", n));
        }
        return sb.toString();
    }
}
