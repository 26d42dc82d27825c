package kernellab.core.proc;

/** Number formatting shared by the /proc renderers, after the kernel's {@code SPLIT_NS}. */
final class Fmt {

    private Fmt() {
    }

    /**
     * @return {@code ns} as milliseconds with six decimals, exactly as {@code "%Ld.%06ld"} prints
     *         {@code SPLIT_NS(ns)}: the sign goes with the millisecond part, so −1 ns prints as
     *         {@code 0.000001}, as an empty queue's {@code MIN_vruntime} does on Linux
     */
    static String splitNs(long ns) {
        long abs = Math.abs(ns);
        long high = ns < 0 ? -(abs / 1_000_000) : abs / 1_000_000;
        return high + "." + String.format("%06d", abs % 1_000_000);
    }

    /** @return {@code s} right-aligned to {@code width} */
    static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** @return {@code ns} as clock ticks of USER_HZ (100), as /proc/PID/stat reports times */
    static long clockTicks(long ns) {
        return ns / 10_000_000L;
    }
}
