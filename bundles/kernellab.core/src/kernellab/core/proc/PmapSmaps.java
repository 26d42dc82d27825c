package kernellab.core.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * procps-ng 4.x's {@code print_extended_maps} ({@code src/pmap.c}), behind {@code pmap -X} and
 * {@code pmap -XX}: it reads /proc/PID/smaps twice, first measuring, then printing. Every
 * {@code Name: N} line of the first mapping becomes a column (so {@code THPeligible} is one, and
 * the columns change with the kernel's smaps), headed by its name and as wide as the name or the
 * column's total; Address, Perm, Offset, Device and Inode are as wide as their widest value (or
 * heading), right-aligned; VmFlags (-XX only) as wide as the longest flag list; then the
 * mapping's base name. The footer underlines each column with {@code =} and prints the totals
 * followed by {@code KB}. {@code -X} leaves out the fields of {@code is_unimportant}.
 */
final class PmapSmaps {

    /** {@code is_unimportant}: the fields {@code -X} does not show. */
    private static final Set<String> UNIMPORTANT = Set.of("AnonHugePages", "KernelPageSize", "MMUPageSize", "Shared_Dirty",
            "Private_Dirty", "Shared_Clean", "Private_Clean", "VmFlags");

    /** One mapping of smaps: its header fields, its {@code Name: N} values in order, its VmFlags. */
    private record Mapping(String start, String perms, String offset, String dev, String inode, String desc,
            Map<String, String> values, String vmFlags) {
    }

    private PmapSmaps() {
    }

    /**
     * Appends the table.
     *
     * @param out where pmap's header line already is
     * @param smaps /proc/PID/smaps
     * @param everything {@code -XX} rather than {@code -X}
     */
    static void print(StringBuilder out, String smaps, boolean everything) {
        List<Mapping> maps = parse(smaps);
        if (maps.isEmpty()) {
            return;
        }
        List<String> fields = new ArrayList<>();
        for (String key : maps.get(0).values().keySet()) {
            if (everything || !UNIMPORTANT.contains(key)) {
                fields.add(key);
            }
        }
        int w1 = 0;
        int w2 = 0;
        int w3 = 0;
        int w4 = 0;
        int w5 = 0;
        int wv = 0;
        boolean hasVmFlags = false;
        long[] totals = new long[fields.size()];
        for (Mapping m : maps) {
            w1 = Math.max(w1, m.start().length());
            w2 = Math.max(w2, m.perms().length());
            w3 = Math.max(w3, m.offset().length());
            w4 = Math.max(w4, m.dev().length());
            w5 = Math.max(w5, m.inode().length());
            for (int i = 0; i < fields.size(); i++) {
                totals[i] += Long.parseLong(m.values().getOrDefault(fields.get(i), "0"));
            }
            if (m.vmFlags() != null) {
                hasVmFlags = true;
                wv = Math.max(wv, m.vmFlags().length());
            }
        }
        int[] widths = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            widths[i] = Math.max(fields.get(i).length(), Long.toString(totals[i]).length());
        }
        boolean flags = hasVmFlags && everything;
        w1 = justify(out, "Address", w1);
        w2 = justify(out, "Perm", w2);
        w3 = justify(out, "Offset", w3);
        w4 = justify(out, "Device", w4);
        w5 = justify(out, "Inode", w5);
        for (int i = 0; i < fields.size(); i++) {
            justify(out, fields.get(i), widths[i]);
        }
        if (flags) {
            wv = justify(out, "VmFlags", wv);
        }
        out.append("Mapping\n");
        for (Mapping m : maps) {
            out.append(String.format("%" + w1 + "s %" + w2 + "s %" + w3 + "s %" + w4 + "s %" + w5 + "s", m.start(), m.perms(),
                    m.offset(), m.dev(), m.inode()));
            for (int i = 0; i < fields.size(); i++) {
                out.append(String.format(" %" + widths[i] + "s", m.values().getOrDefault(fields.get(i), "")));
            }
            if (flags) {
                out.append(String.format(" %" + wv + "s", m.vmFlags() == null ? "" : m.vmFlags()));
            }
            out.append(' ').append(m.desc().substring(m.desc().lastIndexOf('/') + 1)).append('\n');
        }
        String gap = " ".repeat(w1 + w2 + w3 + w4 + w5 + 5);
        out.append(gap);
        for (int w : widths) {
            out.append("=".repeat(w)).append(' ');
        }
        out.append('\n').append(gap);
        for (int i = 0; i < fields.size(); i++) {
            out.append(String.format("%" + widths[i] + "d ", totals[i]));
        }
        out.append("KB \n");
    }

    /** {@code justify_print(str, width, 1)}: right-aligned in at least {@code width} columns, a space after; returns the width used. */
    private static int justify(StringBuilder out, String s, int width) {
        int w = Math.max(width, s.length());
        out.append(String.format("%" + w + "s ", s));
        return w;
    }

    /**
     * Reads smaps as {@code print_extended_maps}'s sscanf calls do: a header line per mapping,
     * then the lines matching {@code "%[^:]: %[0-9]"} (a name, a colon, digits: the kB fields and
     * THPeligible), then an optional {@code VmFlags:} line without its trailing space.
     */
    private static List<Mapping> parse(String smaps) {
        List<Mapping> maps = new ArrayList<>();
        String[] lines = smaps.split("\n");
        int i = 0;
        while (i < lines.length) {
            String[] f = lines[i++].split(" +", 6);
            String desc = f.length > 5 ? f[5].strip() : "";
            Map<String, String> values = new LinkedHashMap<>();
            String[] kv;
            while (i < lines.length && (kv = detail(lines[i])) != null) {
                values.put(kv[0], kv[1]);
                i++;
            }
            String vmFlags = null;
            if (i < lines.length && lines[i].startsWith("VmFlags: ")) {
                vmFlags = lines[i++].substring("VmFlags: ".length()).stripTrailing();
            }
            String[] range = f[0].split("-");
            maps.add(new Mapping(range[0], f[1], f[2], f[3], f[4], desc, values, vmFlags));
        }
        return maps;
    }

    /** A {@code Name: digits} line's name and digits, or {@code null} for any other line. */
    private static String[] detail(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String rest = line.substring(colon + 1).stripLeading();
        int n = 0;
        while (n < rest.length() && Character.isDigit(rest.charAt(n))) {
            n++;
        }
        return n == 0 ? null : new String[] {line.substring(0, colon), rest.substring(0, n)};
    }
}
