package kernellab.examples.addressspace;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * Growing the heap with {@code sbrk} and watching memory become resident only when it is
 * touched: demand paging.
 *
 * <p>The program moves the program break up by {@value #PAGES} pages (1 MiB), then reads one
 * byte of each new page, then writes one byte of each, then writes them all again, then gives
 * the megabyte back with {@code sbrk(-1 MiB)}. After each step it prints its {@code VmData},
 * {@code VmRSS} and {@code VmPTE} from {@code /proc/self/status} and its minor page faults
 * from {@code getrusage}, each with the change the step made:
 * <pre>
 * step                               VmData      VmRSS      VmPTE  minflt
 * at start                            84 kB       8 kB      12 kB       2
 * program break 0x555555559000 -> 0x555555659000
 * 555555559000-555555659000 rw-p 00000000 00:00 0                          [heap]
 * sbrk(+1 MiB)                     +1024 kB      +0 kB      +0 kB      +0
 * read a byte of each page            +0 kB      +0 kB     +16 kB    +256
 * write a byte of each page           +0 kB   +1024 kB      +0 kB    +256
 * write them again                    +0 kB      +0 kB      +0 kB      +0
 * sbrk(-1 MiB)                     -1024 kB   -1024 kB      -4 kB      +0
 * the [heap] is gone
 * </pre>
 *
 * <p>What to look at: {@code sbrk} only creates or moves the end of the {@code [heap]} VMA (its
 * maps line is printed): {@code VmData}, the size of the private writable mappings, grows by
 * 1 MiB at once, but no page is allocated and nothing becomes resident. The first read of each
 * page is a page fault; for anonymous memory that has never been written the kernel maps the
 * shared zero page read-only: 256 faults, and still no memory used (the zero page is not counted
 * in RSS). Only the first write of each page allocates a page frame: another fault per page (a
 * write-protect fault on the zero page's entry), and now {@code VmRSS} grows by 1 MiB. Writing
 * the same pages again costs nothing. The page tables grow on demand too ({@code VmPTE}): the
 * heap is the first memory the program touches near {@code 0x555555559000}, so the first read
 * needs a table at each level below the top one (PUD, PMD and PTE: 12 kB), and since a PTE
 * table maps 2 MiB and the heap crosses the boundary at {@code 0x555555600000}, one more (4 kB).
 * Shrinking the break unmaps the pages and frees them at once, with the PTE table that mapped
 * only heap; the other tables still map the program. At start only 8 kB are resident: the
 * program's code runs as Java, so only the stack pages its system calls touched are.
 * {@code /proc/vmstat}'s {@code pgfault} and a page-fault breakpoint on the heap's addresses
 * show the same faults.
 */
public class DemandPaging implements Workload {

    /** Pages the break grows by. */
    public static final int PAGES = 256;
    /** The page size. */
    private static final int PAGE = 4096;
    private static final String[] FIELDS = {"VmData", "VmRSS", "VmPTE"};

    private ProcReader proc;
    private Syscalls sys;
    private final long[] last = new long[FIELDS.length + 1];

    /** Creates the program. */
    public DemandPaging() {
    }

    @Override
    public void run(Syscalls syscalls) {
        sys = syscalls;
        proc = new ProcReader(sys);
        long size = (long) PAGES * PAGE;
        sys.printf("%-30s %10s %10s %10s %7s\n", "step", "VmData", "VmRSS", "VmPTE", "minflt");
        report("at start", false);
        long start = sys.sbrk(size);
        sys.printf("program break %p -> %p\n", start, sys.sbrk(0));
        sys.printf("%s\n", proc.mapsLine(start));
        report("sbrk(+1 MiB)", true);
        for (long a = start; a < start + size; a += PAGE) {
            sys.readByte(a);
        }
        report("read a byte of each page", true);
        for (long a = start; a < start + size; a += PAGE) {
            sys.writeByte(a, 1);
        }
        report("write a byte of each page", true);
        for (long a = start; a < start + size; a += PAGE) {
            sys.writeByte(a, 2);
        }
        report("write them again", true);
        sys.sbrk(-size);
        report("sbrk(-1 MiB)", true);
        sys.printf("%s\n", proc.mapsLine(start) == null ? "the [heap] is gone" : proc.mapsLine(start));
    }

    /** Prints the sizes and the fault count, as values or as changes since the last report. */
    private void report(String step, boolean changes) {
        long[] now = new long[last.length];
        for (int i = 0; i < FIELDS.length; i++) {
            now[i] = proc.statusKb(FIELDS[i]);
        }
        now[FIELDS.length] = sys.getrusage(Syscalls.RUSAGE_SELF).minflt();
        String sign = changes ? "%+" : "%";
        sys.printf("%-30s " + sign + "7d kB " + sign + "7d kB " + sign + "7d kB " + sign + "7d\n", step,
                changes ? now[0] - last[0] : now[0], changes ? now[1] - last[1] : now[1], changes ? now[2] - last[2] : now[2],
                changes ? now[3] - last[3] : now[3]);
        System.arraycopy(now, 0, last, 0, now.length);
    }
}
