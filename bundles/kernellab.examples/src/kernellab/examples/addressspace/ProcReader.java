package kernellab.examples.addressspace;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import kernellab.api.Syscalls;

/**
 * Reads {@code /proc} files the way a C program does: {@code open}, {@code read} into a buffer
 * on the stack until the end, {@code close}. The buffer is taken once, when the reader is made,
 * so that reading later touches no new memory of its own. {@code /proc/self} is the calling
 * process.
 */
final class ProcReader {

    /** The size of the buffer, one page: {@code char buf[4096]}. */
    static final int BUF_SIZE = 4096;

    /** The start of a line of maps (and of a mapping's first line in smaps): {@code start-end }. */
    private static final Pattern MAPS_LINE = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    private final Syscalls sys;
    private final long buf;

    /**
     * Takes the buffer on the caller's stack and touches it, as a first read would.
     *
     * @param sys the calling process (in a child made by {@code fork}, the child's own)
     */
    ProcReader(Syscalls sys) {
        this.sys = sys;
        this.buf = sys.alloca(BUF_SIZE);
        sys.memset(buf, 0, BUF_SIZE);
    }

    /**
     * @param path a file of {@code /proc}, e.g. {@code /proc/self/maps}
     * @return its whole text
     */
    String read(String path) {
        int fd = sys.open(path, Syscalls.O_RDONLY);
        StringBuilder text = new StringBuilder();
        int n;
        while ((n = sys.read(fd, buf, BUF_SIZE)) > 0) {
            text.append(new String(sys.readBytes(buf, n), StandardCharsets.ISO_8859_1));
        }
        sys.close(fd);
        return text.toString();
    }

    /**
     * @param field a size field of {@code /proc/self/status}, e.g. {@code VmRSS}
     * @return its value in kB
     */
    long statusKb(String field) {
        return kb("/proc/self/status", field);
    }

    /**
     * @param field a field of {@code /proc/meminfo}, e.g. {@code MemFree}
     * @return its value in kB
     */
    long meminfoKb(String field) {
        return kb("/proc/meminfo", field);
    }

    /** The value of a {@code Name:   123 kB} line. */
    private long kb(String path, String field) {
        for (String line : read(path).split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " in " + path);
    }

    /**
     * @param address a virtual address
     * @return the line of {@code /proc/self/maps} whose range holds it, or {@code null} if it is not mapped
     */
    String mapsLine(long address) {
        for (String line : read("/proc/self/maps").split("\n")) {
            if (covers(line, address)) {
                return line;
            }
        }
        return null;
    }

    /**
     * @param address a virtual address
     * @param field a field of {@code /proc/self/smaps}, e.g. {@code Private_Dirty}
     * @return its value in kB for the mapping that holds the address
     */
    long smapsKb(long address, String field) {
        boolean inside = false;
        for (String line : read("/proc/self/smaps").split("\n")) {
            if (MAPS_LINE.matcher(line).lookingAt()) {
                inside = covers(line, address);
            } else if (inside && line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException("no " + field + " for " + Long.toHexString(address) + " in /proc/self/smaps");
    }

    /**
     * @param mapsLine a line of {@code /proc/PID/maps}: {@code start-end perms …}, hexadecimal
     * @param address a virtual address
     * @return whether the mapping holds the address (false for a line that is no mapping)
     */
    static boolean covers(String mapsLine, long address) {
        if (!MAPS_LINE.matcher(mapsLine).lookingAt()) {
            return false;
        }
        int dash = mapsLine.indexOf('-');
        int space = mapsLine.indexOf(' ');
        long start = Long.parseUnsignedLong(mapsLine.substring(0, dash), 16);
        long end = Long.parseUnsignedLong(mapsLine.substring(dash + 1, space), 16);
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
    }
}
