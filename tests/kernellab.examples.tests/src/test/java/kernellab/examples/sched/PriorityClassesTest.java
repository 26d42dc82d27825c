package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.examples.Machine;

class PriorityClassesTest {

    /**
     * rt 0–20, wrr 20–110, rt 110–130, wrr 130–220, rt 220–240, wrr 240–260 (done), normal
     * 260–460 with rt waking at 330 only to exit.
     */
    @Test
    void rtRunsFirstWrrNextAndTheFairTaskLast() {
        try (Machine m = Machine.lab()) {
            m.launch("prio", new PriorityClasses());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("prio[4]: wrr    SCHED_WRR    first ran at   20 ms, finished at  260 ms, cpu 200 ms",
                    "prio[5]: rt     SCHED_FIFO   first ran at    0 ms, finished at  330 ms, cpu 60 ms",
                    "prio[3]: normal SCHED_NORMAL first ran at  260 ms, finished at  460 ms, cpu 200 ms"), m.output());
            assertEquals(List.of(Policy.SCHED_NORMAL, Policy.SCHED_WRR, Policy.SCHED_FIFO),
                    List.of(3, 4, 5).stream().map(pid -> m.task(pid).policy()).toList());
            assertEquals(260 * MS, m.task(3).runDelay(), "the fair task waited for both other classes");
        }
    }
}
