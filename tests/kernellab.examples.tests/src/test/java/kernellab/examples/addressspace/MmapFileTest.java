package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MmapFileTest {

    private static final String P = "MmapFile[2]: ";

    @Test
    void storesThroughTheSharedMappingReachTheFile() {
        String[] file = new String[1];
        ProgramRun run = ProgramRun.of(new MmapFile(), m -> file[0] = m.kernel().vfs().cat(MmapFile.PATH));
        String changed = "This is line one.\nThLet's write over its is line three.\nThis is line four.\n";
        assertEquals(List.of(P + "wrote 75 bytes to /home/student/test.txt",
                P + "mmap(NULL, 75, PROT_READ|PROT_WRITE, MAP_SHARED, 3, 0) = 0x7ffff7ffa000",
                P + "close(3): the mapping keeps the file",
                P + "7ffff7ffa000-7ffff7ffb000 rw-s 00000000 08:01 1310725                    /home/student/test.txt",
                P + "4 lines, the first: \"This is line one.\"; reading them cost 1 minor and 0 major page faults",
                P + "memcpy(p + 20, \"Let's write over it\", 19)",
                P + "msync(p, 75, MS_SYNC)",
                P + "munmap(p, 75): no longer mapped",
                P + "read() after munmap:",
                P + "This is line one.",
                P + "ThLet's write over its is line three.",
                P + "This is line four."), run.output());
        assertEquals(0, run.status());
        assertEquals(changed, file[0], "cat after the program");
    }
}
