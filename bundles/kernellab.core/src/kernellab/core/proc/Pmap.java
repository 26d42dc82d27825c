package kernellab.core.proc;

import java.util.ArrayList;
import java.util.List;

import kernellab.core.mm.MmStruct;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.Task;

/**
 * The output of procps-ng 4.x's {@code pmap PID} in its default, {@code -x} (extended),
 * {@code -d} (device), {@code -X} and {@code -XX} forms. Like the real tool it reads
 * /proc/PID/maps (default, -d) or /proc/PID/smaps (-x, -X, -XX) and prints the same columns,
 * mapping names and footers.
 */
public final class Pmap {

    /** The output form. */
    public enum Mode {
        /** {@code pmap PID}: address, size, mode, mapping, and a total. */
        DEFAULT,
        /** {@code pmap -x PID}: adds RSS and Dirty columns (from smaps) and a totals line. */
        EXTENDED,
        /** {@code pmap -d PID}: adds offset and device, footer with mapped, writeable/private and shared. */
        DEVICE,
        /**
         * {@code pmap -X PID}: every smaps field but the page sizes, the clean/dirty split,
         * AnonHugePages and VmFlags, in columns as wide as their totals ({@code print_extended_maps}).
         */
        MORE,
        /** {@code pmap -XX PID}: every smaps field, VmFlags included. */
        EVERYTHING
    }

    private Pmap() {
    }

    /**
     * @param vm the address spaces
     * @param t the process
     * @param mode the form
     * @return pmap's output; only the header line for a task without an address space
     */
    public static String render(VirtualMemory vm, Task t, Mode mode) {
        MmStruct mm = vm.mm(t);
        String cmdline = mm == null || mm.exeName() == null ? t.comm() : String.join(" ", commandLine(mm, t));
        boolean smaps = mode == Mode.EXTENDED || mode == Mode.MORE || mode == Mode.EVERYTHING;
        return render(t.tgid(), cmdline, smaps ? ProcSmaps.smaps(vm, t) : ProcVm.maps(vm, t), mm == null ? 0 : mm.startStack(),
                mode);
    }

    private static List<String> commandLine(MmStruct mm, Task t) {
        List<String> argv = new ArrayList<>();
        argv.add(mm.exeName());
        argv.addAll(t.argv());
        return argv;
    }

    /**
     * Formats maps or smaps text as pmap does.
     *
     * @param pid the process id
     * @param cmdline /proc/PID/cmdline with spaces between the arguments
     * @param procText /proc/PID/maps, or /proc/PID/smaps for {@link Mode#EXTENDED}, {@link Mode#MORE} and
     *        {@link Mode#EVERYTHING}
     * @param startStack the process's start_stack (the VMA containing it is "[ stack ]")
     * @param mode the form
     * @return the output
     */
    public static String render(int pid, String cmdline, String procText, long startStack, Mode mode) {
        StringBuilder out = new StringBuilder();
        out.append(pid).append(":   ").append(cmdline).append('\n');
        if (mode == Mode.MORE || mode == Mode.EVERYTHING) {
            PmapSmaps.print(out, procText, mode == Mode.EVERYTHING);
            return out.toString();
        }
        if (mode == Mode.EXTENDED) {
            out.append("Address           Kbytes     RSS   Dirty Mode  Mapping\n");
        } else if (mode == Mode.DEVICE) {
            out.append("Address           Kbytes Mode  Offset           Device    Mapping\n");
        }
        long shared = 0;
        long privateWritable = 0;
        long privateReadonly = 0;
        long totalRss = 0;
        long totalDirty = 0;
        long rss = 0;
        long dirty = 0;
        long start = 0;
        long size = 0;
        String perms = "";
        String name = null;
        for (String line : procText.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            char c0 = line.charAt(0);
            if (c0 >= 'A' && c0 <= 'Z') {
                int colon = line.indexOf(':');
                String key = line.substring(0, colon);
                String value = line.substring(colon + 1).trim();
                long v = value.isEmpty() || !Character.isDigit(value.charAt(0)) ? 0 : Long.parseLong(value.split(" ")[0]);
                switch (key) {
                    case "Rss" -> {
                        rss = v;
                        totalRss += v;
                    }
                    case "Shared_Dirty", "Private_Dirty" -> {
                        dirty += v;
                        totalDirty += v;
                    }
                    case "Swap" -> {
                        if (name != null) {
                            out.append(String.format("%016x %7d %7d %7d %5s %s%n", start, size >> 10, rss, dirty, perms, name));
                        }
                        rss = 0;
                        dirty = 0;
                        name = null;
                    }
                    default -> {
                    }
                }
                continue;
            }
            String[] f = line.split(" +", 6);
            String[] range = f[0].split("-");
            start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            size = end - start;
            if (f[1].charAt(3) == 's') {
                shared += size;
            } else if (f[1].charAt(1) == 'w') {
                privateWritable += size;
            } else {
                privateReadonly += size;
            }
            perms = mode(f[1]);
            String rest = line.length() > 73 ? line.substring(73) : "";
            name = mappingName(rest, start, size, startStack);
            String[] dev = f[3].split(":");
            if (mode == Mode.DEFAULT) {
                out.append(String.format("%016x %6dK %s %s%n", start, size >> 10, perms, name));
            } else if (mode == Mode.DEVICE) {
                out.append(String.format("%016x %7d %5s %016x %03x:%05x %s%n", start, size >> 10, perms,
                        Long.parseUnsignedLong(f[2], 16), Integer.parseInt(dev[0], 16), Integer.parseInt(dev[1], 16), name));
            }
        }
        long mapped = (shared + privateWritable + privateReadonly) >> 10;
        switch (mode) {
            case DEFAULT -> out.append(String.format(" total %16dK%n", mapped));
            case EXTENDED -> {
                out.append("---------------- ------- ------- ------- \n");
                out.append(String.format("%-16s %7d %7d %7d%n", "total kB", mapped, totalRss, totalDirty));
            }
            case DEVICE -> out.append(String.format("mapped: %dK    writeable/private: %dK    shared: %dK%n", mapped,
                    privateWritable >> 10, shared >> 10));
            default -> throw new IllegalStateException(mode.name());
        }
        return out.toString();
    }

    /**
     * The Mode column: the permissions of /proc/PID/maps with a private mapping's {@code p}
     * shown as {@code -}, and a fifth flag that is always {@code -}.
     *
     * @param perms permissions as maps prints them, e.g. {@code rw-p}
     * @return pmap's mode, e.g. {@code rw---}
     */
    public static String mode(String perms) {
        char[] p = (perms + "-").toCharArray();
        if (p[3] == 'p') {
            p[3] = '-';
        }
        p[4] = '-';
        return new String(p, 0, 5);
    }

    /**
     * The Mapping column, procps's {@code mapping_name}: the file's base name, else
     * {@code "  [ stack ]"} for the VMA holding start_stack, else {@code "  [ anon ]"} (heap,
     * anonymous memory, vdso).
     *
     * @param name the pathname column of /proc/PID/maps
     * @param start the VMA's start
     * @param size its size in bytes
     * @param startStack the process's start_stack
     * @return the name pmap prints
     */
    public static String mappingName(String name, long start, long size, long startStack) {
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            return slash + 1 < name.length() ? name.substring(slash + 1) : name.substring(slash);
        }
        return startStack >= start && startStack <= start + size ? "  [ stack ]" : "  [ anon ]";
    }
}
