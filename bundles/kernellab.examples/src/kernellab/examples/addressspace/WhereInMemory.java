package kernellab.examples.addressspace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The lecture's "where are code, heap and stack" program: it prints the address of a function,
 * of the end of its global data, of two {@code malloc}ed blocks, of one large block and of two
 * local variables, then its own {@code /proc/self/maps} with each address marked on the mapping
 * that holds it:
 * <pre>
 * main()             code   0x555555555189
 * edata              data   0x555555558010
 * malloc(16)         heap   0x5555555592a0
 * malloc(16) again   heap   0x5555555592c0
 * malloc(1 MiB)      mmap   0x7ffff7c8f010
 * local              stack  0x7fffffffec90
 * local of a callee  stack  0x7fffffffec80
 *
 * /proc/self/maps:
 * 555555555000-555555556000 r-xp 00001000 08:01 1310722                    /usr/bin/WhereInMemory  &lt;- main()
 * 555555559000-55555557a000 rw-p 00000000 00:00 0                          [heap]  &lt;- malloc(16), malloc(16) again
 * 7ffff7c8f000-7ffff7d93000 rw-p 00000000 00:00 0   &lt;- malloc(1 MiB)
 * </pre>
 *
 * <p>What to look at: the program's file is mapped five times at {@code 0x555555554000}
 * ({@code ELF_ET_DYN_BASE}; the machine has ASLR off by default, as {@code setarch -R}, so the
 * addresses are the same on every run): headers ({@code r--p}), code ({@code r-xp}, where
 * {@code main} is), read-only data, and the data and bss ({@code rw-p}, where {@code edata},
 * the end of the initialized globals, is). The {@code [heap]} follows it: glibc's malloc moves
 * the program break with {@code brk}, the first block comes {@code 0x2a0} bytes into the heap
 * (after malloc's own bookkeeping), and later blocks come at higher addresses: the heap grows
 * up, by 132 KiB at a time. A block of {@code MMAP_THRESHOLD} (128 KiB) or more gets a mapping
 * of its own below the shared libraries, 16 bytes into it (the chunk header); that mapping
 * merged with the anonymous mapping just above it (the main thread's TLS block, same
 * permissions), so its line is 16 kB longer than the block. The
 * {@code [stack]} is at the top of the user address space, just below {@code 0x7ffffffff000};
 * a callee's locals are at lower addresses: the stack grows down. Between the heap and the
 * stack lie the libraries ({@code ld-linux-x86-64.so.2}, {@code libc.so.6}), {@code [vvar]},
 * {@code [vvar_vclock]} and {@code [vdso]}; {@code [vsyscall]} is the only line above the stack: the kernel's legacy page.
 * The program then sleeps for a second of simulated time before it frees its blocks, as lecture
 * programs wait for a key: meanwhile {@code /proc/PID/maps} ({@code --print-at 500ms:/proc/2/maps}
 * on the command line), {@code pmap} and the Process Maps view (debug it with a wake-up event
 * breakpoint on its comm: the simulation stops when the sleep ends) show the same mappings from
 * outside; every other program has the same layout.
 */
public class WhereInMemory implements Workload {

    /** The size of the large block: above {@link Syscalls#MMAP_THRESHOLD}, so it is mmapped. */
    public static final long LARGE = 1L << 20;
    /** How long the program sleeps before it frees its blocks, ns: time to look at it from outside. */
    public static final long PAUSE_NS = 1_000_000_000L;

    /** Creates the program. */
    public WhereInMemory() {
    }

    @Override
    public void run(Syscalls sys) {
        Map<String, Long> places = new LinkedHashMap<>();
        places.put("main()", sys.addressOf("main"));
        places.put("edata", sys.addressOf("edata"));
        long small = sys.malloc(16);
        long again = sys.malloc(16);
        long large = sys.malloc(LARGE);
        places.put("malloc(16)", small);
        places.put("malloc(16) again", again);
        places.put("malloc(1 MiB)", large);
        places.put("local", sys.alloca(16));
        places.put("local of a callee", localOfACallee(sys));
        ProcReader proc = new ProcReader(sys);
        String[] kinds = {"code", "data", "heap", "heap", "mmap", "stack", "stack"};
        int k = 0;
        for (Map.Entry<String, Long> place : places.entrySet()) {
            sys.printf("%-18s %-6s %p\n", place.getKey(), kinds[k++], place.getValue());
        }
        sys.printf("\n/proc/self/maps:\n");
        for (String line : proc.read("/proc/self/maps").split("\n")) {
            List<String> here = new ArrayList<>();
            for (Map.Entry<String, Long> place : places.entrySet()) {
                if (ProcReader.covers(line, place.getValue())) {
                    here.add(place.getKey());
                }
            }
            sys.printf("%s%s\n", line, here.isEmpty() ? "" : "  <- " + String.join(", ", here));
        }
        sys.printf("\nsleeping 1 s before freeing the blocks: look at /proc/%d/maps\n", sys.getpid());
        sys.nanosleep(PAUSE_NS);
        sys.free(small);
        sys.free(again);
        sys.free(large);
    }

    /** A function with a local variable of its own: its frame lies below its caller's. */
    private static long localOfACallee(Syscalls sys) {
        return sys.alloca(16);
    }
}
