package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;

import kernellab.core.MachineConfig;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;

/** Grades a class in this JVM, as {@code kernellab grade} does, and summarizes the result for exact comparisons. */
final class Grading {

    private Grading() {
    }

    /**
     * @param className the class to grade
     * @param classpath where it is (empty: the runner's class path)
     * @return its grade on the built-in rubric
     */
    static GradeReport grade(String className, List<String> classpath) throws WorkloadException {
        return Grader.grade(Rubric.builtIn(), className, new Workloads(classpath).schedClass(className), MachineConfig::defaultSchedClass);
    }

    /** @return one line per scenario: name, score, pass/FAIL and the rules that failed */
    static List<String> summary(GradeReport r) {
        List<String> lines = new ArrayList<>();
        for (GradeReport.ScenarioResult s : r.scenarios()) {
            List<String> failed = s.checks().stream().filter(c -> !c.passed()).map(GradeReport.Check::rule).toList();
            lines.add(s.name() + " " + s.score() + "/" + s.maxScore() + (s.passed() ? " pass" : " FAIL " + failed));
        }
        return lines;
    }

    /**
     * @param r a grade
     * @param scenario a scenario's name
     * @param rule a rule's name
     * @return the message of that check
     */
    static String message(GradeReport r, String scenario, String rule) {
        return r.scenarios().stream().filter(s -> s.name().equals(scenario)).findFirst().orElseThrow().checks().stream()
                .filter(c -> c.rule().equals(rule)).findFirst().orElseThrow().message();
    }

    /**
     * @param r a grade
     * @param scenario a scenario's name
     * @return its result
     */
    static GradeReport.ScenarioResult scenario(GradeReport r, String scenario) {
        return r.scenarios().stream().filter(s -> s.name().equals(scenario)).findFirst().orElseThrow();
    }
}
