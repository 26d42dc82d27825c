package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code kernellab grade} from the shipped CLI jar, as an autograder starts it. */
class GradeCliTest {

    @Test
    void theReferenceGetsAPassingJUnitSuiteOnStdout() {
        Cli.Result r = Cli.run("grade", "--sched-class", "kernellab.examples.schedclass.WeightedRoundRobin", "--format", "junit");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="kernellab.grade.kernellab.examples.schedclass.WeightedRoundRobin" tests="7" failures="0" errors="0\""""),
                r.out());
        assertTrue(r.err().startsWith("kernellab grade: kernellab.examples.schedclass.WeightedRoundRobin: 100.0 / 100.0 in "), r.err());
    }

    @Test
    void theCommandIsListedInTheUsage() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("\n  grade  Grade a SCHED_WRR scheduling class on the lab's rubric"), r.out());
    }
}
