package kernellab.core.proc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * glibc's {@code %.Nf}: rounds the exact binary value of the double to nearest, ties to
 * even, so that {@code 0.125} prints as {@code 0.12} like C does (Java's {@code %f} would
 * print {@code 0.13}).
 */
final class CFormat {

    private CFormat() {
    }

    /**
     * @param value a finite double
     * @param decimals digits after the point
     * @return the text {@code printf("%.<decimals>f", value)} prints
     */
    static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "-nan";
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * @param value a finite double
     * @param width minimum width, right-aligned
     * @param decimals digits after the point
     * @return {@code printf("%<width>.<decimals>f", value)}
     */
    static String fixed(double value, int width, int decimals) {
        String s = fixed(value, decimals);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
