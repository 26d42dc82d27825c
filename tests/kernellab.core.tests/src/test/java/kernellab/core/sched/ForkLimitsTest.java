package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;

/**
 * copy_process's limits: threads-max from the memory size (16 MiB: 16 MiB / (8 x 16 KiB) = 128
 * tasks) for everyone, RLIMIT_NPROC (half of it) for a user other than root; fork fails with
 * EAGAIN and the machine goes on, instead of running out of memory.
 */
class ForkLimitsTest {

    private static final long MS = 1_000_000L;

    /** Forks children that sleep until fork fails; records how many it made and the failure. */
    static final class Forker implements Workload {
        final List<String> results = new ArrayList<>();

        @Override
        public void run(Syscalls sys) {
            int children = 0;
            try {
                for (;;) {
                    sys.fork(s -> s.nanosleep(10 * MS));
                    children++;
                }
            } catch (Errno e) {
                results.add(children + " children, then " + e.symbol());
            }
        }
    }

    private static List<String> forkUntilRefused(Integer uid) {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).memoryBytes(16L << 20).build())) {
            assertEquals(128, k.scheduler().fork().maxThreads());
            Forker f = new Forker();
            TaskSpec.Builder spec = TaskSpec.of("forker", f);
            if (uid != null) {
                spec.uid(uid);
            }
            k.launch(spec.build());
            k.runUntilAllExited(1000 * MS);
            return f.results;
        }
    }

    @Test
    void rootForksUntilThreadsMax() {
        assertEquals(List.of("126 children, then EAGAIN"), forkUntilRefused(null));
    }

    @Test
    void aUserForksUntilRlimitNproc() {
        assertEquals(List.of("63 children, then EAGAIN"), forkUntilRefused(1000));
    }
}
