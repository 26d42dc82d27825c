package kernellab.core.printk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

import kernellab.api.LogLevel;

/**
 * The kernel's log buffer ({@code printk} and {@code dmesg}): every record keeps its level and
 * the simulated time it was printed at. Multi-line messages are split into one record per
 * line, as the kernel's {@code pr_*} calls do line by line. Registered {@link Console}s get
 * every record as it is printed, in order, like the console drivers of {@code register_console}.
 */
public final class KernelLog {

    /**
     * One line of the kernel log.
     *
     * @param timeNs simulated time since boot in nanoseconds
     * @param level the printk level
     * @param text the line, without level prefix and line terminator
     */
    public record Record(long timeNs, LogLevel level, String text) {

        /** @return the line as {@code dmesg} prints it: {@code [    1.000000] text} */
        public String dmesgLine() {
            return String.format("[%5d.%06d] %s", timeNs / 1_000_000_000L, timeNs % 1_000_000_000L / 1000, text);
        }
    }

    /** A console driver: receives each record when it is printed, on the thread that printed it. */
    @FunctionalInterface
    public interface Console {
        /**
         * @param record the new record
         */
        void write(Record record);
    }

    private final LongSupplier clock;
    private final List<Record> records = new ArrayList<>();
    private final List<Console> consoles = new ArrayList<>();
    /** {@code printk_ratelimit_state}, shared by every {@link #printkRatelimit} caller. */
    private final RateLimit printkRatelimitState = new RateLimit(this, RateLimit.DEFAULT_INTERVAL_NS, RateLimit.DEFAULT_BURST);

    /**
     * @param clock simulated time in nanoseconds (the machine's clock)
     */
    public KernelLog(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A log whose clock stays at 0, for subsystems used without a machine. */
    public KernelLog() {
        this(() -> 0L);
    }

    /**
     * {@code printk_ratelimit()}: whether a caller of the shared limit may print now (10 messages
     * per 5 s among all its callers); the first call after a refused interval logs
     * {@code FUNC: N callbacks suppressed}.
     *
     * @param func the caller's name ({@code __func__}), e.g. {@code show_signal_msg}
     * @return whether to print
     */
    public boolean printkRatelimit(String func) {
        return printkRatelimitState.allow(func);
    }

    /** @return the log's clock: simulated time, ns */
    long now() {
        return clock.getAsLong();
    }

    /**
     * Appends a message; each line becomes one record.
     *
     * @param level the level
     * @param message the message, possibly several lines
     */
    public void printk(LogLevel level, String message) {
        long now = clock.getAsLong();
        for (String line : message.split("\n", -1)) {
            Record r = new Record(now, level, line);
            records.add(r);
            for (Console c : consoles) {
                c.write(r);
            }
        }
    }

    /**
     * {@code register_console}: from now on the console gets every record printed (not the
     * ones before; read {@link #records()} for those).
     *
     * @param console the console
     */
    public void registerConsole(Console console) {
        consoles.add(Objects.requireNonNull(console, "console"));
    }

    /** @return all records, oldest first (an unmodifiable snapshot) */
    public List<Record> records() {
        return List.copyOf(records);
    }

    /** @return the texts of all records, oldest first */
    public List<String> lines() {
        return records.stream().map(Record::text).toList();
    }

    /** @return the whole log as {@code dmesg} prints it, one line per record */
    public String dmesg() {
        StringBuilder sb = new StringBuilder();
        for (Record r : records) {
            sb.append(r.dmesgLine()).append('\n');
        }
        return sb.toString();
    }

    /** Empties the buffer ({@code dmesg -C}). */
    public void clear() {
        records.clear();
    }
}
