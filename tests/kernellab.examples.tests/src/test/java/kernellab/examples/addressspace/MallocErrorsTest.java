package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each program of {@link MallocErrors}: what it prints, what the C library, the sanitizers and
 * the kernel report, and the exit status. The sanitizer reports name lines of MallocErrors.java.
 */
class MallocErrorsTest {

    private static final String P = "MallocErrors[2]: ";

    private static List<String> lines(String... lines) {
        return List.of(lines).stream().map(l -> P + l).toList();
    }

    @Test
    void correctUseFreesEverythingAndReusesTheFreedBlock() {
        ProgramRun run = ProgramRun.of(new MallocErrors());
        assertEquals(lines("p = malloc(32)       = 0x5555555592a0",
                "strcpy(p, \"hello, heap\")",
                "free(p)",
                "q = malloc(32)       = 0x5555555592a0 (the block just freed)",
                "r = realloc(q, 4000) = 0x5555555592d0 (moved), still \"hello again\"",
                "free(r): nothing left allocated"), run.output());
        assertEquals(0, run.status(), "no leak report");
        assertEquals(List.of(), run.dmesg());
    }

    @Test
    void anUnallocatedPointerIsASegfault() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "unallocated");
        assertEquals(lines("char *p; (never assigned) p = (nil)", "strcpy(p, \"hello\")"), run.output());
        assertEquals(139, run.status(), "SIGSEGV");
        assertEquals(List.of("MallocErrors[2]: segfault at 0 ip 0000555555555189 sp 00007fffffffec90 error 6 in "
                + "MallocErrors[555555555000+1000]"), run.dmesg());
    }

    @Test
    void oneByteTooFewIsAHeapBufferOverflow() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "overflow");
        assertEquals(lines("p = malloc(strlen(\"hello\")) = malloc(5) = 0x5555555592a0",
                "strcpy(p, \"hello\"): 6 bytes with the NUL",
                "=================================================================",
                "==2==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x5555555592a5 at pc 0x555555555189 bp "
                        + "0x7fffffffecd0 sp 0x7fffffffec90",
                "WRITE of size 6 at 0x5555555592a5 thread T0",
                "    #0 0x555555555189 in MallocErrors.overflow MallocErrors.java:106",
                "",
                "0x5555555592a5 is located 0 bytes to the right of 5-byte region [0x5555555592a0,0x5555555592a5)",
                "allocated by thread T0 here:",
                "    #0 0x555555555189 in malloc",
                "    #1 0x555555555189 in MallocErrors.overflow MallocErrors.java:103",
                "",
                "SUMMARY: AddressSanitizer: heap-buffer-overflow in MallocErrors.overflow",
                "==2==ABORTING"), run.output());
        assertEquals(1, run.status(), "AddressSanitizer's exit code");
    }

    @Test
    void printingAFreedStringIsAHeapUseAfterFree() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "use-after-free");
        assertEquals(lines("name = 0x5555555592a0 \"Ada\"",
                "free(name)",
                "=================================================================",
                "==2==ERROR: AddressSanitizer: heap-use-after-free on address 0x5555555592a0 at pc 0x555555555189 bp "
                        + "0x7fffffffecc0 sp 0x7fffffffec80",
                "READ of size 4 at 0x5555555592a0 thread T0",
                "    #0 0x555555555189 in MallocErrors.useAfterFree MallocErrors.java:116",
                "",
                "0x5555555592a0 is located 0 bytes inside of 16-byte region [0x5555555592a0,0x5555555592b0)",
                "freed by thread T0 here:",
                "    #0 0x555555555189 in free",
                "    #1 0x555555555189 in MallocErrors.useAfterFree MallocErrors.java:114",
                "",
                "previously allocated by thread T0 here:",
                "    #0 0x555555555189 in malloc",
                "    #1 0x555555555189 in MallocErrors.useAfterFree MallocErrors.java:111",
                "",
                "SUMMARY: AddressSanitizer: heap-use-after-free in MallocErrors.useAfterFree",
                "==2==ABORTING"), run.output());
        assertEquals(1, run.status());
    }

    @Test
    void aDoubleFreeAbortsInGlibc() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "double-free");
        assertEquals(lines("p = malloc(10) = 0x5555555592a0", "free(p)", "free(p) again",
                "free(): double free detected in tcache 2"), run.output());
        assertEquals(134, run.status(), "SIGABRT");
    }

    @Test
    void freeingAPointerMallocDidNotReturnAborts() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "invalid-free");
        assertEquals(lines("p = malloc(10) = 0x5555555592a0", "free(p + 4)", "free(): invalid pointer"), run.output());
        assertEquals(134, run.status());
    }

    @Test
    void leaksAreListedAtExitByAllocatingLine() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "leak");
        assertEquals(lines("10 blocks of 100 bytes and a list of one node allocated, none freed; returning from main",
                "",
                "=================================================================",
                "==2==ERROR: LeakSanitizer: detected memory leaks",
                "",
                "Direct leak of 1000 byte(s) in 10 object(s) allocated from:",
                "    #0 0x555555555189 in malloc",
                "    #1 0x555555555189 in MallocErrors.leak MallocErrors.java:140",
                "",
                "Direct leak of 16 byte(s) in 1 object(s) allocated from:",
                "    #0 0x555555555189 in malloc",
                "    #1 0x555555555189 in MallocErrors.leak MallocErrors.java:143",
                "",
                "Indirect leak of 24 byte(s) in 1 object(s) allocated from:",
                "    #0 0x555555555189 in malloc",
                "    #1 0x555555555189 in MallocErrors.leak MallocErrors.java:144",
                "",
                "SUMMARY: AddressSanitizer: 1040 byte(s) leaked in 12 allocation(s)."), run.output());
        assertEquals(23, run.status(), "LeakSanitizer's exit code");
    }

    @Test
    void anUnknownArgumentPrintsTheUsage() {
        ProgramRun run = ProgramRun.of(new MallocErrors(), "segfault");
        assertEquals(lines("usage: MallocErrors [unallocated|overflow|use-after-free|double-free|invalid-free|leak]"),
                run.output());
        assertEquals(1, run.status());
    }
}
