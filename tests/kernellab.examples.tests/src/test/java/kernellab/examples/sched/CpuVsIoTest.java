package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.examples.Machine;

class CpuVsIoTest {

    @Test
    void underWrrTheIoBoundTaskWaitsForTheHogsSliceAfterEveryRead() {
        try (Machine m = Machine.lab()) {
            m.launch("cpuvsio", new CpuVsIo());
            m.runToCompletion(20_000 * MS);
            assertEquals(List.of(
                    "cpuvsio[3]: SCHED_WRR cpu-bound: cpu 5000 ms, turnaround 5050 ms, 0 voluntary / 50 involuntary switches",
                    "cpuvsio[4]: SCHED_WRR io-bound: cpu 50 ms, turnaround 5059 ms, 50 voluntary / 0 involuntary switches"),
                    m.output());
            assertEquals(5059 * MS - 500 * MS, m.task(4).runDelay(), "all but its 50 ms of CPU and 450 ms of I/O is waiting");
        }
    }

    @Test
    void underCfsTheWokenIoBoundTaskPreemptsTheHog() {
        try (Machine m = Machine.lab()) {
            m.launch("cpuvsio", new CpuVsIo(), "SCHED_NORMAL");
            m.runToCompletion(20_000 * MS);
            assertEquals(List.of(
                    "cpuvsio[4]: SCHED_NORMAL io-bound: cpu 50 ms, turnaround 500 ms, 50 voluntary / 0 involuntary switches",
                    "cpuvsio[3]: SCHED_NORMAL cpu-bound: cpu 5000 ms, turnaround 5050 ms, 0 voluntary / 50 involuntary switches"),
                    m.output());
            assertEquals(0, m.task(4).runDelay());
        }
    }
}
