package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kernellab.core.MachineConfig;
import kernellab.runner.internal.sim.Workloads;

/** The lab's rubric on the examples: the reference WRR, the minimal round robin and the broken class. */
class GraderTest {

    private static final String EXAMPLES = "kernellab.examples.schedclass.";

    @TempDir
    Path dir;

    @Test
    void theReferenceScoresFullMarks() throws Exception {
        GradeReport r = Grading.grade(EXAMPLES + "WeightedRoundRobin", List.of());
        assertEquals("""
                Lab check of kernellab.examples.schedclass.WeightedRoundRobin (rubric: built-in wrr-rubric.ini)

                SCENARIO             POINTS  RESULT
                policy              25 / 25  pass
                class-order         10 / 10  pass
                placement           20 / 20  pass
                balance             20 / 20  pass
                safety              10 / 10  pass
                differential        15 / 15  pass
                cost                  0 / 0  pass
                TOTAL             100 / 100
                """, ReportFormat.TEXT.write(r));
        assertEquals("thread-group tie: 5 placements follow the rule (1 decided by thread group)",
                Grading.message(r, "placement", "placement: ties by thread group"), "the tie-break scenario really has a tie");
        assertEquals("after 8 periods the CPUs' total weights are 8, 8, 10, 11",
                Grading.message(r, "balance", "balance: weights balanced within 10"));
        String cost = Grading.message(r, "cost", "constant-time hooks");
        assertTrue(cost.matches("one simulated second took [0-9.]+ ms with 10 queued tasks and [0-9.]+ ms with 10000: growth [0-9.]+x"
                + " \\(informational\\)"), cost);
    }

    @Test
    void roundRobinFailsPlacementWeightsAndBalancingNamingTheRule() throws Exception {
        GradeReport r = Grading.grade(EXAMPLES + "RoundRobin", List.of());
        assertEquals(List.of(
                "policy 11.36/25.0 FAIL [slice = weight x 10 ms at HZ 100, slice = weight x 10 ms at HZ 250, slice = weight x 10 ms at HZ"
                        + " 1000, a weight change keeps the current slice, the new weight applies at the next refill, fork does not"
                        + " inherit the remaining slice]",
                "class-order 10.0/10.0 pass",
                "placement 5.0/20.0 FAIL [placement: least total weight, then lowest CPU, placement: ties by thread group, every CPU used]",
                "balance 6.67/20.0 FAIL [balance: heaviest movable task from the heaviest to the lightest CPU, balance: weights balanced"
                        + " within 10]",
                "safety 10.0/10.0 pass",
                "differential 1.36/15.0 FAIL [same trace as the reference: policy / slices at HZ 100, same trace as the reference: policy"
                        + " / slices at HZ 250, same trace as the reference: policy / slices at HZ 1000, same trace as the reference:"
                        + " policy / weight change, same trace as the reference: policy / fork, same trace as the reference:"
                        + " class-order / SCHED_FIFO wakes over SCHED_WRR, same trace as the reference: placement / fork and wake-up,"
                        + " same trace as the reference: placement / thread-group tie, same trace as the reference: placement / every"
                        + " CPU used, same trace as the reference: balance / imbalance]",
                "cost 0.0/0.0 pass"), Grading.summary(r));
        assertEquals(44.39, r.score());
        assertEquals("hog3 (weight 3) ran 10 ms in a row from 10 ms, expected 30 ms; hog3 (weight 3) ran 10 ms in a row from 40 ms,"
                + " expected 30 ms; hog3 (weight 3) ran 10 ms in a row from 60 ms, expected 30 ms",
                Grading.message(r, "policy", "slice = weight x 10 ms at HZ 250"));
        assertEquals("after sched_setweight(10 -> 2) at 5 ms the task ran 10 ms in a row; the lab keeps the slice being used"
                + " (100 ms of weight 10)", Grading.message(r, "policy", "a weight change keeps the current slice"));
        assertEquals("fork and wake-up: at 0 ms the fork of driver[3] (weight 3) went to CPU 0; total weights CPU 0: 3, CPU 1: 0,"
                + " CPU 2: 0, CPU 3: 0 -> the rule gives CPU 1 (a tie broken by the lowest CPU number); at 2 ms the wake-up of"
                + " driver[2] (weight 3) went to CPU 0; total weights CPU 0: 3, CPU 1: 0, CPU 2: 0, CPU 3: 0 -> the rule gives CPU 1"
                + " (a tie broken by the lowest CPU number); at 10 ms the fork of driver[4] (weight 10) went to CPU 0; total weights"
                + " CPU 0: 13, CPU 1: 0, CPU 2: 0, CPU 3: 0 -> the rule gives CPU 1 (a tie broken by the lowest CPU number)",
                Grading.message(r, "placement", "placement: least total weight, then lowest CPU"));
        assertEquals("8 hogs on 4 CPUs never ran on CPU [1, 2, 3]; placement should spread them",
                Grading.message(r, "placement", "every CPU used"));
        assertEquals("at 101 ms nothing moved (CPU 0 total 37, CPU 1 total 0); the rule moves the heaviest task of CPU 0 that is not"
                + " running (weight 10, 0 + 10 < 37) to CPU 1; at 202 ms nothing moved (CPU 0 total 37, CPU 1 total 0); the rule moves"
                + " the heaviest task of CPU 0 that is not running (weight 10, 0 + 10 < 37) to CPU 1; at 303 ms nothing moved (CPU 0"
                + " total 37, CPU 1 total 0); the rule moves the heaviest task of CPU 0 that is not running (weight 10, 0 + 10 < 37)"
                + " to CPU 1", Grading.message(r, "balance", "balance: heaviest movable task from the heaviest to the lightest CPU"));
        assertEquals("first divergence at event 4: your class: at 0.000000 s on CPU 0 sched_wakeup_new comm=hog pid=3 prio=120"
                + " target_cpu=0; the reference: at 0.000000 s on CPU 1 sched_wakeup_new comm=hog pid=3 prio=120 target_cpu=1."
                + " WRR queue of CPU 0 then: yours [hog[2] w10, hog[3] w10], the reference's [hog[2] w10]",
                Grading.message(r, "differential", "same trace as the reference: placement / every CPU used"));
    }

    @Test
    void theBrokenClassFailsTheScenarioItIsDisabledInAndGradingGoesOn() throws Exception {
        GradeReport r = Grading.grade(EXAMPLES + "BrokenPick", List.of());
        GradeReport.ScenarioResult safety = Grading.scenario(r, "safety");
        assertEquals("the kernel disabled your class in the 'mixed load' run at 0.180000 s on CPU 0 (invalid result): pickNext(0)"
                + " returned wrr-pinned[4], which is queued on CPU 1, not on CPU 0", safety.error());
        assertEquals(0.0, safety.score());
        assertEquals("the kernel disabled your class in safety", Grading.message(r, "safety", "no safety report in any scenario"));
        assertEquals(List.of("policy", "class-order", "placement", "balance", "safety", "differential", "cost"),
                r.scenarios().stream().map(GradeReport.ScenarioResult::name).toList());
        assertNull(Grading.scenario(r, "differential").error(), "the scenarios after it still ran");
        assertEquals(11, Grading.scenario(r, "differential").checks().size());
        assertEquals(34.39, r.score());
    }

    @Test
    void aClassThatLoopsIsStoppedByTheHookBudgetInEachScenario() throws Exception {
        Path classes = Grading.compile(dir, "demo.Spins", """
                package demo;

                import kernellab.api.sched.SchedTask;
                import kernellab.examples.schedclass.RoundRobin;

                public final class Spins extends RoundRobin {
                    @Override
                    public SchedTask pickNext(int cpu) {
                        while (kernel().now() > 30_000_000L) {
                            cpu++;
                        }
                        return super.pickNext(cpu);
                    }
                }
                """);
        GradeReport r = Grading.grade("demo.Spins", List.of(classes.toString()), 100);
        assertEquals(0.0, r.score());
        for (String s : List.of("policy", "class-order", "placement", "balance", "safety")) {
            String error = Grading.scenario(r, s).error();
            assertTrue(error.matches("the kernel disabled your class in the '.*' run at 0\\.0[3-5]\\d{4} s on CPU 0 \\(hook timeout\\):"
                    + " pickNext\\(\\) stopped: ran \\d+ ms of real time, more than its budget of 100 ms"), error);
        }
    }

    @Test
    void theVariantWhereWrrReplacesTheFairClassIsARubricSwitch() throws Exception {
        Rubric variant = Rubric.parse("variant.ini", "[safety]\npoints = 10\nreplace-fair = true\n");
        GradeReport rr = Grader.grade(variant, "RoundRobin", new Workloads(List.of()).schedClass(EXAMPLES + "RoundRobin"),
                MachineConfig::defaultSchedClass, Grading.HOOK_BUDGET_MS);
        assertEquals(List.of("safety 7.5/10.0 FAIL [no starvation of NORMAL tasks]"), Grading.summary(rr));
        assertEquals("with WRR replacing the fair class a SCHED_NORMAL task runs in 'rr'",
                Grading.message(rr, "safety", "NORMAL tasks are served by the class"));
        assertEquals("in 1 s on 4 CPUs the WRR tasks ran 1052 ms and the NORMAL tasks 548 ms: 19% of the CPU time WRR left; they must"
                + " get at least 90%", Grading.message(rr, "safety", "no starvation of NORMAL tasks"));
        GradeReport wrr = Grader.grade(variant, "WeightedRoundRobin", MachineConfig::defaultSchedClass, MachineConfig::defaultSchedClass,
                Grading.HOOK_BUDGET_MS);
        assertEquals(List.of("safety 10.0/10.0 pass"), Grading.summary(wrr));
    }
}
