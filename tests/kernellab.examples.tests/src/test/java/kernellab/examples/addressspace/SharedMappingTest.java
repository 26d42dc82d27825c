package kernellab.examples.addressspace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SharedMappingTest {

    @Test
    void theParentSeesTheChildsWriteToTheSharedPageOnly() {
        ProgramRun run = ProgramRun.of(new SharedMapping());
        assertEquals(List.of("SharedMapping[2]: shared  0x7ffff7ffa000: \"written by the parent\"",
                "SharedMapping[2]: private 0x7ffff7d8f000: \"written by the parent\"",
                "SharedMapping[2]: 7ffff7ffa000-7ffff7ffb000 rw-s 00000000 00:01 1024                       /dev/zero (deleted)",
                "SharedMapping[2]: 7ffff7d8f000-7ffff7d93000 rw-p 00000000 00:00 0 ",
                "SharedMapping[3]: child sees shared \"written by the parent\", private \"written by the parent\"",
                "SharedMapping[3]: child wrote \"written by the child\" into both",
                "SharedMapping[2]: after waitpid: shared \"written by the child\", private \"written by the parent\""),
                run.output());
        assertEquals(0, run.status());
    }
}
