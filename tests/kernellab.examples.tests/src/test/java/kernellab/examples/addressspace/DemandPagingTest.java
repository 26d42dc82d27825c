package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class DemandPagingTest {

    private static final String P = "DemandPaging[2]: ";

    @Test
    void memoryBecomesResidentWhenWrittenNotWhenTheBreakMoves() {
        long[] faults = new long[1];
        ProgramRun run = ProgramRun.of(new DemandPaging(), m -> faults[0] = m.kernel().vm().vmstat().pgfault());
        assertEquals(List.of(P + "step                               VmData      VmRSS      VmPTE  minflt",
                P + "at start                            84 kB       8 kB      12 kB       2",
                P + "program break 0x555555559000 -> 0x555555659000",
                P + "555555559000-555555659000 rw-p 00000000 00:00 0                          [heap]",
                P + "sbrk(+1 MiB)                     +1024 kB      +0 kB      +0 kB      +0",
                P + "read a byte of each page            +0 kB      +0 kB     +16 kB    +256",
                P + "write a byte of each page           +0 kB   +1024 kB      +0 kB    +256",
                P + "write them again                    +0 kB      +0 kB      +0 kB      +0",
                P + "sbrk(-1 MiB)                     -1024 kB   -1024 kB      -4 kB      +0",
                P + "the [heap] is gone"), run.output());
        assertEquals(0, run.status());
        assertEquals(2 + 256 + 256, faults[0], "/proc/vmstat's pgfault counts the same faults: the program is alone");
    }
}
