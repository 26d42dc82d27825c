package kernellab.examples.addressspace;

import java.util.List;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * {@code malloc} and {@code free} used right, and each common mistake as the C library and the
 * sanitizers report it. The argument picks the program:
 * <ul>
 * <li>none: correct use. A block is allocated, filled and freed; the next request of the same
 * size gets the very same block back (glibc's tcache hands out the last freed chunk first);
 * {@code realloc} to a larger size moves the block and keeps its contents; every block is
 * freed, and the program exits with status 0.</li>
 * <li>{@code unallocated}: {@code char *p; strcpy(p, "hello");} writes through a pointer that
 * was never given memory. Here the uninitialized local holds 0 (fresh stack memory is zeroed),
 * so the store goes to address 0, where nothing is mapped: the MMU faults, the kernel finds no
 * VMA and sends SIGSEGV, whose default action kills the process (status 139) after the kernel
 * log line {@code segfault at 0 ip … error 6} (6: a user-mode write to a page not present).</li>
 * <li>{@code overflow}: {@code malloc(strlen(s))} forgets the terminating NUL, so
 * {@code strcpy} writes one byte past the block. Without a sanitizer this silently corrupts
 * the next chunk's header; AddressSanitizer reports a {@code heap-buffer-overflow} "0 bytes to
 * the right of 5-byte region", names the lines that wrote and allocated, and exits with status 1.</li>
 * <li>{@code use-after-free}: prints a string after freeing it. AddressSanitizer reports a
 * {@code heap-use-after-free} with the three lines that matter: the read, the free and the
 * malloc.</li>
 * <li>{@code double-free}: frees a block twice. glibc finds the chunk already in its tcache and
 * aborts with {@code free(): double free detected in tcache 2}: SIGABRT, status 134.</li>
 * <li>{@code invalid-free}: frees a pointer {@code malloc} did not return (into the middle of a
 * block): {@code free(): invalid pointer}, SIGABRT.</li>
 * <li>{@code leak}: allocates in a loop and never frees. Nothing goes wrong while it runs; at
 * exit LeakSanitizer lists the blocks still allocated, grouped by the line that allocated them
 * (a block reachable only through another leaked block is an indirect leak), and the exit status
 * becomes 23.</li>
 * </ul>
 * Another argument prints the usage and exits with status 1.
 *
 * <p>What to look at: which layer notices each mistake. The MMU and the kernel only see
 * accesses to pages that are not mapped ({@code unallocated}); inside the heap every byte is
 * mapped, so the kernel never notices an overflow or a use after free: the C library checks a
 * few things cheaply when memory is freed ({@code double-free}, {@code invalid-free}), and the
 * rest needs a sanitizer that knows every block's bounds and state.
 */
public class MallocErrors implements Workload {

    /** The arguments, one per mistake. */
    public static final List<String> MISTAKES = List.of("unallocated", "overflow", "use-after-free", "double-free",
            "invalid-free", "leak");
    /** How many blocks the {@code leak} program allocates. */
    static final int LEAKED_BLOCKS = 10;

    /** Creates the program; the mistake comes from the argument. */
    public MallocErrors() {
    }

    @Override
    public void run(Syscalls sys) {
        List<String> args = sys.argv();
        String mistake = args.isEmpty() ? "" : args.get(0);
        switch (mistake) {
            case "" -> correctUse(sys);
            case "unallocated" -> unallocated(sys);
            case "overflow" -> overflow(sys);
            case "use-after-free" -> useAfterFree(sys);
            case "double-free" -> doubleFree(sys);
            case "invalid-free" -> invalidFree(sys);
            case "leak" -> leak(sys);
            default -> {
                sys.printf("usage: MallocErrors [%s]\n", String.join("|", MISTAKES));
                sys.exit(1);
            }
        }
    }

    private static void correctUse(Syscalls sys) {
        long p = sys.malloc(32);
        sys.printf("p = malloc(32)       = %p\n", p);
        sys.writeString(p, "hello, heap");
        sys.printf("strcpy(p, \"%s\")\n", p);
        sys.free(p);
        sys.printf("free(p)\n");
        long q = sys.malloc(32);
        sys.printf("q = malloc(32)       = %p (%s)\n", q, q == p ? "the block just freed" : "another block");
        sys.writeString(q, "hello again");
        long r = sys.realloc(q, 4000);
        sys.printf("r = realloc(q, 4000) = %p (%s), still \"%s\"\n", r, r == q ? "grown in place" : "moved", r);
        sys.free(r);
        sys.printf("free(r): nothing left allocated\n");
    }

    private static void unallocated(Syscalls sys) {
        long local = sys.alloca(8);
        long p = sys.readLong(local);
        sys.printf("char *p; (never assigned) p = %p\n", p);
        sys.printf("strcpy(p, \"hello\")\n");
        sys.writeString(p, "hello");
        sys.printf("not reached\n");
    }

    private static void overflow(Syscalls sys) {
        String text = "hello";
        long p = sys.malloc(text.length());
        sys.printf("p = malloc(strlen(\"%s\")) = malloc(%d) = %p\n", text, text.length(), p);
        sys.printf("strcpy(p, \"%s\"): %d bytes with the NUL\n", text, text.length() + 1);
        sys.writeString(p, text);
        sys.printf("not reached\n");
    }

    private static void useAfterFree(Syscalls sys) {
        long name = sys.malloc(16);
        sys.writeString(name, "Ada");
        sys.printf("name = %p \"%s\"\n", name, name);
        sys.free(name);
        sys.printf("free(name)\n");
        sys.printf("hello %s\n", name);
        sys.printf("not reached\n");
    }

    private static void doubleFree(Syscalls sys) {
        long p = sys.malloc(10);
        sys.printf("p = malloc(10) = %p\n", p);
        sys.free(p);
        sys.printf("free(p)\n");
        sys.printf("free(p) again\n");
        sys.free(p);
        sys.printf("not reached\n");
    }

    private static void invalidFree(Syscalls sys) {
        long p = sys.malloc(10);
        sys.printf("p = malloc(10) = %p\n", p);
        sys.printf("free(p + 4)\n");
        sys.free(p + 4);
        sys.printf("not reached\n");
    }

    private static void leak(Syscalls sys) {
        for (int i = 0; i < LEAKED_BLOCKS; i++) {
            long line = sys.malloc(100);
            sys.writeString(line, "line " + i);
        }
        long list = sys.malloc(16);
        sys.writeLong(list, sys.malloc(24));
        sys.printf("%d blocks of 100 bytes and a list of one node allocated, none freed; returning from main\n",
                LEAKED_BLOCKS);
    }
}
