package kernellab.examples.schedclass;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import kernellab.api.sched.SchedClassOps;
import kernellab.api.sched.SchedTask;
import kernellab.api.sched.SelectReason;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.ExtExit;
import kernellab.core.sched.ExtExitKind;
import kernellab.core.task.SyntheticWorkload;
import kernellab.examples.Machine;

/**
 * Each way a scheduling class can go wrong disables it with its reason and a dump, as sched_ext
 * does ({@code scx_ops_error}); its tasks then finish in the fair class and nothing else is lost.
 */
class SchedClassSafetyTest {

    /** Throws from pickNext once a task has run 30 ms. */
    static final class Thrower extends RoundRobin {
        @Override
        public SchedTask pickNext(int cpu) {
            SchedTask t = super.pickNext(cpu);
            if (t != null && t.runtime() >= 30 * MS) {
                throw new IllegalStateException("boom");
            }
            return t;
        }
    }

    /** Moves the running task of CPU 0 at the first balance, which the kernel refuses. */
    static final class MovesRunning extends RoundRobin {
        @Override
        public void balance() {
            kernel().migrate(kernel().current(0), 1);
        }
    }

    /** Gives new tasks a slice of 0. */
    static final class ZeroSlice extends RoundRobin {
        @Override
        public void enable(SchedTask p, boolean fork) {
            kernel().setSlice(p, 0);
        }
    }

    /** Places tasks on a CPU the machine does not have. */
    static final class NoSuchCpu extends RoundRobin {
        @Override
        public int selectCpu(SchedTask p, int prevCpu, SelectReason reason) {
            return 7;
        }
    }

    /** Gives up with error() after 100 ms. */
    static final class GivesUp extends RoundRobin {
        @Override
        public void tick(int cpu, SchedTask p) {
            if (kernel().now() >= 100 * MS) {
                throw kernel().error("cannot go on after " + kernel().now() / MS + " ms");
            }
            super.tick(cpu, p);
        }
    }

    /** Never rotates: the first task runs for ever, the second waits for ever. */
    static final class Starves extends RoundRobin {
        @Override
        public void tick(int cpu, SchedTask p) {
        }
    }

    private static ExtExit run(Supplier<SchedClassOps> cls, List<String> dmesg) {
        try (Machine m = new Machine(MachineConfig.builder().cpus(2).schedClass(cls).build())) {
            m.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound(10_000 * MS)).count(2).build());
            m.runToCompletion(100_000 * MS);
            assertEquals(List.of(10_000 * MS, 10_000 * MS), m.kernel().scheduler().allTasks().stream()
                    .filter(t -> t.comm().equals("hog")).map(t -> t.sumExecRuntime()).toList(), "the tasks finish their work");
            assertEquals(List.of("fair", "fair"), m.kernel().scheduler().allTasks().stream()
                    .filter(t -> t.comm().equals("hog")).map(t -> t.schedClassName()).toList());
            dmesg.addAll(m.dmesg());
            return m.kernel().scheduler().policyClassExit();
        }
    }

    @Test
    void anExceptionFromAHookIsReportedWithTheClassFrames() {
        List<String> dmesg = new java.util.ArrayList<>();
        ExtExit exit = run(Thrower::new, dmesg);
        assertEquals(ExtExitKind.HOOK_EXCEPTION, exit.kind());
        assertEquals(60 * MS, exit.timeNs(), "the first pick of a task that has run 30 ms");
        assertEquals("pickNext() threw java.lang.IllegalStateException: boom", exit.message());
        assertEquals("sched_ext: BPF scheduler \"rr\" disabled (runtime error)", dmesg.get(0));
        int bt = dmesg.indexOf("Backtrace:");
        assertEquals("  java.lang.IllegalStateException: boom", dmesg.get(bt + 1));
        assertTrue(dmesg.get(bt + 2).startsWith("\tat kernellab.examples.schedclass.SchedClassSafetyTest$Thrower.pickNext("
                + "SchedClassSafetyTest.java:"), dmesg.get(bt + 2));
        assertEquals("", dmesg.get(bt + 3), "the kernel's own frames are cut");
    }

    @Test
    void migratingARunningTaskIsRefused() {
        ExtExit exit = run(MovesRunning::new, new java.util.ArrayList<>());
        assertEquals(ExtExitKind.HOOK_EXCEPTION, exit.kind());
        assertEquals("balance() threw java.lang.IllegalStateException: migrate(hog[3], 1): the task is running on CPU 0;"
                + " only a queued task that is not running can move", exit.message());
        assertEquals(2000 * MS, exit.timeNs(), "at the first balance period");
    }

    @Test
    void aSliceOfZeroIsRefused() {
        ExtExit exit = run(ZeroSlice::new, new java.util.ArrayList<>());
        assertEquals("enable() threw java.lang.IllegalArgumentException: setSlice(init[1], 0): the slice must be positive",
                exit.message());
        assertEquals(0, exit.timeNs(), "init enters the class at boot");
    }

    @Test
    void aCpuTheMachineDoesNotHaveIsRefused() {
        ExtExit exit = run(NoSuchCpu::new, new java.util.ArrayList<>());
        assertEquals(ExtExitKind.INVALID_RESULT, exit.kind());
        assertEquals("selectCpu(hog[2], 0, FORK) returned CPU 7, which the machine does not have (CPUs 0 to 1)",
                exit.message());
    }

    @Test
    void errorDisablesTheClassWithItsReason() {
        List<String> dmesg = new java.util.ArrayList<>();
        ExtExit exit = run(GivesUp::new, dmesg);
        assertEquals(ExtExitKind.CLASS_ERROR, exit.kind());
        assertEquals("cannot go on after 100 ms", exit.message());
        assertEquals("sched_ext: BPF scheduler \"rr\" disabled (scheduler error)", dmesg.get(0));
    }

    @Test
    void aTaskNeverPickedTripsTheWatchdog() {
        ExtExit exit = run(Starves::new, new java.util.ArrayList<>());
        assertEquals(ExtExitKind.STALL, exit.kind());
        assertEquals("hog[3] was runnable on CPU 0 for 7500.000ms without being picked (watchdog timeout 5000.000ms)",
                exit.message());
        assertEquals(7500 * MS, exit.timeNs());
    }
}
