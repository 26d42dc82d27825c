package kernellab.core.mm;

import static kernellab.api.Syscalls.MADV_HUGEPAGE;
import static kernellab.api.Syscalls.MADV_NOHUGEPAGE;
import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.sched.Task;

/** vma_merge and split rules, observed in /proc/PID/maps like on Linux. */
class VmaMergeSplitTest {

    private static final long A = 0x1_0000_0000L;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    private static final int RW = PROT_READ | PROT_WRITE;

    private interface Steps {
        void run(Syscalls sys, VmHarness h, VmHarness.Log log);
    }

    private static VmHarness.Log run(Steps steps) {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            Task[] self = new Task[1];
            self[0] = h.launch("vmas", sys -> steps.run(sys, h, log));
            h.runToEnd();
            assertEquals(0, self[0].shellExitStatus(), h.out.toString());
        }
        return log;
    }

    private static String region(VmHarness h, Syscalls sys) {
        return h.region(sys.getpid(), A, 2 * A);
    }

    @Test
    void adjacentEqualAnonymousMappingsMerge() {
        VmHarness.Log log = run((sys, h, log1) -> {
            int before = h.vm().mm(h.k.scheduler().task(sys.getpid())).mapCount();
            sys.mmap(A, 0x2000, RW, ANON, -1, 0);
            sys.mmap(A + 0x2000, 0x1000, RW, ANON, -1, 0);
            log1.add(region(h, sys));
            log1.add(h.vm().mm(h.k.scheduler().task(sys.getpid())).mapCount() - before);
        });
        assertEquals("100000000-100003000 rw-p 00000000 00:00 0 \n", log.get(0));
        assertEquals("1", log.get(1));
    }

    @Test
    void twoAnonymousMmapsWithoutHintBecomeOneVmaBelowTheFirst() {
        VmHarness.Log log = run((sys, h, log1) -> {
            long a = sys.mmap(0, 0x2000, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            long b = sys.mmap(0, 0x2000, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            log1.add(Long.toHexString(a) + " " + Long.toHexString(b));
            log1.add(h.region(sys.getpid(), b, a + 0x2000));
        });
        assertEquals("7ffff7d8e000 7ffff7d8c000", log.get(0));
        assertEquals("7ffff7d8c000-7ffff7d93000 rw-p 00000000 00:00 0 \n", log.get(1),
                "both merge with each other and with the TLS block below libc");
    }

    @Test
    void differentProtectionsDoNotMerge() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x1000, RW, ANON, -1, 0);
            sys.mmap(A + 0x1000, 0x1000, PROT_READ, ANON, -1, 0);
            log1.add(region(h, sys));
        });
        assertEquals("""
                100000000-100001000 rw-p 00000000 00:00 0\s
                100001000-100002000 r--p 00000000 00:00 0\s
                """, log.get(0));
    }

    @Test
    void mprotectOfAMiddlePartSplitsIntoThreeAndBackMerges() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x3000, RW, ANON, -1, 0);
            for (int i = 0; i < 3; i++) {
                sys.writeInt(A + i * 0x1000L, i);
            }
            sys.mprotect(A + 0x1000, 0x1000, PROT_READ);
            log1.add(region(h, sys));
            sys.mprotect(A + 0x1000, 0x1000, RW);
            log1.add(region(h, sys));
            log1.add(sys.readInt(A + 0x1000) + " " + sys.readInt(A + 0x2000));
        });
        assertEquals("""
                100000000-100001000 rw-p 00000000 00:00 0\s
                100001000-100002000 r--p 00000000 00:00 0\s
                100002000-100003000 rw-p 00000000 00:00 0\s
                """, log.get(0));
        assertEquals("100000000-100003000 rw-p 00000000 00:00 0 \n", log.get(1));
        assertEquals("1 2", log.get(2));
    }

    @Test
    void fileMappingsMergeOnlyWithContiguousOffsets() {
        VmHarness.Log log = run((sys, h, log1) -> {
            int fd = sys.open("/data.bin", O_RDWR | O_CREAT);
            sys.write(fd, new byte[4 * 4096]);
            sys.mmap(A, 0x1000, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
            sys.mmap(A + 0x1000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0x1000);
            sys.mmap(A + 0x10000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
            sys.mmap(A + 0x11000, 0x1000, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0x2000);
            log1.add(region(h, sys));
        });
        assertEquals("""
                100000000-100002000 r--p 00000000 08:01 1310725                          /data.bin
                100010000-100011000 r--p 00000000 08:01 1310725                          /data.bin
                100011000-100012000 r--p 00002000 08:01 1310725                          /data.bin
                """, log.get(0));
    }

    @Test
    void munmapAcrossTwoVmasKeepsTheOuterParts() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x2000, RW, ANON, -1, 0);
            sys.mmap(A + 0x2000, 0x2000, PROT_READ, ANON, -1, 0);
            sys.munmap(A + 0x1000, 0x2000);
            log1.add(region(h, sys));
        });
        assertEquals("""
                100000000-100001000 rw-p 00000000 00:00 0\s
                100003000-100004000 r--p 00000000 00:00 0\s
                """, log.get(0));
    }

    @Test
    void brkGrowsOneHeapVmaAndShrinksIt() {
        VmHarness.Log log = run((sys, h, log1) -> {
            long start = sys.sbrk(0);
            log1.add(Long.toHexString(start));
            sys.sbrk(0x1000);
            log1.add(h.region(sys.getpid(), start, start + 0x100000));
            sys.sbrk(0x3000);
            log1.add(h.region(sys.getpid(), start, start + 0x100000));
            sys.sbrk(-0x2000);
            log1.add(h.region(sys.getpid(), start, start + 0x100000));
            log1.add(Long.toHexString(sys.brk(0)) + " " + Long.toHexString(sys.brk(start - 0x1000)));
        });
        assertEquals("555555559000", log.get(0));
        assertEquals("555555559000-55555555a000 rw-p 00000000 00:00 0                          [heap]\n", log.get(1));
        assertEquals("555555559000-55555555d000 rw-p 00000000 00:00 0                          [heap]\n", log.get(2));
        assertEquals("555555559000-55555555b000 rw-p 00000000 00:00 0                          [heap]\n", log.get(3));
        assertEquals("55555555b000 55555555b000", log.get(4), "brk below start_brk is refused: the old break comes back");
    }

    private static String vmFlags(VmHarness h, Syscalls sys, long start) {
        String smaps = h.k.procFs().read("/proc/" + sys.getpid() + "/smaps");
        int at = smaps.indexOf("VmFlags: ", smaps.indexOf(Long.toHexString(start) + "-"));
        return smaps.substring(at, smaps.indexOf('\n', at));
    }

    /**
     * mprotect_fixup of Linux 6.7+: {@code else if ((oldflags & VM_ACCOUNT) && vma_is_anonymous(vma)
     * && !vma->anon_vma) newflags &= ~VM_ACCOUNT;} — a never-faulted private anonymous VMA made
     * read-only loses its charge, so vma_merge_existing_range joins it with the read-only neighbour.
     */
    @Test
    void mprotectOfANeverFaultedAnonymousVmaToReadOnlyDropsVmAccountAndMerges() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x1000, RW, ANON, -1, 0);
            sys.mmap(A + 0x1000, 0x1000, PROT_READ, ANON, -1, 0);
            log1.add(vmFlags(h, sys, A));
            sys.mprotect(A, 0x1000, PROT_READ);
            log1.add(region(h, sys));
            log1.add(vmFlags(h, sys, A));
        });
        assertEquals("VmFlags: rd wr mr mw me ac sd ", log.get(0));
        assertEquals("100000000-100002000 r--p 00000000 00:00 0 \n", log.get(1));
        assertEquals("VmFlags: rd mr mw me sd ", log.get(2));
    }

    /** The same mprotect after a write fault: the VMA has an anon_vma, keeps VM_ACCOUNT ("ac") and stays apart. */
    @Test
    void mprotectOfAFaultedAnonymousVmaToReadOnlyKeepsVmAccount() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x1000, RW, ANON, -1, 0);
            sys.mmap(A + 0x1000, 0x1000, PROT_READ, ANON, -1, 0);
            sys.writeInt(A, 7);
            sys.mprotect(A, 0x1000, PROT_READ);
            log1.add(region(h, sys));
            log1.add(vmFlags(h, sys, A));
            log1.add(sys.readInt(A));
        });
        assertEquals("""
                100000000-100001000 r--p 00000000 00:00 0\s
                100001000-100002000 r--p 00000000 00:00 0\s
                """, log.get(0));
        assertEquals("VmFlags: rd mr mw me ac sd ", log.get(1));
        assertEquals("7", log.get(2));
    }

    /**
     * Made writable again, the unfaulted VMA is charged again (mprotect_fixup: no VM_ACCOUNT,
     * VM_WRITE, VM_SHARED or VM_NORESERVE before, so {@code newflags |= VM_ACCOUNT}) and merges back
     * with a writable neighbour.
     */
    @Test
    void mprotectBackToWritableChargesAgainAndMergesWithAWritableNeighbour() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x2000, RW, ANON, -1, 0);
            sys.mprotect(A + 0x1000, 0x1000, PROT_READ);
            log1.add(vmFlags(h, sys, A + 0x1000));
            sys.mprotect(A + 0x1000, 0x1000, RW);
            log1.add(region(h, sys));
            log1.add(vmFlags(h, sys, A));
        });
        assertEquals("VmFlags: rd mr mw me sd ", log.get(0));
        assertEquals("100000000-100002000 rw-p 00000000 00:00 0 \n", log.get(1));
        assertEquals("VmFlags: rd wr mr mw me ac sd ", log.get(2));
    }

    /**
     * is_mergeable_anon_vma (Linux 6.16+): a new mapping next to a faulted VMA merges in the parent,
     * but not in a fork child, whose VMA is linked to its parent's anon_vma too
     * ({@code vma_had_uncowed_parents}: the anon_vma_chain is not singular).
     */
    @Test
    void aNewMappingDoesNotMergeWithAFaultedVmaOfAForkChild() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x1000, RW, ANON, -1, 0);
            sys.writeInt(A, 1);
            int child = sys.fork(c -> {
                c.mmap(A + 0x1000, 0x1000, RW, ANON, -1, 0);
                log1.add(h.region(c.getpid(), A, 2 * A));
            });
            sys.waitpid(child, 0);
            sys.mmap(A + 0x1000, 0x1000, RW, ANON, -1, 0);
            log1.add(region(h, sys));
        });
        assertEquals("""
                100000000-100001000 rw-p 00000000 00:00 0\s
                100001000-100002000 rw-p 00000000 00:00 0\s
                """, log.get(0), "the child's VMA has two anon_vma_chain links: its parent's anon_vma and its own");
        assertEquals("100000000-100002000 rw-p 00000000 00:00 0 \n", log.get(1));
    }

    /**
     * {@code hugepage_madvise()} sets VM_HUGEPAGE ({@code hg}) or VM_NOHUGEPAGE ({@code nh}) and
     * clears the other; {@code madvise_update_vma()} splits the VMAs at the range's ends
     * ({@code vma_modify_flags}) and merges what then matches. A 16 KiB VMA holds no aligned 2 MiB
     * block: the fault maps 4 KiB, no AnonHugePages, THPeligible 0.
     */
    @Test
    void madviseHugepageMarksTheRangeSplittingAndMergingVmas() {
        VmHarness.Log log = run((sys, h, log1) -> {
            sys.mmap(A, 0x4000, RW, ANON, -1, 0);
            sys.madvise(A + 0x1000, 0x2000, MADV_HUGEPAGE);
            log1.add(region(h, sys));
            log1.add(vmFlags(h, sys, A + 0x1000));
            sys.madvise(A + 0x1000, 0x1000, MADV_NOHUGEPAGE);
            log1.add(vmFlags(h, sys, A + 0x1000) + "|" + vmFlags(h, sys, A + 0x2000));
            sys.madvise(A + 0x2000, 0x1000, MADV_NOHUGEPAGE);
            sys.madvise(A, 0x1000, MADV_NOHUGEPAGE);
            log1.add(region(h, sys));
            sys.madvise(A, 0x4000, MADV_HUGEPAGE);
            sys.writeByte(A + 0x3000, 1);
            log1.add(region(h, sys));
            String smaps = h.k.procFs().read("/proc/" + sys.getpid() + "/smaps");
            int at = smaps.indexOf(Long.toHexString(A) + "-");
            log1.add(smaps.substring(smaps.indexOf("AnonHugePages:", at), smaps.indexOf('\n', smaps.indexOf("AnonHugePages:", at)))
                    + "|" + smaps.substring(smaps.indexOf("THPeligible:", at), smaps.indexOf('\n', smaps.indexOf("THPeligible:", at))));
        });
        assertEquals("""
                100000000-100001000 rw-p 00000000 00:00 0\s
                100001000-100003000 rw-p 00000000 00:00 0\s
                100003000-100004000 rw-p 00000000 00:00 0\s
                """, log.get(0));
        assertEquals("VmFlags: rd wr mr mw me ac sd hg ", log.get(1));
        assertEquals("VmFlags: rd wr mr mw me ac sd nh |VmFlags: rd wr mr mw me ac sd hg ", log.get(2));
        assertEquals("""
                100000000-100003000 rw-p 00000000 00:00 0\s
                100003000-100004000 rw-p 00000000 00:00 0\s
                """, log.get(3), "three VM_NOHUGEPAGE pieces merged into one");
        assertEquals("100000000-100004000 rw-p 00000000 00:00 0 \n", log.get(4), "all VM_HUGEPAGE: one VMA again");
        assertEquals("AnonHugePages:         0 kB|THPeligible:           0", log.get(5));
    }
}
