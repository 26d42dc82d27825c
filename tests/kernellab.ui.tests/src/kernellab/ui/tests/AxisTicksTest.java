package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.ui.sched.AxisTicks;

/** The Results plots' axes: steps of 1, 2 or 5 × 10^n, as few ticks as fit, labels with the decimals the step needs. */
class AxisTicksTest {

    @Test
    void takesTheSmallestOneTwoFiveStepThatFits() {
        assertEquals(new AxisTicks(5, 15), AxisTicks.of(14.4, 5));
        assertEquals(new AxisTicks(2, 16), AxisTicks.of(14.4, 8));
        assertEquals(new AxisTicks(10, 30), AxisTicks.of(30, 3));
        assertEquals(new AxisTicks(20, 40), AxisTicks.of(30, 2));
        assertEquals(new AxisTicks(0.5, 1), AxisTicks.of(0, 3));
    }

    @Test
    void labelsTicksWithTheDecimalsOfTheStep() {
        AxisTicks seconds = AxisTicks.of(0.3, 4);
        assertEquals(0.1, seconds.step(), 1e-12);
        assertEquals(List.of("0.0", "0.1", "0.2", "0.3"), seconds.values().stream().map(seconds::label).toList());
        AxisTicks weight = AxisTicks.of(14.4, 5);
        assertEquals(List.of("0", "5", "10", "15"), weight.values().stream().map(weight::label).toList());
    }
}
