package kernellab.core.task;

import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_RDONLY;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.LaunchAttributes;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;

/**
 * The lecture's user-memory programs and "common errors", with the exact output a Linux
 * machine (glibc, AddressSanitizer, LeakSanitizer, the kernel log) gives.
 */
class UserMemoryTest {

    // ---- harness

    private record Run(String out, String dmesg, int status, Kernel k) {
    }

    private static Run run(String comm, Workload w) {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            StringBuilder out = new StringBuilder();
            k.addOutputListener((t, s) -> out.append(s));
            Task t = k.launch(TaskSpec.of(comm, w).build()).get(0);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(10_000_000_000L).kind());
            return new Run(out.toString(), k.memory().log().dmesg(), t.shellExitStatus(), k);
        }
    }

    @Test
    void doubleFreeAbortsWithGlibcsMessage() {
        Run r = run("dfree", HeapPrograms::doubleFree);
        assertEquals("free(): double free detected in tcache 2\n", r.out);
        assertEquals(134, r.status, "SIGABRT");
    }

    @Test
    void freeingAPointerMallocDidNotReturnAborts() {
        Run r = run("badfree", sys -> sys.free(sys.malloc(10) + 4));
        assertEquals("free(): invalid pointer\n", r.out);
        assertEquals(134, r.status);
    }

    @Test
    void writingPastABlockIsReportedLikeAddressSanitizer() {
        Run r = run("overflow", HeapPrograms::overflow);
        assertEquals("""
                =================================================================
                ==2==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x5555555592aa at pc 0x555555555189 bp 0x7fffffffecf0 sp 0x7fffffffecb0
                WRITE of size 14 at 0x5555555592aa thread T0
                    #0 0x555555555189 in HeapPrograms.overflow HeapPrograms.java:24

                0x5555555592aa is located 0 bytes to the right of 10-byte region [0x5555555592a0,0x5555555592aa)
                allocated by thread T0 here:
                    #0 0x555555555189 in malloc
                    #1 0x555555555189 in HeapPrograms.overflow HeapPrograms.java:21

                SUMMARY: AddressSanitizer: heap-buffer-overflow in HeapPrograms.overflow
                ==2==ABORTING
                """, r.out);
        assertEquals(1, r.status);
    }

    @Test
    void useAfterFreeIsReportedWithTheFreeingSite() {
        Run r = run("uaf", HeapPrograms::useAfterFree);
        assertEquals("""
                =================================================================
                ==2==ERROR: AddressSanitizer: heap-use-after-free on address 0x5555555592a2 at pc 0x555555555189 bp 0x7fffffffecf0 sp 0x7fffffffecb0
                READ of size 1 at 0x5555555592a2 thread T0
                    #0 0x555555555189 in HeapPrograms.useAfterFree HeapPrograms.java:30

                0x5555555592a2 is located 2 bytes inside of 10-byte region [0x5555555592a0,0x5555555592aa)
                freed by thread T0 here:
                    #0 0x555555555189 in free
                    #1 0x555555555189 in HeapPrograms.useAfterFree HeapPrograms.java:29

                previously allocated by thread T0 here:
                    #0 0x555555555189 in malloc
                    #1 0x555555555189 in HeapPrograms.useAfterFree HeapPrograms.java:28

                SUMMARY: AddressSanitizer: heap-use-after-free in HeapPrograms.useAfterFree
                ==2==ABORTING
                """, r.out);
        assertEquals(1, r.status);
    }

    @Test
    void aReportNamesTheProgramsLineNotTheLibrarysWhenPrintfReadsFreedMemory() {
        Run r = run("uafprintf", HeapPrograms::printFreedString);
        assertEquals("""
                =================================================================
                ==2==ERROR: AddressSanitizer: heap-use-after-free on address 0x5555555592a0 at pc 0x555555555189 bp 0x7fffffffecf0 sp 0x7fffffffecb0
                READ of size 4 at 0x5555555592a0 thread T0
                    #0 0x555555555189 in HeapPrograms.printFreedString HeapPrograms.java:51

                0x5555555592a0 is located 0 bytes inside of 16-byte region [0x5555555592a0,0x5555555592b0)
                freed by thread T0 here:
                    #0 0x555555555189 in free
                    #1 0x555555555189 in HeapPrograms.printFreedString HeapPrograms.java:50

                previously allocated by thread T0 here:
                    #0 0x555555555189 in malloc
                    #1 0x555555555189 in HeapPrograms.printFreedString HeapPrograms.java:48

                SUMMARY: AddressSanitizer: heap-use-after-free in HeapPrograms.printFreedString
                ==2==ABORTING
                """, r.out);
        assertEquals(1, r.status);
    }

    /** A misuse the library reports with a Java exception ends the task like an uncaught exception; the machine goes on. */
    @Test
    void aPrintfFormatWithoutItsArgumentAbortsTheTaskNotTheMachine() {
        Run r = run("badfmt", sys -> {
            sys.printf("%d and %d\n", 1);
            sys.print("not reached\n");
        });
        assertEquals("", r.out);
        assertEquals(134, r.status, "killed by SIGABRT as for any uncaught exception of the workload");
    }

    @Test
    void leaksAreListedAtExitLikeLeakSanitizer() {
        Run r = run("leaky", HeapPrograms::leaks);
        assertEquals("""

                =================================================================
                ==2==ERROR: LeakSanitizer: detected memory leaks

                Direct leak of 100 byte(s) in 1 object(s) allocated from:
                    #0 0x555555555189 in malloc
                    #1 0x555555555189 in HeapPrograms.leaks HeapPrograms.java:34

                Indirect leak of 24 byte(s) in 1 object(s) allocated from:
                    #0 0x555555555189 in malloc
                    #1 0x555555555189 in HeapPrograms.leaks HeapPrograms.java:35

                SUMMARY: AddressSanitizer: 124 byte(s) leaked in 2 allocation(s).
                """, r.out);
        assertEquals(23, r.status);
    }

    @Test
    void writingThroughANullPointerIsASegfault() {
        Run r = run("null", sys -> sys.writeInt(0, 42));
        assertEquals(139, r.status);
        assertEquals("[    0.000000] null[2]: segfault at 0 ip 0000555555555189 sp 00007fffffffecb0 error 6 in null[555555555000+1000]\n",
                r.dmesg);
    }

    @Test
    void writingIntoTheProgramTextIsAnAccessError() {
        Run r = run("rotext", sys -> {
            sys.readByte(sys.addressOf("main"));
            sys.writeByte(sys.addressOf("main"), 0);
        });
        assertEquals(139, r.status);
        assertEquals("[    0.000000] rotext[2]: segfault at 555555555189 ip 0000555555555189 sp 00007fffffffecb0 error 7 in "
                + "rotext[555555555000+1000]\n", r.dmesg, "error 7: user write to a present page");
    }

    @Test
    void codeHeapAndStackAddresses() {
        Run r = run("addr", HeapPrograms::addresses);
        assertEquals("""
                code  0x555555555189
                data  0x555555558010
                heap  0x5555555592a0
                stack 0x7fffffffeca0
                """, r.out);
        assertEquals(0, r.status);
    }

    @Test
    void mallocUsesBrkForSmallBlocksAndMmapFromTheThreshold() {
        List<String> log = new ArrayList<>();
        Run r = run("heap", sys -> {
            long start = sys.sbrk(0);
            long a = sys.malloc(100);
            log.add(Long.toHexString(a) + " brk +" + Long.toHexString(sys.sbrk(0) - start));
            for (int i = 0; i < 200; i++) {
                sys.malloc(1000);
            }
            log.add("brk +" + Long.toHexString(sys.sbrk(0) - start));
            long big = sys.malloc(Syscalls.MMAP_THRESHOLD);
            log.add(Long.toHexString(big));
            log.add(h(sys.mmap(0, 4096, Syscalls.PROT_READ, Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0)));
            sys.free(big);
            long again = sys.malloc(Syscalls.MMAP_THRESHOLD - 1);
            log.add(Long.toHexString(again) + " brk +" + Long.toHexString(sys.sbrk(0) - start));
            sys.exit(0);
        });
        assertEquals(List.of("5555555592a0 brk +21000", "brk +42000", "7ffff7d6f010", "7ffff7ffa000",
                "55555558a690 brk +72000"), log, "the 128 KiB block gets its own mapping below the lowest one; a one-page "
                        + "mmap fills the highest gap, the hole in ld.so's mapping; one byte less comes from the heap");
        assertEquals(23, r.status, "the 201 blocks never freed are leaks");
    }

    @Test
    void reallocKeepsTheContentsAndCallocClearsRecycledMemory() {
        List<String> log = new ArrayList<>();
        Run r = run("realloc", sys -> {
            long p = sys.malloc(16);
            sys.writeString(p, "0123456789");
            long q = sys.realloc(p, 20);
            log.add((q == p) + " " + sys.readString(q));
            long m = sys.realloc(q, 4000);
            log.add((m == q) + " " + sys.readString(m));
            long c1 = sys.malloc(64);
            sys.memset(c1, 'x', 64);
            sys.free(c1);
            long c2 = sys.calloc(8, 8);
            log.add((c2 == c1) + " " + sys.readLong(c2) + " " + sys.strlen(m));
            sys.free(c2);
            sys.free(m);
        });
        assertEquals(List.of("true 0123456789", "false 0123456789", "true 0 10"), log);
        assertEquals(0, r.status, r.out);
    }

    private static String h(long v) {
        return Long.toHexString(v);
    }

    private static final String FILE = "This is line one.\nThis is line two.\nThis is line three.\nThis is line four.\n";

    @Test
    void theLecturesSharedMmapExampleWritesThroughToTheFile() {
        String[] seen = new String[2];
        Run r = run("mmapex", sys -> {
            int fd = sys.open("/home/test.txt", O_RDWR | O_CREAT);
            sys.write(fd, FILE.getBytes(StandardCharsets.ISO_8859_1));
            sys.close(fd);
            fd = sys.open("/home/test.txt", O_RDWR);
            long p = sys.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            sys.close(fd);
            sys.writeBytes(p + 20, "Let's write over it".getBytes(StandardCharsets.ISO_8859_1));
            int other = sys.open("/home/test.txt", O_RDONLY);
            long buf = sys.malloc(100);
            int n = sys.read(other, buf, 100);
            seen[0] = new String(sys.readBytes(buf, n), StandardCharsets.ISO_8859_1);
            sys.free(buf);
            sys.munmap(p, 4096);
        });
        String expected = "This is line one.\nThLet's write over its is line three.\nThis is line four.\n";
        assertEquals(0, r.status, r.out);
        assertEquals(expected, seen[0], "read() sees the store through the shared mapping");
        assertEquals(expected, r.k.vfs().cat("/home/test.txt"), "cat after the program");
    }

    @Test
    void aPrivateFileMappingCopiesOnWrite() {
        String[] seen = new String[1];
        Run r = run("private", sys -> {
            int fd = sys.open("/home/test.txt", O_RDWR | O_CREAT);
            sys.write(fd, FILE.getBytes(StandardCharsets.ISO_8859_1));
            long p = sys.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
            sys.writeBytes(p + 20, "Let's write over it".getBytes(StandardCharsets.ISO_8859_1));
            seen[0] = sys.readString(p).substring(0, 40);
        });
        assertEquals(0, r.status, r.out);
        assertEquals("This is line one.\nThLet's write over its", seen[0]);
        assertEquals(FILE, r.k.vfs().cat("/home/test.txt"));
    }

    @Test
    void aTaskThatNeverExecedCanStillMallocAndMap() {
        StringBuilder out = new StringBuilder();
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task t = k.scheduler().fork().launch("shell", List.of(), null, UserSyscalls.body(k.scheduler(), sys -> {
                long p = sys.malloc(10);
                long m = sys.mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
                sys.printf("%p %p\n", p, m);
                sys.free(p);
            }, (task, text) -> out.append(text)), LaunchAttributes.INHERIT);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(10_000_000_000L).kind());
            assertEquals(0, t.shellExitStatus(), t.exitReport());
        }
        assertEquals("0x5555555542a0 0x7ffff7ffe000\n", out.toString(), "the break and mmap_base an exec would have set");
    }
}
