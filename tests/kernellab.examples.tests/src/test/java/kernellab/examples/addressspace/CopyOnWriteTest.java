package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

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
                "CopyOnWrite[3]: child wrote 256 pages            256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[3]: the writes took 1024 kB of free memory",
                "CopyOnWrite[2]: parent after waitpid               0 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[2]: parent wrote 256 pages again     256 faults  VmRSS  1032 kB  shared    0 kB  private 1024 kB",
                "CopyOnWrite[2]: the writes took 0 kB of free memory"), run.output());
        assertEquals(0, run.status());
        assertEquals(256 + 2, cow[0], "the child copied the region's pages and the two stack pages of its /proc buffer");
        assertEquals(256 + 2, cow[1], "the parent reused its pages, and its two stack pages, once the child had exited");
    }
}
