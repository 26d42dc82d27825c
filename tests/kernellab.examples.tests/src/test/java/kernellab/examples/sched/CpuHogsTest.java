package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.examples.Machine;

class CpuHogsTest {

    @Test
    void hogsShareCpu0ByTheirWeightsOverWholeRounds() {
        try (Machine m = Machine.lab()) {
            m.launch("hogs", new CpuHogs());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("hogs[3]: hog weight  1: cpu  100 ms of 3600 ms (2.8%)",
                    "hogs[4]: hog weight  5: cpu  500 ms of 3600 ms (13.9%)",
                    "hogs[5]: hog weight 10: cpu 1000 ms of 3600 ms (27.8%)",
                    "hogs[6]: hog weight 20: cpu 2000 ms of 3600 ms (55.6%)"), m.output());
            for (int pid = 3; pid <= 6; pid++) {
                assertEquals(0, m.task(pid).cpu());
            }
            assertEquals(List.of(100 * MS, 500 * MS, 1000 * MS, 2000 * MS),
                    List.of(3, 4, 5, 6).stream().map(pid -> m.task(pid).sumExecRuntime()).toList());
            assertEquals(3600 * MS, m.kernel().now());
        }
    }

    @Test
    void otherWeightsComeFromTheArguments() {
        try (Machine m = Machine.lab()) {
            m.launch("hogs", new CpuHogs(), "2", "3");
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("hogs[3]: hog weight  2: cpu  200 ms of 500 ms (40.0%)",
                    "hogs[4]: hog weight  3: cpu  300 ms of 500 ms (60.0%)"), m.output());
        }
    }
}
