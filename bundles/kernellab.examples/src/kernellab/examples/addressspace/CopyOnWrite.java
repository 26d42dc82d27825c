package kernellab.examples.addressspace;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * {@code fork} and copy-on-write: after a fork parent and child share every page of private
 * memory until one of them writes it.
 *
 * <p>The parent maps {@value #PAGES} pages (1 MiB) of private anonymous memory, writes a
 * {@code 'P'} into every page, and forks. The child reads every page, then writes every page;
 * the parent waits for it, then writes every page itself. After each step the process prints
 * the page faults the step cost ({@code getrusage}), its {@code VmRSS} and the region's
 * {@code Shared_Dirty} and {@code Private_Dirty} from {@code /proc/self/smaps}; after the
 * writes, how much free memory ({@code MemFree} of {@code /proc/meminfo}) they took:
 * <pre>
 * CopyOnWrite[2]: parent wrote 256 pages           256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB
 * CopyOnWrite[3]: child after fork                   0 faults  VmRSS  1032 kB  shared 1024 kB  private    0 kB
 * CopyOnWrite[3]: child read 256 'P' pages           0 faults  VmRSS  1032 kB  shared 1024 kB  private    0 kB
 * CopyOnWrite[3]: sleeping 1 s with every page shared: compare /proc/2/smaps and /proc/3/smaps
 * CopyOnWrite[3]: child wrote 256 pages            256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB
 * CopyOnWrite[3]: the writes took 1024 kB of free memory
 * CopyOnWrite[2]: parent after waitpid               0 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB
 * CopyOnWrite[2]: parent wrote 256 pages again     256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB
 * CopyOnWrite[2]: the writes took 0 kB of free memory
 * </pre>
 *
 * <p>What to look at: fork copies no page. It copies the page tables of the private mappings
 * with every writable entry made read-only in both processes, so the child starts with the
 * parent's whole resident set (its {@code VmRSS} equals the parent's) and every page is counted
 * {@code Shared_Dirty}, mapped by two processes. Reading needs no fault at all: the entries are
 * present. The child's first write to a page is a write-protect fault; the page is still mapped
 * by the parent, so the kernel copies it ({@code do_wp_page} → {@code wp_page_copy}) and maps the
 * copy writable in the child: 256 faults, 1 MiB of new page frames, and the child's pages become
 * {@code Private_Dirty}, while its {@code VmRSS} does not change (a copy replaced each shared
 * page). Once the child has exited, the parent's pages are its own again ({@code Private_Dirty})
 * but its entries are still read-only, so its writes fault too: 256 faults that copy nothing,
 * since no one else maps the pages ({@code wp_page_reuse}), and take no memory. The child sleeps a
 * second of simulated time before it writes, to be looked at from outside: with
 * {@code --print-at 500ms:/proc/3/smaps} on the command line, or, stopped at a wake-up event
 * breakpoint on its comm (the child's wake-up comes first), in the Process Maps view (the
 * region's RSS is counted in both processes) and the Buddy view (no new anonymous frames yet).
 */
public class CopyOnWrite implements Workload {

    /** The size of the region, in pages. */
    public static final int PAGES = 256;
    /** The page size. */
    private static final int PAGE = 4096;
    /** How long the child sleeps while it shares every page with its parent, ns. */
    public static final long PAUSE_NS = 1_000_000_000L;

    /** Creates the program. */
    public CopyOnWrite() {
    }

    @Override
    public void run(Syscalls sys) {
        long size = (long) PAGES * PAGE;
        long region = sys.mmap(0, size, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
        Meter parent = new Meter(sys, region);
        writeEachPage(sys, region, 'P');
        parent.report("parent wrote " + PAGES + " pages");
        int child = sys.fork(c -> {
            Meter meter = new Meter(c, region);
            meter.report("child after fork");
            int parents = 0;
            for (long a = region; a < region + size; a += PAGE) {
                parents += c.readByte(a) == 'P' ? 1 : 0;
            }
            meter.report("child read " + parents + " 'P' pages");
            c.printf("sleeping 1 s with every page shared: compare /proc/%d/smaps and /proc/%d/smaps\n", c.getppid(),
                    c.getpid());
            c.nanosleep(PAUSE_NS);
            long free = meter.memFreeKb();
            writeEachPage(c, region, 'C');
            meter.report("child wrote " + PAGES + " pages");
            c.printf("the writes took %d kB of free memory\n", free - meter.memFreeKb());
        });
        sys.waitpid(child, 0);
        parent.report("parent after waitpid");
        long free = parent.memFreeKb();
        writeEachPage(sys, region, 'Q');
        parent.report("parent wrote " + PAGES + " pages again");
        sys.printf("the writes took %d kB of free memory\n", free - parent.memFreeKb());
        sys.munmap(region, size);
    }

    private static void writeEachPage(Syscalls sys, long region, int value) {
        for (int i = 0; i < PAGES; i++) {
            sys.writeByte(region + (long) i * PAGE, value);
        }
    }

    /** Reports what a step cost: faults since the last report, RSS, and how the region's pages are shared. */
    private static final class Meter {
        private final Syscalls sys;
        private final long region;
        private final ProcReader proc;
        private long faults;

        Meter(Syscalls sys, long region) {
            this.sys = sys;
            this.region = region;
            this.proc = new ProcReader(sys);
            this.faults = minflt();
        }

        private long minflt() {
            return sys.getrusage(Syscalls.RUSAGE_SELF).minflt();
        }

        /** @return {@code MemFree} of {@code /proc/meminfo}: the machine's free memory */
        long memFreeKb() {
            return proc.meminfoKb("MemFree");
        }

        void report(String step) {
            long now = minflt();
            sys.printf("%-30s %5d faults  VmRSS %5d kB  shared %4d kB  private %4d kB\n", step, now - faults,
                    proc.statusKb("VmRSS"), proc.smapsKb(region, "Shared_Dirty"), proc.smapsKb(region, "Private_Dirty"));
            faults = minflt();
        }
    }
}
