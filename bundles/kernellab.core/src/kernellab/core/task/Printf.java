package kernellab.core.task;

import java.util.Locale;
import java.util.function.LongFunction;

/**
 * C's {@code printf} formatting for workload code: conversions {@code d i u x X o c s p %}
 * with flags {@code - 0 + space #}, width and precision ({@code *} included) and the length
 * modifiers {@code hh h l ll z j t}, with glibc's output ({@code %p} of 0 is {@code (nil)}).
 */
final class Printf {

    private Printf() {
    }

    /**
     * @param format the format
     * @param args the arguments
     * @param strings reads a NUL-terminated string at an address, for {@code %s} of a {@code Long}
     * @return the text
     * @throws IllegalArgumentException for a bad conversion or a missing argument
     */
    static String format(String format, Object[] args, LongFunction<String> strings) {
        StringBuilder out = new StringBuilder();
        int ai = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i < n && format.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            boolean left = false;
            boolean zero = false;
            boolean plus = false;
            boolean space = false;
            boolean alt = false;
            for (; i < n; i++) {
                char f = format.charAt(i);
                if (f == '-') {
                    left = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    alt = true;
                } else {
                    break;
                }
            }
            int width = 0;
            if (i < n && format.charAt(i) == '*') {
                width = (int) toLong(arg(args, ai++));
                if (width < 0) {
                    left = true;
                    width = -width;
                }
                i++;
            } else {
                while (i < n && Character.isDigit(format.charAt(i))) {
                    width = width * 10 + format.charAt(i++) - '0';
                }
            }
            int precision = -1;
            if (i < n && format.charAt(i) == '.') {
                i++;
                precision = 0;
                if (i < n && format.charAt(i) == '*') {
                    precision = (int) toLong(arg(args, ai++));
                    i++;
                } else {
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        precision = precision * 10 + format.charAt(i++) - '0';
                    }
                }
            }
            int bits = 32;
            while (i < n && "hlzjtqL".indexOf(format.charAt(i)) >= 0) {
                char m = format.charAt(i++);
                if (m == 'h') {
                    bits = bits == 16 ? 8 : 16;
                } else {
                    bits = 64;
                }
            }
            if (i >= n) {
                throw new IllegalArgumentException("incomplete conversion in \"" + format + "\"");
            }
            char conv = format.charAt(i++);
            String body;
            String sign = "";
            String prefix = "";
            boolean numeric = true;
            switch (conv) {
                case 'd', 'i' -> {
                    long v = truncSigned(toLong(arg(args, ai++)), bits);
                    body = digits(Long.toString(Math.abs(v)).replace("-", ""), precision, v == 0);
                    if (v == Long.MIN_VALUE) {
                        body = "9223372036854775808";
                    }
                    sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
                }
                case 'u' -> body = digits(Long.toUnsignedString(truncUnsigned(toLong(arg(args, ai++)), bits)), precision, false);
                case 'x', 'X' -> {
                    long v = truncUnsigned(toLong(arg(args, ai++)), bits);
                    body = digits(Long.toHexString(v), precision, v == 0);
                    if (conv == 'X') {
                        body = body.toUpperCase(Locale.ROOT);
                    }
                    if (alt && v != 0) {
                        prefix = conv == 'X' ? "0X" : "0x";
                    }
                }
                case 'o' -> {
                    long v = truncUnsigned(toLong(arg(args, ai++)), bits);
                    body = digits(Long.toOctalString(v), precision, v == 0);
                    if (alt && !body.startsWith("0")) {
                        body = "0" + body;
                    }
                }
                case 'p' -> {
                    long v = toLong(arg(args, ai++));
                    numeric = false;
                    body = v == 0 ? "(nil)" : "0x" + Long.toHexString(v);
                }
                case 'c' -> {
                    Object a = arg(args, ai++);
                    numeric = false;
                    body = String.valueOf(a instanceof Character ch ? ch.charValue() : (char) (toLong(a) & 0xff));
                }
                case 's' -> {
                    Object a = arg(args, ai++);
                    numeric = false;
                    body = a == null ? "(null)" : a instanceof Long addr ? strings.apply(addr) : a.toString();
                    if (precision >= 0 && body.length() > precision) {
                        body = body.substring(0, precision);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported conversion %" + conv + " in \"" + format + "\"");
            }
            int len = sign.length() + prefix.length() + body.length();
            if (len >= width) {
                out.append(sign).append(prefix).append(body);
            } else if (left) {
                out.append(sign).append(prefix).append(body).append(" ".repeat(width - len));
            } else if (zero && numeric && precision < 0) {
                out.append(sign).append(prefix).append("0".repeat(width - len)).append(body);
            } else {
                out.append(" ".repeat(width - len)).append(sign).append(prefix).append(body);
            }
        }
        return out.toString();
    }

    private static Object arg(Object[] args, int i) {
        if (args == null || i >= args.length) {
            throw new IllegalArgumentException("printf: missing argument " + (i + 1));
        }
        return args[i];
    }

    private static long toLong(Object a) {
        if (a instanceof Number num) {
            return num.longValue();
        }
        if (a instanceof Character ch) {
            return ch;
        }
        if (a instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("printf: not a number: " + a);
    }

    private static long truncSigned(long v, int bits) {
        return switch (bits) {
            case 8 -> (byte) v;
            case 16 -> (short) v;
            case 32 -> (int) v;
            default -> v;
        };
    }

    private static long truncUnsigned(long v, int bits) {
        return bits == 64 ? v : v & ((1L << bits) - 1);
    }

    private static String digits(String d, int precision, boolean isZero) {
        if (precision == 0 && isZero) {
            return "";
        }
        return precision > d.length() ? "0".repeat(precision - d.length()) + d : d;
    }
}
