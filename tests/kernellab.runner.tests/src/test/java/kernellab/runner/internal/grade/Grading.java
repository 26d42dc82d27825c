package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import kernellab.core.MachineConfig;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;

/** Grades a class in this JVM, as {@code kernellab grade} does, and summarizes the result for exact comparisons. */
final class Grading {

    /** The CLI's default hook budget. */
    static final long HOOK_BUDGET_MS = 1000;

    private Grading() {
    }

    /**
     * @param className the class to grade
     * @param classpath where it is (empty: the runner's class path)
     * @return its grade on the built-in rubric
     */
    static GradeReport grade(String className, List<String> classpath) throws WorkloadException {
        return grade(className, classpath, HOOK_BUDGET_MS);
    }

    /**
     * @param className the class to grade
     * @param classpath where it is (empty: the runner's class path)
     * @param hookBudgetMs real time one call into the class may take
     * @return its grade on the built-in rubric
     */
    static GradeReport grade(String className, List<String> classpath, long hookBudgetMs) throws WorkloadException {
        return Grader.grade(Rubric.builtIn(), className, new Workloads(classpath).schedClass(className), MachineConfig::defaultSchedClass,
                hookBudgetMs);
    }

    /**
     * Compiles a student's class, as the student's IDE would, against the simulator's class path.
     *
     * @param dir where to put {@code src} and {@code classes}
     * @param className binary name
     * @param source its source
     * @return the class directory
     */
    static Path compile(Path dir, String className, String source) throws IOException {
        Path file = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString()));
        return classes;
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
