package kernellab.examples.schedclass;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.MachineConfig;
import kernellab.core.sched.ExtExitKind;
import kernellab.examples.Machine;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/** The broken class is disabled at its first bad pick; its tasks finish in the fair class. */
class BrokenPickTest {

    @Test
    void aPickOfAnotherCpusTaskDisablesTheClassAndTheRunGoesOn() {
        try (Machine m = new Machine(MachineConfig.builder().cpus(2).schedClass(BrokenPick::new).build())) {
            m.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(200 * MS)).count(2).build());
            m.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(200 * MS)).count(2).affinity(1).build());
            m.runToCompletion(10_000 * MS);
            assertEquals("""
                    sched_ext: BPF scheduler "broken" disabled (invalid result)
                    sched_ext: broken: pickNext(0) returned hog[4], which is queued on CPU 1, not on CPU 0
                    broken: hog[3] triggered exit kind 1025:
                      invalid result (pickNext(0) returned hog[4], which is queued on CPU 1, not on CPU 0)

                    CPU states
                    ----------

                    CPU 0   : nr_run=2 broken_nr_running=2 total_weight=20 curr=hog[3] class=broken
                      R hog[2] waiting 10.000ms weight=10 slice=10.000ms cpu=0 cpus=0-1
                      R hog[3] running weight=10 slice=10.000ms cpu=0 cpus=0-1

                    CPU 1   : nr_run=2 broken_nr_running=2 total_weight=20 curr=hog[5] class=broken
                      R hog[4] waiting 10.000ms weight=10 slice=10.000ms cpu=1 cpus=1
                      R hog[5] running weight=10 slice=1.000ms cpu=1 cpus=1

                    Tasks of the class not queued
                    -----------------------------
                      S init[1] sleeping weight=10 slice=10.000ms cpu=0 cpus=0-1
                    sched_ext: the tasks of "broken" now run in the fair class""", String.join("\n", m.dmesg()));
            assertEquals(ExtExitKind.INVALID_RESULT, m.kernel().scheduler().policyClassExit().kind());
            assertEquals(List.of("fair", "fair", "fair", "fair"),
                    m.kernel().scheduler().allTasks().stream().filter(t -> t.comm().equals("hog")).map(t -> t.schedClassName()).toList());
            assertEquals(List.of(200 * MS, 200 * MS, 200 * MS, 200 * MS),
                    m.kernel().scheduler().allTasks().stream().filter(t -> t.comm().equals("hog")).map(t -> t.sumExecRuntime()).toList(),
                    "every task still gets its work done");
        }
    }
}
