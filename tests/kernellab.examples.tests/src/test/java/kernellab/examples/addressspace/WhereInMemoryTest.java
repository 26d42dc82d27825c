package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import kernellab.core.MachineConfig;
import kernellab.examples.Machine;

class WhereInMemoryTest {

    private static final String P = "WhereInMemory[2]: ";

    @Test
    void eachAddressIsMarkedOnTheMappingThatHoldsIt() {
        ProgramRun run = ProgramRun.of(new WhereInMemory());
        assertEquals(0, run.status());
        assertEquals(List.of(P + "main()             code   0x555555555189",
                P + "edata              data   0x555555558010",
                P + "malloc(16)         heap   0x5555555592a0",
                P + "malloc(16) again   heap   0x5555555592c0",
                P + "malloc(1 MiB)      mmap   0x7ffff7c8f010",
                P + "local              stack  0x7fffffffec90",
                P + "local of a callee  stack  0x7fffffffec80",
                P,
                P + "/proc/self/maps:",
                P + "555555554000-555555555000 r--p 00000000 08:01 1310722                    /usr/bin/WhereInMemory",
                P + "555555555000-555555556000 r-xp 00001000 08:01 1310722                    /usr/bin/WhereInMemory  <- main()",
                P + "555555556000-555555557000 r--p 00002000 08:01 1310722                    /usr/bin/WhereInMemory",
                P + "555555557000-555555558000 r--p 00002000 08:01 1310722                    /usr/bin/WhereInMemory",
                P + "555555558000-555555559000 rw-p 00003000 08:01 1310722                    /usr/bin/WhereInMemory  <- edata",
                P + "555555559000-55555557a000 rw-p 00000000 00:00 0                          [heap]  <- malloc(16), malloc(16) again",
                P + "7ffff7c8f000-7ffff7d93000 rw-p 00000000 00:00 0   <- malloc(1 MiB)",
                P + "7ffff7d93000-7ffff7dbb000 r--p 00000000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6",
                P + "7ffff7dbb000-7ffff7f50000 r-xp 00028000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6",
                P + "7ffff7f50000-7ffff7fa8000 r--p 001bd000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6",
                P + "7ffff7fa8000-7ffff7fac000 r--p 00214000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6",
                P + "7ffff7fac000-7ffff7fae000 rw-p 00218000 08:01 1310724                    /usr/lib/x86_64-linux-gnu/libc.so.6",
                P + "7ffff7fae000-7ffff7fbb000 rw-p 00000000 00:00 0 ",
                P + "7ffff7fbb000-7ffff7fbf000 r--p 00000000 00:00 0                          [vvar]",
                P + "7ffff7fbf000-7ffff7fc1000 r--p 00000000 00:00 0                          [vvar_vclock]",
                P + "7ffff7fc1000-7ffff7fc3000 r-xp 00000000 00:00 0                          [vdso]",
                P + "7ffff7fc3000-7ffff7fc5000 r--p 00000000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                P + "7ffff7fc5000-7ffff7fef000 r-xp 00002000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                P + "7ffff7fef000-7ffff7ffa000 r--p 0002c000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                P + "7ffff7ffb000-7ffff7ffd000 r--p 00037000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                P + "7ffff7ffd000-7ffff7fff000 rw-p 00039000 08:01 1310723                    /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                P + "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]  <- local, local of a callee",
                P + "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
                P,
                P + "sleeping 1 s before freeing the blocks: look at /proc/2/maps"), run.output());
    }

    /** What the program read from /proc/self/maps is what /proc/PID/maps shows from outside while it sleeps. */
    @Test
    void whileItSleepsProcPidMapsShowsTheMappingsItPrinted() {
        try (Machine m = Machine.lab()) {
            m.launch("WhereInMemory", new WhereInMemory());
            m.kernel().runUntil(WhereInMemory.PAUSE_NS / 2);
            List<String> printed = m.output().stream().filter(l -> l.matches(Pattern.quote(P) + "[0-9a-f]+-[0-9a-f]+ .*"))
                    .map(l -> l.substring(P.length()).split("  <- ")[0]).toList();
            assertEquals(m.read("/proc/2/maps").lines().toList(), printed);
            m.runToCompletion(10 * WhereInMemory.PAUSE_NS);
        }
    }

    private static List<String> withAslr(long seed) {
        return ProgramRun.on(new Machine(MachineConfig.builder().aslr(true).seed(seed).build()), new WhereInMemory(), m -> {
        }).output();
    }

    /** The addresses above are those of a machine without ASLR; with it, the seed decides them. */
    @Test
    void withAslrTheSeedPlacesEverythingAndTheSameSeedTheSameWay() {
        List<String> seed1 = withAslr(1);
        assertEquals(seed1, withAslr(1));
        List<String> seed2 = withAslr(2);
        for (int line : new int[] {0, 2, 4, 5}) {
            assertNotEquals(seed1.get(line), seed2.get(line), "code, heap, mmap and stack all move");
        }
        assertNotEquals(ProgramRun.of(new WhereInMemory()).output().get(0), seed1.get(0));
    }
}
