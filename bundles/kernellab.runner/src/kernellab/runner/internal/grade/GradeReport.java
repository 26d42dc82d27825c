package kernellab.runner.internal.grade;

import java.util.List;

/**
 * The grade of one class on a rubric, as the report formats write it.
 *
 * @param className the class graded
 * @param rubric where the rubric was read from
 * @param score the points earned
 * @param maxScore the points possible
 * @param wallTimeMs real time the whole rubric took
 * @param scenarios the scenarios in rubric order
 */
public record GradeReport(String className, String rubric, double score, double maxScore, long wallTimeMs,
        List<ScenarioResult> scenarios) {

    /**
     * One scenario's result.
     *
     * @param name its name in the rubric
     * @param title what it checks
     * @param score points earned: its points times the share of its checks that passed, 0 when the class was disabled
     * @param maxScore its points
     * @param passed whether every check passed
     * @param checks the rules checked, in order
     * @param error why it could not finish (the kernel disabled the class), or {@code null}
     * @param wallTimeMs real time it took
     */
    public record ScenarioResult(String name, String title, double score, double maxScore, boolean passed, List<Check> checks,
            String error, long wallTimeMs) {
    }

    /**
     * @param rule the lab's rule
     * @param passed whether it holds
     * @param message what was seen, and for a failure what the rule expects
     */
    public record Check(String rule, boolean passed, String message) {
    }
}
