package kernellab.core.sched;

import kernellab.api.Errno;
import kernellab.core.MachineConfig;

/**
 * The RT tunables of {@code /proc/sys/kernel} and their write handlers
 * ({@code kernel/sched/rt.c}: {@code sched_rt_handler}, {@code sched_rr_handler}):
 * {@code sched_rt_period_us} (1 … INT_MAX), {@code sched_rt_runtime_us} (−1 for no limit, else
 * at most the period) and {@code sched_rr_timeslice_ms}. A value is parsed as
 * {@code proc_dointvec} does (one decimal integer, surrounding blanks allowed); a bad one is
 * EINVAL and leaves the old value. They start from the machine's configuration.
 */
public final class RtSysctls {

    /** {@code RUNTIME_INF} as {@code sched_rt_runtime_us} shows it. */
    public static final int RUNTIME_INF = -1;

    private final int hz;
    private int rtPeriodUs;
    private int rtRuntimeUs;
    private int rrTimesliceMs;
    private long rrTimesliceJiffies;

    RtSysctls(MachineConfig config) {
        this.hz = config.hz();
        this.rtPeriodUs = (int) (config.rtPeriodNs() / 1000);
        this.rtRuntimeUs = config.rtThrottling() ? (int) (config.rtRuntimeNs() / 1000) : RUNTIME_INF;
        this.rrTimesliceJiffies = rrTimesliceDefault();
        this.rrTimesliceMs = (int) (1000 * rrTimesliceJiffies / hz);
    }

    /** @return {@code sched_rt_period_us} */
    public int rtPeriodUs() {
        return rtPeriodUs;
    }

    /** @return {@code sched_rt_runtime_us}, {@link #RUNTIME_INF} when RT tasks are not throttled */
    public int rtRuntimeUs() {
        return rtRuntimeUs;
    }

    /** @return {@code sched_rr_timeslice_ms} */
    public int rrTimesliceMs() {
        return rrTimesliceMs;
    }

    /**
     * Writes {@code sched_rt_period_us} ({@code sched_rt_handler}): 1 … INT_MAX and not below the
     * runtime ({@code sched_rt_global_validate}).
     *
     * @param text what was written, e.g. {@code "1000000\n"}
     * @throws Errno EINVAL for a bad value
     */
    public void writeRtPeriodUs(String text) {
        long v = parseInt(text);
        if (v < 1 || rtRuntimeUs != RUNTIME_INF && rtRuntimeUs > v) {
            throw new Errno(Errno.EINVAL);
        }
        rtPeriodUs = (int) v;
    }

    /**
     * Writes {@code sched_rt_runtime_us} ({@code sched_rt_handler}): −1 … the period. The new
     * runtime applies at once to every CPU ({@code sched_rt_global_constraints}).
     *
     * @param text what was written
     * @throws Errno EINVAL for a bad value
     */
    public void writeRtRuntimeUs(String text) {
        long v = parseInt(text);
        if (v < RUNTIME_INF || v > rtPeriodUs) {
            throw new Errno(Errno.EINVAL);
        }
        rtRuntimeUs = (int) v;
    }

    /**
     * Writes {@code sched_rr_timeslice_ms} ({@code sched_rr_handler}): the slice is kept in
     * jiffies, rounded up ({@code msecs_to_jiffies}); zero or a negative value resets it to
     * {@code RR_TIMESLICE} (100 ms), which the file then shows.
     *
     * @param text what was written
     * @throws Errno EINVAL for a value that is not an int
     */
    public void writeRrTimesliceMs(String text) {
        long v = parseInt(text);
        if (v <= 0) {
            rrTimesliceJiffies = rrTimesliceDefault();
            rrTimesliceMs = (int) (1000 * rrTimesliceJiffies / hz);
        } else {
            rrTimesliceJiffies = (v * hz + 999) / 1000;
            rrTimesliceMs = (int) v;
        }
    }

    /** @return the SCHED_RR slice, ns: whole jiffies ({@code sched_rr_timeslice}) */
    long rrTimesliceNs() {
        return rrTimesliceJiffies * (1_000_000_000L / hz);
    }

    /** @return the RT runtime per period, ns, or −1 for none ({@code RUNTIME_INF}) */
    long rtRuntimeNs() {
        return rtRuntimeUs == RUNTIME_INF ? -1 : rtRuntimeUs * 1000L;
    }

    /** @return the RT bandwidth period, ns */
    long rtPeriodNs() {
        return rtPeriodUs * 1000L;
    }

    /** {@code RR_TIMESLICE}: 100 ms in jiffies. */
    private long rrTimesliceDefault() {
        return 100L * hz / 1000;
    }

    /** One int as {@code proc_dointvec} reads it: blanks around an optionally signed decimal number. */
    private static long parseInt(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new Errno(Errno.EINVAL);
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Errno(Errno.EINVAL);
        }
    }
}
