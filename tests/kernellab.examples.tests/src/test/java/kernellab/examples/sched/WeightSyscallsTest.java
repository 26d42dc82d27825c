package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.TaskSpec;
import kernellab.examples.Machine;

class WeightSyscallsTest {

    private static List<String> run(int uid) {
        try (Machine m = Machine.lab()) {
            m.launch(TaskSpec.of("wrrtest", new WeightSyscalls()).uid(uid).build());
            m.runToCompletion(1_000 * MS);
            return m.output();
        }
    }

    @Test
    void anOrdinaryUserGetsEveryErrorOfTheSpecification() {
        assertEquals(List.of("wrrtest[2]: uid 1000, pid 2, parent 1",
                "wrrtest[2]: sched_getscheduler(0) = 7 (SCHED_WRR)",
                "wrrtest[2]: sched_getweight(0) = 10",
                "wrrtest[2]: sched_setweight(0, 0): Invalid argument",
                "wrrtest[2]: sched_setweight(0, 21): Invalid argument",
                "wrrtest[2]: sched_setweight(-1, 5): Invalid argument",
                "wrrtest[2]: sched_setweight(99999, 5): No such process",
                "wrrtest[2]: sched_setweight(0, 5) = 0",
                "wrrtest[2]: sched_getweight(0) = 5",
                "wrrtest[2]: sched_setweight(0, 15): Operation not permitted",
                "wrrtest[2]: sched_setweight(1, 5): Operation not permitted",
                "wrrtest[2]: sched_setscheduler(0, SCHED_WRR, 5): Invalid argument",
                "wrrtest[2]: sched_setscheduler(0, SCHED_NORMAL, 0) = 0",
                "wrrtest[2]: sched_getweight(0): Invalid argument",
                "wrrtest[2]: sched_setweight(0, 5): Invalid argument",
                "wrrtest[2]: sched_setscheduler(0, SCHED_WRR, 0) = 0",
                "wrrtest[2]: sched_getweight(0) = 10"), run(1000));
    }

    @Test
    void rootMayRaiseWeightsAndChangeOtherTasks() {
        List<String> root = run(0);
        assertEquals("wrrtest[2]: uid 0, pid 2, parent 1", root.get(0));
        assertEquals("wrrtest[2]: sched_setweight(0, 15) = 0", root.get(9));
        assertEquals("wrrtest[2]: sched_setweight(1, 5) = 0", root.get(10));
        List<String> user = run(1000);
        for (int i = 1; i < user.size(); i++) {
            if (i != 9 && i != 10) {
                assertEquals(user.get(i), root.get(i), "only the permission checks differ");
            }
        }
    }
}
