package kernellab.ui.views;

import java.math.BigDecimal;
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
        double raw = (hi - lo) / intervals;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * 10;
        for (double m : new double[] {1, 2, 5, 10}) {
            double candidate = m * magnitude;
            if (Math.ceil(hi / candidate - 1e-9) - Math.floor(lo / candidate + 1e-9) <= intervals) {
                step = candidate;
                break;
            }
        }
        return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
    }

    /** @return the tick values from {@link #min} to {@link #max} */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long n = Math.round((max - min) / step);
        for (long i = 0; i <= n; i++) {
            ticks.add(min + i * step);
        }
        return ticks;
    }

    /** @return {@code value} with as many decimals as the step needs (0.25 → "0.25", 2.0 → "2") */
    public String label(double value) {
        int decimals = Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale());
        return BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
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
