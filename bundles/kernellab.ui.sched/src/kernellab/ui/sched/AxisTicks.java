package kernellab.ui.sched;

import java.util.ArrayList;
import java.util.List;

/**
 * The ticks of a plot's axis from 0 to a maximum, at a step of 1, 2 or 5 times a power of ten,
 * as few as fit: so that tick labels never collide, the step is the smallest one that leaves at
 * most {@code maxTicks} intervals.
 *
 * @param step the distance between two ticks
 * @param end the last tick, the axis's end: the first multiple of {@code step} at or above the maximum
 */
public record AxisTicks(double step, double end) {

    /**
     * @param max the largest value to show (0 or less gives an axis 0–1)
     * @param maxTicks the most intervals that fit (at least 1)
     * @return the ticks
     */
    public static AxisTicks of(double max, int maxTicks) {
        double top = max > 0 ? max : 1;
        int intervals = Math.max(1, maxTicks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(top / intervals)));
        for (double factor = magnitude;; factor *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double step = m * factor;
                if (Math.ceil(top / step - 1e-9) <= intervals) {
                    return new AxisTicks(step, Math.ceil(top / step - 1e-9) * step);
                }
            }
        }
    }

    /** @return the tick values, from 0 to {@link #end()} */
    public List<Double> values() {
        List<Double> values = new ArrayList<>();
        long n = Math.round(end / step);
        for (long i = 0; i <= n; i++) {
            values.add(i * step);
        }
        return values;
    }

    /** @return a tick's label: as many decimals as the step needs, none for whole steps */
    public String label(double value) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
