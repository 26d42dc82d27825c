package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.MachineConfig;
import kernellab.core.trace.SchedTracepoints;
import kernellab.examples.Machine;

class ThreadPlacementTest {

    @Test
    void aTieGoesToTheCpuRunningMoreThreadsOfTheGroup() {
        try (Machine m = Machine.lab()) {
            List<String> placements = new ArrayList<>();
            m.kernel().tracer().addListener(e -> placements.add(e.longField("pid") + "->" + e.longField("target_cpu")) && false,
                    SchedTracepoints.SCHED_WAKEUP_NEW);
            m.launch("threads", new ThreadPlacement());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("threads[2]: main thread on CPU 3", "threads[6]: thread 1 (tid 6) on CPU 3",
                    "threads[3]: neighbour 1 on CPU 0", "threads[4]: neighbour 2 on CPU 1",
                    "threads[5]: neighbour 3 on CPU 2", "threads[7]: thread 2 (tid 7) on CPU 0",
                    "threads[8]: thread 3 (tid 8) on CPU 1", "threads[9]: thread 4 (tid 9) on CPU 2",
                    "threads[10]: thread 5 (tid 10) on CPU 3"), m.output());
            assertEquals(List.of("2->0", "3->0", "4->1", "5->2", "6->3", "7->0", "8->1", "9->2", "10->3"), placements);
            assertEquals(2, m.task(6).tgid());
        }
    }

    @Test
    void oneCpuIsNotEnough() {
        try (Machine m = new Machine(MachineConfig.builder().cpus(1).build())) {
            m.launch("threads", new ThreadPlacement());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("threads[2]: thread placement needs at least 2 CPUs"), m.output());
            assertEquals(1, m.task(2).shellExitStatus());
        }
    }
}
