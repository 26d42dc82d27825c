package kernellab.core.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** ___ratelimit with the kernel's defaults: 10 messages per 5 s, then the count of the refused ones. */
class RateLimitTest {

    @Test
    void tenPerIntervalThenTheSuppressedCountWhenTheNextIntervalBegins() {
        long[] now = {0};
        KernelLog log = new KernelLog(() -> now[0]);
        RateLimit rs = new RateLimit(log, RateLimit.DEFAULT_INTERVAL_NS, RateLimit.DEFAULT_BURST);
        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            allowed.add(rs.allow("oom_kill_process"));
        }
        now[0] = 5_000_000_000L;
        allowed.add(rs.allow("oom_kill_process"));
        assertEquals(List.of(true, true, true, true, true, true, true, true, true, true, false, false, false), allowed);
        assertEquals(List.of(), log.lines(), "still in the first interval: begin + interval is not yet before now");
        now[0]++;
        assertEquals(true, rs.allow("oom_kill_process"));
        assertEquals("[    5.000000] oom_kill_process: 3 callbacks suppressed\n", log.dmesg());
    }
}
