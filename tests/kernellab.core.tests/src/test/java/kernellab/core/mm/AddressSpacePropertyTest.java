package kernellab.core.mm;

import static kernellab.api.Syscalls.MADV_DONTNEED;
import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.PROT_NONE;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.MachineConfig;
import kernellab.core.fs.Inode;
import kernellab.core.sched.Task;

/**
 * Random mmap/munmap/mprotect/brk/touch/madvise/fork sequences keep the address spaces
 * consistent: VMAs sorted and disjoint, nothing left apart that Linux would merge, page
 * refcounts and mapcounts equal to what the page tables say, RSS counters equal to the mapped
 * pages, and every frame back once all tasks have exited.
 */
class AddressSpacePropertyTest {

    private static final long W = 0x1_0000_0000L;
    private static final long PAGE = 4096;
    private static final int[] PROTS = {PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE, PROT_READ | PROT_WRITE};

    @Property(tries = 40)
    void addressSpacesStayConsistent(@ForAll @Size(min = 4, max = 160) List<@IntRange(min = 0, max = 9999) Integer> raw) {
        List<String> violations = new ArrayList<>();
        try (VmHarness h = new VmHarness(MachineConfig.builder().cpus(1).memoryBytes(64L << 20).build())) {
            PhysicalMemory pm = h.k.memory().physicalMemory();
            MemInfo before = pm.memInfo();
            long cacheBefore = cachedPages(h);
            long kernelBefore = h.vm().kernelPages();
            Task main = h.launch("prop", (Syscalls sys) -> {
                List<Integer> children = new ArrayList<>();
                for (int i = 0; i + 3 < raw.size(); i += 4) {
                    int op = raw.get(i) % 8;
                    long addr = W + (raw.get(i + 1) % 48) * PAGE;
                    long len = (1 + raw.get(i + 2) % 8) * PAGE;
                    int arg = raw.get(i + 3);
                    try {
                        switch (op) {
                            case 0, 1 -> sys.mmap(addr, len, PROTS[arg % 4],
                                    (arg % 7 == 0 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
                            case 2 -> sys.munmap(addr, len);
                            case 3 -> sys.mprotect(addr, len, PROTS[arg % 4]);
                            case 4 -> sys.sbrk(((arg % 9) - 3) * PAGE);
                            case 5 -> touch(h, sys, addr, len, arg % 2 == 0);
                            case 6 -> sys.madvise(addr, len, MADV_DONTNEED);
                            default -> {
                                if (children.size() < 3) {
                                    children.add(sys.fork(c -> {
                                        c.nanosleep(1_000);
                                        touch(h, c, addr, len, true);
                                        check(h, violations, "child after touch");
                                        c.nanosleep(1_000 * (arg % 5));
                                    }));
                                }
                            }
                        }
                    } catch (Errno expected) {
                        // a refused call (ENOMEM for a hole, EINVAL for a bad brk) changes nothing; the checks still run
                    }
                    check(h, violations, "after op " + (i / 4) + " " + op);
                }
                for (int c : children) {
                    sys.waitpid(c, 0);
                }
                check(h, violations, "after waiting");
            });
            h.runToEnd();
            assertEquals(0, main.shellExitStatus(), main.exitReport());
            assertEquals(List.of(), violations);
            MemInfo after = pm.memInfo();
            assertEquals(0, after.pageTables(), "page tables");
            long held = (after.slab() - before.slab()) + (after.kernelStack() - before.kernelStack())
                    + (after.kmallocLarge() - before.kmallocLarge()) + (cachedPages(h) - cacheBefore)
                    + (h.vm().kernelPages() - kernelBefore);
            assertEquals(before.free() - held, after.free(), "no user page left allocated");
            assertEquals(List.of(), h.k.memory().log().lines(), "no bad page reports");
        }
    }

    private static long cachedPages(VmHarness h) {
        long n = 0;
        for (String p : h.k.vfs().paths()) {
            n += h.k.vfs().lookup(p).cachedPages().size();
        }
        return n;
    }

    /** Touches the pages of the range that the VMAs allow, like a program that knows its own map. */
    private static void touch(VmHarness h, Syscalls sys, long addr, long len, boolean write) {
        MmStruct mm = h.vm().mm(h.k.scheduler().task(sys.getpid()));
        for (long a = addr; a < addr + len; a += PAGE) {
            VmArea v = mm.findVma(a);
            if (v == null || v.start() > a) {
                continue;
            }
            long need = write ? VmFlags.VM_WRITE : VmFlags.VM_READ;
            if ((v.flags() & need) == 0) {
                continue;
            }
            if (write) {
                sys.writeInt(a + 8, (int) a);
            } else {
                sys.readInt(a + 8);
            }
        }
    }

    private static void check(VmHarness h, List<String> violations, String when) {
        Map<MmStruct, Task> mms = new IdentityHashMap<>();
        for (Task t : h.k.scheduler().allTasks()) {
            MmStruct mm = h.vm().mm(t);
            if (mm != null) {
                mms.putIfAbsent(mm, t);
            }
        }
        Map<Page, Integer> mappings = new IdentityHashMap<>();
        for (MmStruct mm : mms.keySet()) {
            VmArea prev = null;
            long pages = 0;
            for (VmArea v : mm.vmas()) {
                if (v.start() >= v.end() || (v.start() & (PAGE - 1)) != 0 || (v.end() & (PAGE - 1)) != 0) {
                    violations.add(when + ": bad VMA " + v);
                }
                if (prev != null && prev.end() > v.start()) {
                    violations.add(when + ": overlap " + prev + " / " + v);
                }
                if (prev != null && VirtualMemory.canMerge(prev, v)) {
                    violations.add(when + ": mergeable neighbours left apart " + prev + " / " + v);
                }
                pages += v.length() / PAGE;
                prev = v;
            }
            if (pages != mm.totalVm()) {
                violations.add(when + ": total_vm " + mm.totalVm() + " but VMAs have " + pages + " pages");
            }
            long[] rss = new long[4];
            mm.pageTable().forEach(0, mm.taskSize(), (a, pte) -> {
                Page p = h.vm().normalPage(pte);
                if (p == null) {
                    return;
                }
                VmArea v = mm.findVma(a);
                if (v == null || v.start() > a) {
                    violations.add(when + ": PTE outside any VMA at " + Long.toHexString(a));
                }
                mappings.merge(p, 1, Integer::sum);
                rss[p.mapping() instanceof AnonVma ? MmStruct.MM_ANONPAGES
                        : p.mapping() instanceof Inode i && !i.diskBacked() ? MmStruct.MM_SHMEMPAGES : MmStruct.MM_FILEPAGES]++;
            });
            for (int m : new int[] {MmStruct.MM_FILEPAGES, MmStruct.MM_ANONPAGES, MmStruct.MM_SHMEMPAGES}) {
                if (rss[m] != mm.rss(m)) {
                    violations.add(when + ": RSS counter " + m + " is " + mm.rss(m) + " but " + rss[m] + " pages are mapped");
                }
            }
        }
        Map<String, Integer> bad = new HashMap<>();
        mappings.forEach((p, n) -> {
            int cacheRef = p.mapping() instanceof Inode ? 1 : 0;
            if (p.mapcount() != n || p.refcount() != n + cacheRef) {
                bad.merge(when + ": page " + p + " mapped " + n + " times has mapcount " + p.mapcount() + " refcount "
                        + p.refcount(), 1, Integer::sum);
            }
        });
        violations.addAll(bad.keySet());
    }
}
