package kernellab.core.printk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.LogLevel;

/** The log buffer and its consoles. */
class KernelLogTest {

    @Test
    void aConsoleGetsEveryLinePrintedAfterItsRegistrationInOrderWithItsTime() {
        long[] now = {1_500_000_000L};
        KernelLog log = new KernelLog(() -> now[0]);
        log.printk(LogLevel.KERN_INFO, "before");
        List<String> console = new ArrayList<>();
        log.registerConsole(r -> console.add(r.level() + " " + r.dmesgLine()));
        log.printk(LogLevel.KERN_WARNING, "two\nlines");
        now[0] += 250_000;
        log.printk(LogLevel.KERN_ERR, "after");
        log.clear();
        log.printk(LogLevel.KERN_INFO, "after dmesg -C");
        assertEquals(List.of("KERN_WARNING [    1.500000] two", "KERN_WARNING [    1.500000] lines",
                "KERN_ERR [    1.500250] after", "KERN_INFO [    1.500250] after dmesg -C"), console);
        assertEquals("[    1.500250] after dmesg -C\n", log.dmesg());
    }
}
