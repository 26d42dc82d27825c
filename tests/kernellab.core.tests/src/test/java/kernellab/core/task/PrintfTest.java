package kernellab.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** printf conversions with the output glibc prints for them. */
class PrintfTest {

    private static String f(String format, Object... args) {
        return Printf.format(format, args, a -> "<string at " + Long.toHexString(a) + ">");
    }

    @Test
    void integers() {
        assertEquals("   42|42   |00042|+5| 5", f("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 5, 5));
        assertEquals("ff FF 0xff 377 0", f("%x %X %#x %o %#x", 255, 255, 255, 255, 0));
        assertEquals("-1 18446744073709551615 4294967295 44", f("%ld %lu %u %hhd", -1L, -1L, -1, 300));
        assertEquals("-000042 0042", f("%07d %.4d", -42, 42));
    }

    @Test
    void pointersStringsAndCharacters() {
        assertEquals("(nil) 0x55555555a2a0", f("%p %p", 0, 0x55555555a2a0L));
        assertEquals("abc|z|%|  hi|<string at 1000>", f("%.3s|%c|%%|%4s|%s", "abcdef", 'z', "hi", 0x1000L));
        assertEquals("(null)", f("%s", (Object) null));
    }

    @Test
    void aMissingArgumentIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> f("%d %d", 1));
        assertThrows(IllegalArgumentException.class, () -> f("%q", 1));
    }
}
