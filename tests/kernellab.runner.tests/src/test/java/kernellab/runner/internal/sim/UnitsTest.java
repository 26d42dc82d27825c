package kernellab.runner.internal.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import kernellab.api.Policy;

/** What users type: durations, sizes, CPU lists and policies. */
class UnitsTest {

    @Test
    void durationsSizesAndSeconds() {
        assertEquals(500L, Units.parseDuration("500ns"));
        assertEquals(20_000L, Units.parseDuration("20us"));
        assertEquals(100_000_000L, Units.parseDuration("100ms"));
        assertEquals(2_000_000_000L, Units.parseDuration("2s"));
        assertEquals(256L << 20, Units.parseSize("256M"));
        assertEquals(4096L, Units.parseSize("4k"));
        assertEquals(1L << 30, Units.parseSize("1G"));
        assertEquals("1.250000", Units.seconds(1_250_000_999L));
        assertEquals("'99999999999999999999s' is too long a duration",
                assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("99999999999999999999s")).getMessage());
    }

    @Test
    void cpuListsRoundTrip() {
        BitSet cpus = Units.parseCpuList("0-2,5,7-8");
        assertEquals("{0, 1, 2, 5, 7, 8}", cpus.toString());
        assertEquals("0-2,5,7-8", Units.cpuList(cpus));
        assertEquals("3", Units.cpuList(Units.parseCpuList("3")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-", "3-1", "a", "1,,2", "0-1024"})
    void badCpuLists(String text) {
        assertEquals("'" + text + "' is not a CPU list (e.g. 0-2,5)",
                assertThrows(IllegalArgumentException.class, () -> Units.parseCpuList(text)).getMessage());
    }

    @Test
    void policiesByNameShortNameOrNumber() {
        assertEquals(Policy.SCHED_WRR, Units.parsePolicy("SCHED_WRR"));
        assertEquals(Policy.SCHED_WRR, Units.parsePolicy("wrr"));
        assertEquals(Policy.SCHED_WRR, Units.parsePolicy("7"));
        assertEquals(Policy.SCHED_FIFO, Units.parsePolicy("fifo"));
        assertEquals("expected one of [SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_WRR] but was '4'",
                assertThrows(IllegalArgumentException.class, () -> Units.parsePolicy("4")).getMessage());
    }
}
