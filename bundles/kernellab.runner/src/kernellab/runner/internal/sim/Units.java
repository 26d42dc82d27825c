package kernellab.runner.internal.sim;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import kernellab.api.Policy;
import kernellab.core.sched.Task;
import kernellab.runner.internal.Messages;

/** Parses and prints the values users type and read: durations, sizes, CPU lists, policies, task output. */
public final class Units {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|ms|s)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGkmg]?)");
    private static final Pattern CPU_RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private Units() {
    }

    /**
     * @param text a whole number with a unit: {@code 500ns}, {@code 20us}, {@code 100ms}, {@code 2s}
     * @return nanoseconds
     * @throws IllegalArgumentException if the text is not such a duration
     */
    public static long parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(Messages.notADuration(text));
        }
        long scale = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), scale);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(Messages.durationTooLong(text));
        }
    }

    /**
     * @param ns a time in nanoseconds
     * @return seconds with six decimals, as ftrace and dmesg print times: {@code 1.250000}
     */
    public static String seconds(long ns) {
        return String.format(Locale.ROOT, "%d.%06d", ns / 1_000_000_000L, ns % 1_000_000_000L / 1000);
    }

    /**
     * @param text bytes, or a number with K, M or G (binary multiples): {@code 256M}
     * @return bytes
     * @throws IllegalArgumentException if the text is not such a size
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(Messages.notASize(text));
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long n = Long.parseLong(m.group(1));
        if (n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException(Messages.sizeTooLarge(text));
        }
        return n << shift;
    }

    /**
     * @param text a CPU list as in {@code /sys/devices/system/cpu/online} or {@code taskset -c}: {@code 0-2,5}
     * @return the CPUs
     * @throws IllegalArgumentException if the text is not such a list
     */
    public static BitSet parseCpuList(String text) {
        BitSet cpus = new BitSet();
        for (String part : text.trim().split(",", -1)) {
            Matcher m = CPU_RANGE.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException(Messages.notACpuList(text));
            }
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            if (to < from || to >= 1024) {
                throw new IllegalArgumentException(Messages.notACpuList(text));
            }
            cpus.set(from, to + 1);
        }
        return cpus;
    }

    /**
     * @param cpus a set of CPUs
     * @return the set as a CPU list: {@code 0-2,5}
     */
    public static String cpuList(BitSet cpus) {
        StringBuilder sb = new StringBuilder();
        for (int from = cpus.nextSetBit(0); from >= 0; from = cpus.nextSetBit(from)) {
            int to = cpus.nextClearBit(from) - 1;
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(from);
            if (to > from) {
                sb.append('-').append(to);
            }
            from = to + 1;
        }
        return sb.toString();
    }

    /**
     * @param text a policy's name ({@code SCHED_WRR}), also without the prefix and in any case,
     *        or its number ({@code 7})
     * @return the policy
     * @throws IllegalArgumentException listing the policies if there is no such policy
     */
    public static Policy parsePolicy(String text) {
        String v = text.trim().toUpperCase(Locale.ROOT);
        for (Policy p : Policy.values()) {
            if (p.name().equals(v) || p.name().equals("SCHED_" + v) || String.valueOf(p.number()).equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException(Messages.expectedOneOf(
                Arrays.stream(Policy.values()).map(Policy::name).collect(Collectors.joining(", ", "[", "]")), "'" + text + "'"));
    }

    /**
     * Prints what a task wrote, line by line, each prefixed with {@code [comm pid] } as the IDE's
     * Console shows it.
     *
     * @param out where to print
     * @param task the writing task
     * @param text the text, with or without a final line terminator
     */
    public static void printTaskOutput(PrintWriter out, Task task, String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            out.println("[" + task.comm() + " " + task.pid() + "] " + line);
        }
    }
}
