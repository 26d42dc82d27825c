package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.examples.Machine;

class CopyOnWriteTest {

    @Test
    void pagesAreSharedAfterForkUntilWrittenAndCopiedOnlyWhileShared() {
        long[] cow = new long[2];
        ProgramRun run = ProgramRun.of(new CopyOnWrite(), m -> {
            cow[0] = m.kernel().vm().vmstat().cowCopies();
            cow[1] = m.kernel().vm().vmstat().cowReuse();
        });
        assertEquals(List.of(
                "CopyOnWrite[2]: parent wrote 256 pages           256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[3]: child after fork                   0 faults  VmRSS  1032 kB  shared 1024 kB  private    0 kB",
                "CopyOnWrite[3]: child read 256 'P' pages           0 faults  VmRSS  1032 kB  shared 1024 kB  private    0 kB",
                "CopyOnWrite[3]: sleeping 1 s with every page shared: compare /proc/2/smaps and /proc/3/smaps",
                "CopyOnWrite[3]: child wrote 256 pages            256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[3]: the writes took 1024 kB of free memory",
                "CopyOnWrite[2]: parent after waitpid               0 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[2]: parent wrote 256 pages again     256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[2]: the writes took 0 kB of free memory"), run.output());
        assertEquals(0, run.status());
        assertEquals(256 + 2, cow[0], "the child copied the region's pages and the two stack pages of its /proc buffer");
        assertEquals(256 + 2, cow[1], "the parent reused its pages, and its two stack pages, once the child had exited");
    }

    /** @return the maps lines of the mappings whose smaps block has this Shared_Dirty */
    private static List<String> sharedDirty(String smaps, String kb) {
        List<String> found = new ArrayList<>();
        String header = null;
        for (String line : smaps.split("\n")) {
            if (line.matches("[0-9a-f]+-[0-9a-f]+ .*")) {
                header = line;
            } else if (line.equals("Shared_Dirty:       " + kb + " kB")) {
                found.add(header);
            }
        }
        return found;
    }

    @Test
    void whileTheChildSleepsBothProcessesMapTheSameDirtyPages() {
        try (Machine m = Machine.lab()) {
            m.launch("CopyOnWrite", new CopyOnWrite());
            m.kernel().runUntil(CopyOnWrite.PAUSE_NS / 2);
            List<String> parent = sharedDirty(m.read("/proc/2/smaps"), "1024");
            assertEquals(1, parent.size(), m.read("/proc/2/smaps"));
            assertEquals(parent, sharedDirty(m.read("/proc/3/smaps"), "1024"), "the same region, shared by both");
            m.runToCompletion(10 * CopyOnWrite.PAUSE_NS);
        }
    }
}
