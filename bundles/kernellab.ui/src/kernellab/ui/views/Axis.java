package kernellab.ui.views;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A plot axis from 0 (or a minimum) to a "nice" maximum with ticks at 1, 2 or 5 × 10^k, as
 * gnuplot and most charting libraries choose them, so that tick labels are short round numbers;
 * and the rule that keeps tick labels apart. No SWT: the views draw what this decides.
 *
 * @param min the axis's first tick
 * @param max the axis's last tick, at or above the data's maximum
 * @param step distance between ticks
 */
public record Axis(double min, double max, double step) {

    /**
     * @param dataMin the smallest value to show
     * @param dataMax the largest value to show
     * @param maxTicks at most this many intervals (at least 1)
     * @return the axis with the smallest 1-2-5 step that shows the data in at most {@code maxTicks} intervals
     */
    public static Axis nice(double dataMin, double dataMax, int maxTicks) {
        double lo = Math.min(dataMin, dataMax);
        double hi = Math.max(dataMin, dataMax);
        if (hi == lo) {
            hi = lo + 1;
        }
        int intervals = Math.max(1, maxTicks);
        int power = (int) Math.floor(Math.log10((hi - lo) / intervals));
        for (int m : new int[] {1, 2, 5, 10}) {
            BigDecimal step = BigDecimal.valueOf(m).scaleByPowerOfTen(power);
            double d = step.doubleValue();
            long first = (long) Math.floor(lo / d + 1e-9);
            long last = (long) Math.ceil(hi / d - 1e-9);
            if (last - first <= intervals || m == 10) {
                return new Axis(step.multiply(BigDecimal.valueOf(first)).doubleValue(),
                        step.multiply(BigDecimal.valueOf(last)).doubleValue(), d);
            }
        }
        throw new AssertionError("the 10 × 10^k step always fits");
    }

    /** @return the tick values from {@link #min} to {@link #max} */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long n = Math.round((max - min) / step);
        for (long i = 0; i <= n; i++) {
            ticks.add(BigDecimal.valueOf(min).add(BigDecimal.valueOf(step).multiply(BigDecimal.valueOf(i))).doubleValue());
        }
        return ticks;
    }

    /** @return {@code value} with as many decimals as the step needs (0.25 → "0.25", 2.0 → "2") */
    public String label(double value) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** @return where {@code value} falls between {@link #min} (0) and {@link #max} (1) */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /**
     * How many ticks to skip so that labels do not collide: with labels {@code labelWidth}
     * pixels wide (the widest one) and ticks {@code spacing} pixels apart, every k-th label is
     * drawn, leaving at least {@code gap} pixels between two.
     *
     * @return k ≥ 1
     */
    public static int labelEvery(double spacing, int labelWidth, int gap) {
        if (spacing <= 0) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, (int) Math.ceil((labelWidth + gap) / spacing));
    }
}
