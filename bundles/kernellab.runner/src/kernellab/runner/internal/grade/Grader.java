package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import kernellab.api.sched.SchedClassOps;

/**
 * Runs a rubric's scenarios in order on the class under grade. A scenario in which the kernel
 * disables the class scores 0 with the reason and grading goes on (so does one that stops on
 * anything else the class causes, such as a constructor that fails on a later machine); afterwards
 * each safety scenario also checks that no scenario saw the class disabled.
 */
public final class Grader {

    private Grader() {
    }

    /**
     * @param rubric the rubric
     * @param className the class under grade, for the report
     * @param student makes one instance of the class under grade per machine
     * @param reference makes one instance of the reference WRR per machine
     * @param hookBudgetMs real time one call into the class may take before the kernel stops it
     *        and disables the class (a class that loops costs this much per run)
     * @return the grade
     */
    public static GradeReport grade(Rubric rubric, String className, Supplier<? extends SchedClassOps> student,
            Supplier<? extends SchedClassOps> reference, long hookBudgetMs) {
        long start = System.nanoTime();
        Lab lab = new Lab(student, reference, hookBudgetMs);
        List<Rubric.Entry> entries = rubric.entries();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> disabledIn = new ArrayList<>();
        for (Rubric.Entry e : entries) {
            long t0 = System.nanoTime();
            Outcome out = new Outcome();
            String error = null;
            try {
                e.kind().create(e.settings()).run(lab, out);
            } catch (ClassDisabled d) {
                error = d.getMessage();
                disabledIn.add(e.name());
            } catch (RuntimeException x) {
                error = "the scenario stopped: " + x;
            }
            outcomes.add(out);
            errors.add(error);
            times.add((System.nanoTime() - t0) / 1_000_000L);
        }
        List<GradeReport.ScenarioResult> results = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < entries.size(); i++) {
            Rubric.Entry e = entries.get(i);
            Outcome out = outcomes.get(i);
            if (e.kind() == ScenarioKind.SAFETY) {
                out.check("no safety report in any scenario", disabledIn.isEmpty(), disabledIn.isEmpty()
                        ? "your class was never disabled" : "the kernel disabled your class in " + String.join(", ", disabledIn));
            }
            List<GradeReport.Check> checks = out.checks().stream()
                    .map(c -> new GradeReport.Check(c.rule(), c.passed(), c.message())).toList();
            long passed = checks.stream().filter(GradeReport.Check::passed).count();
            String error = errors.get(i);
            double score = error != null || checks.isEmpty() ? 0 : Math.round(e.points() * passed / checks.size() * 100) / 100.0;
            total += score;
            results.add(new GradeReport.ScenarioResult(e.name(), e.title(), score, e.points(),
                    error == null && passed == checks.size(), checks, error, times.get(i)));
        }
        return new GradeReport(className, rubric.source(), Math.round(total * 100) / 100.0, rubric.maxScore(),
                (System.nanoTime() - start) / 1_000_000L, results);
    }
}
