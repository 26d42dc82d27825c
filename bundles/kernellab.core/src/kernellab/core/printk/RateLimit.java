package kernellab.core.printk;

import kernellab.api.LogLevel;

/**
 * A {@code struct ratelimit_state} and {@code ___ratelimit} (lib/ratelimit.c): at most
 * {@code burst} messages per {@code interval}; the calls refused in an interval are counted, and
 * the first call after it logs {@code FUNC: N callbacks suppressed} before going on. The
 * kernel's default state ({@code DEFINE_RATELIMIT_STATE(..., DEFAULT_RATELIMIT_INTERVAL,
 * DEFAULT_RATELIMIT_BURST)}, what {@code printk_ratelimit} and the OOM killer's
 * {@code oom_rs} use) allows 10 messages per 5 s.
 */
public final class RateLimit {

    /** {@code DEFAULT_RATELIMIT_INTERVAL}: 5 s, in ns. */
    public static final long DEFAULT_INTERVAL_NS = 5_000_000_000L;
    /** {@code DEFAULT_RATELIMIT_BURST}. */
    public static final int DEFAULT_BURST = 10;

    private final KernelLog log;
    private final long intervalNs;
    private final int burst;
    private long begin = -1;
    private int printed;
    private int missed;

    /**
     * @param log where the suppressed count is logged, and whose clock measures the interval
     * @param intervalNs the interval; 0 allows every call
     * @param burst messages allowed per interval
     */
    public RateLimit(KernelLog log, long intervalNs, int burst) {
        this.log = log;
        this.intervalNs = intervalNs;
        this.burst = burst;
    }

    /**
     * {@code __ratelimit(rs)}: whether the caller may print now.
     *
     * @param func the caller's name, for the suppressed line ({@code __func__})
     * @return {@code true} to print, {@code false} if the burst of this interval is spent
     */
    public boolean allow(String func) {
        if (intervalNs == 0) {
            return true;
        }
        long now = log.now();
        if (begin < 0) {
            begin = now;
        }
        if (now > begin + intervalNs) {
            if (missed != 0) {
                log.printk(LogLevel.KERN_WARNING, func + ": " + missed + " callbacks suppressed");
                missed = 0;
            }
            begin = now;
            printed = 0;
        }
        if (burst > printed) {
            printed++;
            return true;
        }
        missed++;
        return false;
    }
}
