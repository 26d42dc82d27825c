package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rubric file: what an instructor can change, and one line naming the mistake when the file is wrong. */
class RubricTest {

    private static String error(String text) {
        return assertThrows(RubricException.class, () -> Rubric.parse("my.ini", text)).getMessage();
    }

    @Test
    void theBuiltInRubricHasSevenScenariosWorth100() {
        Rubric r = Rubric.builtIn();
        assertEquals(List.of("policy", "class-order", "placement", "balance", "safety", "differential", "cost"),
                r.entries().stream().map(Rubric.Entry::name).toList());
        assertEquals(100.0, r.maxScore());
        assertEquals("built-in wrr-rubric.ini", r.source());
    }

    @Test
    void scenariosCanBeSwitchedOffAddedUnderANewNameAndRetitled() {
        Rubric r = Rubric.parse("my.ini", """
                # two placement scenarios, no policy
                [policy]
                points = 10
                enabled = false

                [placement]
                points = 5
                [placement-8]   # a second machine size
                kind = placement
                title = Placement on 8 CPUs
                points = 7.5
                cpus = 8
                """);
        assertEquals(List.of("placement PLACEMENT Placement on fork and wake-up 5.0", "placement-8 PLACEMENT Placement on 8 CPUs 7.5"),
                r.entries().stream().map(e -> e.name() + " " + e.kind() + " " + e.title() + " " + e.points()).toList());
        assertEquals(12.5, r.maxScore());
    }

    @Test
    void eachMistakeIsOneLineNamingFileAndLine() {
        assertEquals("my.ini:3: unknown key 'tolerence' in [balance] (a balance scenario knows: cpus, period, periods, tolerance)",
                error("[balance]\npoints = 1\ntolerence = 3\n"));
        assertEquals("my.ini:1: [balance] has no 'points'", error("[balance]\ncpus = 2\n"));
        assertEquals("my.ini:3: period in [balance] must be a duration of whole milliseconds, e.g. 100ms or 2s, got '1.5ms'",
                error("[balance]\npoints = 1\nperiod = 1.5ms\n"));
        assertEquals("my.ini:2: cpus in [placement] must be a whole number from 2 to 64, got 'four'",
                error("[placement]\ncpus = four\npoints = 1\n"));
        assertEquals("my.ini:1: unknown scenario kind 'placment' (known: policy, class-order, placement, balance, safety, cost, differential;"
                + " give another name with 'kind = …')", error("[placment]\npoints = 1\n"));
        assertEquals("my.ini:3: scenario [policy] is defined twice", error("[policy]\npoints = 1\n[policy]\npoints = 2\n"));
        assertEquals("my.ini:1: 'points = 3' comes before the first [scenario]", error("points = 3\n[policy]\n"));
        assertEquals("my.ini:2: points must be a number >= 0, got '-1'", error("[policy]\npoints = -1\n"));
        assertEquals("my.ini:2: expected 'key = value' or '[scenario]', got 'cpus 4'", error("[safety]\ncpus 4\n"));
        assertEquals("my.ini:2: hz in [policy] must be a comma-separated list of [100, 250, 300, 1000], got '100, 200'",
                error("[policy]\nhz = 100, 200\npoints = 1\n"));
        assertEquals("my.ini:2: unknown key 'cpus' in [class-order] (a class-order scenario has no settings)",
                error("[class-order]\ncpus = 2\npoints = 1\n"));
        assertEquals("my.ini:3: no enabled scenario", error("[policy]\npoints = 1\nenabled = false"));
        assertEquals("my.ini:2: scenarios in [differential] must be a comma-separated list of policy, class-order, placement, balance,"
                + " safety, cost, got 'policy, differential'", error("[differential]\nscenarios = policy, differential\npoints = 1\n"));
    }
}
