package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three mistakes students make, each seeded into a copy of the reference WRR's source compiled at
 * test time: each is caught by the scenario meant for it, the other rule scenarios still pass,
 * and the differential check names the first divergent event.
 */
class SeededFaultsTest {

    private static final Path REFERENCE = Path.of("../../bundles/kernellab.examples/src/kernellab/examples/schedclass/"
            + "WeightedRoundRobin.java");

    @TempDir
    Path dir;

    /** Copies the reference as {@code fault.NAME} with one replacement, compiles it and grades it. */
    private GradeReport gradeFault(String name, String original, String replacement) throws Exception {
        String src = Files.readString(REFERENCE).replace("package kernellab.examples.schedclass;", "package fault;")
                .replace("public final class WeightedRoundRobin", "public final class " + name);
        assertTrue(src.contains(original), original);
        Path classes = Grading.compile(dir, "fault." + name, src.replace(original, replacement));
        return Grading.grade("fault." + name, List.of(classes.toString()));
    }

    @Test
    void theHighestCpuWinningTiesIsCaughtByPlacement() throws Exception {
        GradeReport r = gradeFault("WrongTieBreak", "if (best < 0 || w < bestWeight) {", "if (best < 0 || w <= bestWeight) {");
        assertEquals(List.of("policy 25.0/25.0 pass", "class-order 10.0/10.0 pass",
                "placement 10.0/20.0 FAIL [placement: least total weight, then lowest CPU, placement: ties by thread group]",
                "balance 20.0/20.0 pass", "safety 10.0/10.0 pass",
                "differential 9.55/15.0 FAIL [same trace as the reference: placement / fork and wake-up, same trace as the reference:"
                        + " placement / thread-group tie, same trace as the reference: placement / every CPU used, same trace as the"
                        + " reference: balance / imbalance]", "cost 0.0/0.0 pass"), Grading.summary(r));
        assertEquals("thread-group tie: at 0 ms the fork of hog[2] (weight 10) went to CPU 2; total weights CPU 0: 0, CPU 1: 0, CPU 2:"
                + " 0 -> the rule gives CPU 0 (a tie broken by the lowest CPU number); at 0 ms the fork of group[3] (weight 10) went to"
                + " CPU 1; total weights CPU 0: 0, CPU 1: 0, CPU 2: 10 -> the rule gives CPU 0 (a tie broken by the lowest CPU"
                + " number); at 0 ms the fork of group[5] (weight 10) went to CPU 2; total weights CPU 0: 10, CPU 1: 10, CPU 2: 10 ->"
                + " the rule gives CPU 1 (a tie broken by thread group: it runs 1 of its threads)",
                Grading.message(r, "placement", "placement: ties by thread group"));
        assertEquals("first divergence at event 2: your class: at 0.000000 s on CPU 2 sched_wakeup_new comm=hog pid=2 prio=120"
                + " target_cpu=2; the reference: at 0.000000 s on CPU 0 sched_wakeup_new comm=hog pid=2 prio=120 target_cpu=0. WRR"
                + " queue of CPU 2 then: yours [hog[2] w10], the reference's []",
                Grading.message(r, "differential", "same trace as the reference: placement / thread-group tie"));
    }

    @Test
    void aSliceRefreshedOnWeightChangeIsCaughtByPolicy() throws Exception {
        GradeReport r = gradeFault("SliceOnWeightChange", "    /** The caller goes to the tail",
                "    @Override\n    public void setWeight(SchedTask p, int oldWeight) {\n        kernel.setSlice(p, sliceFor(p));\n    }\n\n"
                        + "    /** The caller goes to the tail");
        assertEquals(List.of("policy 22.73/25.0 FAIL [a weight change keeps the current slice]", "class-order 10.0/10.0 pass",
                "placement 20.0/20.0 pass", "balance 20.0/20.0 pass", "safety 10.0/10.0 pass",
                "differential 12.27/15.0 FAIL [same trace as the reference: policy / weight change, same trace as the reference:"
                        + " placement / fork and wake-up]", "cost 0.0/0.0 pass"), Grading.summary(r));
        assertEquals("after sched_setweight(10 -> 2) at 5 ms the task ran 25 ms in a row; the lab keeps the slice being used (100 ms"
                + " of weight 10)", Grading.message(r, "policy", "a weight change keeps the current slice"));
        assertEquals("first divergence at event 6: your class: at 0.025000 s on CPU 0 sched_switch prev_comm=changer prev_pid=2"
                + " prev_prio=120 prev_state=R+ ==> next_comm=other next_pid=3 next_prio=120; the reference: at 0.100000 s on CPU 0"
                + " sched_switch prev_comm=changer prev_pid=2 prev_prio=120 prev_state=R+ ==> next_comm=other next_pid=3"
                + " next_prio=120. WRR queue of CPU 0 then: yours [changer[2] w2 running, other[3] w10], the reference's [changer[2]"
                + " w2 running, other[3] w10]", Grading.message(r, "differential", "same trace as the reference: policy / weight change"));
    }

    @Test
    void balancingThatMovesTheRunningTaskIsCaughtByBalance() throws Exception {
        GradeReport r = gradeFault("MovesRunning", "if (!t.isRunning() && t.isAllowed(dst)", "if (t.isAllowed(dst)");
        assertEquals("the kernel disabled your class in the 'imbalance' run at 0.101000 s on CPU 0 (hook exception): balance() threw"
                + " java.lang.IllegalStateException: migrate(driver[4], 1): the task is running on CPU 0; only a queued task that is"
                + " not running can move", Grading.scenario(r, "balance").error());
        assertEquals(List.of("policy 25.0/25.0 pass", "class-order 10.0/10.0 pass", "placement 20.0/20.0 pass", "balance 0.0/20.0 FAIL []",
                "safety 0.0/10.0 FAIL [no safety report in any scenario]",
                "differential 13.64/15.0 FAIL [same trace as the reference: balance / imbalance]", "cost 0.0/0.0 pass"),
                Grading.summary(r));
        assertTrue(Grading.message(r, "differential", "same trace as the reference: balance / imbalance").startsWith(
                "first divergence at event 27: your class: at 0.101000 s on CPU 0 sched_switch prev_comm=driver prev_pid=4"
                        + " prev_prio=120 prev_state=R+ ==> next_comm=driver next_pid=3 next_prio=120; the reference: at 0.101000 s on"
                        + " CPU 0 sched_migrate_task comm=driver pid=5 prio=120 orig_cpu=0 dest_cpu=1."));
    }
}
