package kernellab.core.mm;

import static kernellab.api.Syscalls.MADV_HUGEPAGE;
import static kernellab.api.Syscalls.MADV_NOHUGEPAGE;
import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.sched.Task;

/**
 * Transparent huge pages for anonymous memory (mm/huge_memory.c): a write fault in an aligned
 * 2 MiB block of an eligible VMA ({@code thp_vma_allowable_order}, {@code thp_vma_suitable_order})
 * maps one PMD-sized page ({@code do_huge_pmd_anonymous_page}); {@code AnonHugePages} in smaps and
 * meminfo, {@code thp_fault_alloc}, {@code nr_anon_transparent_hugepages}; a partial munmap or
 * mprotect splits it ({@code vma_adjust_trans_huge}, {@code split_huge_pmd}, {@code thp_split_pmd}).
 */
class TransparentHugepageTest {

    /** 2 MiB-aligned. */
    private static final long A = 0x1_0000_0000L;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    private static final int RW = PROT_READ | PROT_WRITE;
    private static final long MB = 1L << 20;

    private interface Steps {
        void run(Syscalls sys, VmHarness h, VmHarness.Log log);
    }

    private static VmHarness.Log run(TransparentHugepage mode, Steps steps) {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.vm().setTransparentHugepage(mode);
            Task t = h.launch("thp", sys -> steps.run(sys, h, log));
            h.runToEnd();
            assertEquals(0, t.shellExitStatus(), h.out.toString());
            assertEquals(List.of(), h.k.memory().log().lines().stream().filter(l -> l.contains("Bad page")).toList());
        }
        return log;
    }

    /** The smaps fields of the VMA starting at {@code start}, e.g. {@code Rss 2048 AnonHugePages 2048 THPeligible 1}. */
    private static String smaps(VmHarness h, Syscalls sys, long start, String... fields) {
        String smaps = h.k.procFs().read("/proc/" + sys.getpid() + "/smaps");
        int at = smaps.indexOf(Long.toHexString(start) + "-");
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            int i = smaps.indexOf("\n" + f + ":", at) + 1;
            String line = smaps.substring(i, smaps.indexOf('\n', i));
            sb.append(sb.isEmpty() ? "" : " ").append(f).append(' ').append(line.substring(f.length() + 1).trim().replace(" kB", ""));
        }
        return sb.toString();
    }

    private static String lines(String file, String... names) {
        return file.lines().filter(l -> {
            for (String n : names) {
                if (l.startsWith(n + " ") || l.startsWith(n + ":")) {
                    return true;
                }
            }
            return false;
        }).map(l -> l.replaceAll("\\s+", " ")).collect(Collectors.joining("|"));
    }

    private static String counters(VmHarness h) {
        return lines(h.k.procFs().read("/proc/vmstat"), "nr_anon_transparent_hugepages", "thp_fault_alloc", "thp_fault_fallback",
                "thp_split_pmd") + "|" + lines(h.k.procFs().read("/proc/meminfo"), "AnonHugePages");
    }

    @Test
    void aWriteInAMadvisedAlignedBlockMapsOneHugePageAndAPartialMunmapSplitsIt() {
        VmHarness.Log log = run(TransparentHugepage.MADVISE, (sys, h, log1) -> {
            sys.mmap(A, 4 * MB, RW, ANON, -1, 0);
            log1.add(smaps(h, sys, A, "THPeligible"));
            sys.madvise(A, 4 * MB, MADV_HUGEPAGE);
            long faults = h.vm().vmstat().pgfault();
            sys.writeByte(A + 0x1234, 7);
            sys.writeByte(A + 2 * MB - 1, 9);
            log1.add(h.vm().vmstat().pgfault() - faults);
            log1.add(smaps(h, sys, A, "Rss", "Anonymous", "AnonHugePages", "THPeligible"));
            log1.add(counters(h));
            Task self = h.k.scheduler().task(sys.getpid());
            log1.add(h.vm().pageWalk(self, A + MB).stream().map(s -> s.level() + (((s.entry() & PageTable.PTE_PSE) != 0) ? "+PSE" : ""))
                    .collect(Collectors.joining(" ")));
            log1.add(sys.readByte(A + 0x1234) + " " + sys.readByte(A + 2 * MB - 1) + " " + sys.readByte(A + MB));
            sys.munmap(A + MB, 0x1000);
            log1.add(smaps(h, sys, A, "Rss", "AnonHugePages") + " / " + smaps(h, sys, A + MB + 0x1000, "Rss", "AnonHugePages"));
            log1.add(counters(h));
            log1.add(sys.readByte(A + 0x1234) + " " + sys.readByte(A + 2 * MB - 1));
        });
        assertEquals("THPeligible 0", log.get(0), "madvise mode: not without MADV_HUGEPAGE");
        assertEquals("1", log.get(1), "one fault maps the whole 2 MiB; the second write finds it mapped");
        assertEquals("Rss 2048 Anonymous 2048 AnonHugePages 2048 THPeligible 1", log.get(2));
        assertEquals("nr_anon_transparent_hugepages 1|thp_fault_alloc 1|thp_fault_fallback 0|thp_split_pmd 0|AnonHugePages: 2048 kB",
                log.get(3));
        assertEquals("PGD PUD PMD+PSE", log.get(4), "the walk ends at the PMD: it maps the page");
        assertEquals("7 9 0", log.get(5));
        assertEquals("Rss 1024 AnonHugePages 0 / Rss 1020 AnonHugePages 0", log.get(6),
                "split into 512 PTEs; the unmapped page is freed, the other 511 stay");
        assertEquals("nr_anon_transparent_hugepages 0|thp_fault_alloc 1|thp_fault_fallback 0|thp_split_pmd 1|AnonHugePages: 0 kB",
                log.get(7));
        assertEquals("7 9", log.get(8));
    }

    /**
     * A whole-range mprotect changes the huge PMD ({@code change_huge_pmd}); one that ends inside
     * the block splits it. MADV_NOHUGEPAGE and the madvise mode without MADV_HUGEPAGE fault 4 KiB
     * pages; the always mode needs no madvise.
     */
    @Test
    void mprotectKeepsOrSplitsAndTheModesDecide() {
        VmHarness.Log log = run(TransparentHugepage.ALWAYS, (sys, h, log1) -> {
            sys.mmap(A, 2 * MB, RW, ANON, -1, 0);
            sys.writeByte(A, 1);
            sys.mprotect(A, 2 * MB, PROT_READ);
            log1.add(smaps(h, sys, A, "Rss", "AnonHugePages"));
            sys.mprotect(A, 0x1000, RW);
            log1.add(smaps(h, sys, A, "Rss", "AnonHugePages") + " / " + smaps(h, sys, A + 0x1000, "Rss", "AnonHugePages"));
            sys.mmap(A + 4 * MB, 2 * MB, RW, ANON, -1, 0);
            sys.madvise(A + 4 * MB, 2 * MB, MADV_NOHUGEPAGE);
            sys.writeByte(A + 4 * MB, 1);
            log1.add(smaps(h, sys, A + 4 * MB, "Rss", "AnonHugePages", "THPeligible"));
            h.vm().setTransparentHugepage(TransparentHugepage.MADVISE);
            sys.mmap(A + 8 * MB, 2 * MB, RW, ANON, -1, 0);
            sys.writeByte(A + 8 * MB, 1);
            log1.add(smaps(h, sys, A + 8 * MB, "Rss", "AnonHugePages", "THPeligible"));
        });
        assertEquals("Rss 2048 AnonHugePages 2048", log.get(0));
        assertEquals("Rss 4 AnonHugePages 0 / Rss 2044 AnonHugePages 0", log.get(1));
        assertEquals("Rss 4 AnonHugePages 0 THPeligible 0", log.get(2));
        assertEquals("Rss 4 AnonHugePages 0 THPeligible 0", log.get(3));
    }

    /**
     * fork: the simulated {@code copy_page_range} splits the parent's huge PMD first (Linux's
     * {@code copy_huge_pmd} would share the 2 MiB page), then parent and child share 4 KiB pages
     * copy-on-write as usual.
     */
    @Test
    void forkSplitsTheHugePageAndCopyOnWriteGoesOn4KiBPages() {
        VmHarness.Log log = run(TransparentHugepage.ALWAYS, (sys, h, log1) -> {
            sys.mmap(A, 2 * MB, RW, ANON, -1, 0);
            sys.writeInt(A, 5);
            int child = sys.fork(c -> {
                c.writeInt(A + MB, c.readInt(A) + 1);
            });
            sys.waitpid(child, 0);
            sys.writeInt(A + 4, 6);
            log1.add(sys.readInt(A) + " " + sys.readInt(A + 4) + " " + sys.readInt(A + MB));
            log1.add(smaps(h, sys, A, "Rss", "AnonHugePages"));
            log1.add(counters(h));
        });
        assertEquals("5 6 0", log.get(0), "the child's write stayed in the child");
        assertEquals("Rss 2048 AnonHugePages 0", log.get(1));
        assertEquals("nr_anon_transparent_hugepages 0|thp_fault_alloc 1|thp_fault_fallback 0|thp_split_pmd 1|AnonHugePages: 0 kB",
                log.get(2));
    }

    /** {@code enabled_show()}. */
    @Test
    void theSysfsFileBracketsTheMode() {
        assertEquals("always [madvise] never\n", TransparentHugepage.MADVISE.show());
        assertEquals("[always] madvise never\n", TransparentHugepage.ALWAYS.show());
    }

    /**
     * {@code /sys/kernel/mm/transparent_hugepage/enabled}: {@code enabled_show()} when read,
     * {@code enabled_store()} when root writes a mode ({@code sysfs_streq}: the newline of echo is
     * allowed), EINVAL for anything else.
     */
    @Test
    void theSysfsFileIsReadAndWrittenAsLinuxDoes() {
        String file = "/sys/kernel/mm/transparent_hugepage/enabled";
        try (VmHarness h = new VmHarness()) {
            assertEquals("always [madvise] never\n", h.k.procFs().read(file));
            h.k.procFs().write(file, "never\n");
            assertEquals(TransparentHugepage.NEVER, h.vm().transparentHugepage());
            assertEquals("always madvise [never]\n", h.k.procFs().read(file));
            h.k.procFs().write(file, "always");
            assertEquals(TransparentHugepage.ALWAYS, h.vm().transparentHugepage());
            Errno bad = assertThrows(Errno.class, () -> h.k.procFs().write(file, "sometimes\n"));
            assertEquals(Errno.EINVAL, bad.errno());
            assertEquals("[always] madvise never\n", h.k.procFs().read(file));
        }
    }
}
