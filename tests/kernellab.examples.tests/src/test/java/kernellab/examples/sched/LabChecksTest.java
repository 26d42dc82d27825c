package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Workload;
import kernellab.core.TaskSpec;
import kernellab.examples.Machine;

/** The lab programs refuse bad arguments and a missing root like a C program: a message and exit status 1. */
class LabChecksTest {

    private static String runOnce(Workload program, int uid, String... args) {
        try (Machine m = Machine.lab()) {
            m.launch(TaskSpec.of("lab", program).uid(uid).args(args).build());
            m.runToCompletion(1_000 * MS);
            assertEquals(1, m.task(2).shellExitStatus());
            assertEquals(1, m.kernel().scheduler().allTasks().stream().filter(t -> t.pid() > 1).count(),
                    "nothing was forked");
            assertEquals(1, m.output().size(), m.output().toString());
            return m.output().get(0);
        }
    }

    @Test
    void programsThatRaiseWeightsOrUseFifoNeedRoot() {
        assertEquals(List.of("lab[2]: CpuHogs: must run as root (uid 0): it raises SCHED_WRR weights",
                "lab[2]: FactorizerRace: must run as root (uid 0): it raises SCHED_WRR weights",
                "lab[2]: LoadBalance: must run as root (uid 0): it raises SCHED_WRR weights and uses SCHED_FIFO",
                "lab[2]: PriorityClasses: must run as root (uid 0): it uses SCHED_FIFO"),
                List.of(runOnce(new CpuHogs(), 1000), runOnce(new FactorizerRace(), 1000), runOnce(new LoadBalance(), 1000),
                        runOnce(new PriorityClasses(), 1000)));
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals(List.of("lab[2]: CpuHogs: invalid weight '21': must be 1-20",
                "lab[2]: FactorizerRace: invalid weight '0': must be 1-20",
                "lab[2]: LoadBalance: invalid weight 'ten': must be 1-20",
                "lab[2]: factor: 'x' is not a valid positive integer",
                "lab[2]: CpuVsIo: invalid policy 'SCHED_FIFO': must be SCHED_WRR, SCHED_NORMAL, SCHED_BATCH or SCHED_IDLE"),
                List.of(runOnce(new CpuHogs(), 0, "5", "21"), runOnce(new FactorizerRace(), 0, "24", "3", "0"),
                        runOnce(new LoadBalance(), 0, "ten"), runOnce(new FactorizerRace(), 0, "x"),
                        runOnce(new CpuVsIo(), 0, "SCHED_FIFO")));
    }
}
