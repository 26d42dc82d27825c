package kernellab.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The student's journey (issue 10) in the IDE that got KernelLab from the update site: the journey
 * robot (tests/kernellab.journey, from its own p2 repository) is installed next to KernelLab by
 * the IDE's p2 director, the IDE is started with its own launcher and application on the build's
 * display (Xvfb under {@code ./kernellab test}), and the robot goes through the steps inside it.
 * Each step is a test here that fails with the robot's message and the path of the step's
 * screenshot; the screenshots, the robot's report and the IDE's log are in target/journey.
 */
class StudentJourneyTest {

    private static final Path JOURNEY_REPOSITORY = Path.of(System.getProperty("kernellab.journeyRepository"));
    private static final Path OUTPUT = Path.of(System.getProperty("kernellab.journeyOutput"));
    /** The robot's own waits are at most 3 minutes each; this bounds a hung IDE. */
    private static final int TIMEOUT_MINUTES = 10;

    private static Properties report;
    private static String ending;

    @BeforeAll
    static void goThroughTheJourneyInTheInstalledIde() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "the journey needs a display: run the tests under Xvfb (./kernellab test)");
        Path ide = InstalledIde.WORK.resolve("journey-ide");
        InstalledIde.copyRecursively(InstalledIde.withKernelLab().home(), ide);
        InstalledIde.install(ide, JOURNEY_REPOSITORY, "kernellab.journey");
        InstalledIde.deleteRecursively(OUTPUT);
        Files.createDirectories(OUTPUT);

        Path log = OUTPUT.resolve("ide.log");
        long start = System.nanoTime();
        Process eclipse = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkernellab.journey.output=" + OUTPUT, "-Dosgi.requiredJavaVersion=21", "-Xmx2g",
                "-jar", InstalledIde.launcherJar(ide).toString(),
                "-data", OUTPUT.resolve("workspace").toString(), "-nosplash", "-consoleLog", "-nl", "en",
                "-application", "org.eclipse.ui.ide.workbench")
                .directory(ide.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (eclipse.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            ending = "the IDE exited with status " + eclipse.exitValue();
        } else {
            ending = "the IDE was stopped after " + TIMEOUT_MINUTES + " minutes; " + screenshotOfTheHungIde();
            eclipse.descendants().forEach(ProcessHandle::destroyForcibly);
            eclipse.destroyForcibly().waitFor();
        }
        System.out.printf("Student journey: %s after %.1f s; report, screenshots and log in %s%n", ending,
                (System.nanoTime() - start) / 1e9, OUTPUT);
        Path file = OUTPUT.resolve("journey.properties");
        if (Files.exists(file)) {
            report = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                report.load(in);
            }
        }
    }

    /** One test per step of the robot's report, named after the step. */
    @TestFactory
    Stream<DynamicTest> theStudentsJourney() throws IOException {
        if (report == null) {
            String why = "the journey robot wrote no report: " + ending + "\n" + tail(OUTPUT.resolve("ide.log"));
            return Stream.of(DynamicTest.dynamicTest("the journey robot starts in the installed IDE", () -> fail(why)));
        }
        return List.of(report.getProperty("steps").split(" ")).stream().map(id -> DynamicTest.dynamicTest(
                id + ". " + report.getProperty("step." + id + ".title"), () -> check(id)));
    }

    @Test
    void theIdeEndsNormallyAfterTheJourney() throws IOException {
        assertNotNull(report, "no report: " + ending);
        assertEquals("true", report.getProperty("finished"), "the robot did not get through: " + ending);
        assertTrue(ending.endsWith("status 0"), ending + "\n" + tail(OUTPUT.resolve("ide.log")));
        List<String> errors = Files.readAllLines(OUTPUT.resolve("ide.log")).stream().filter(l -> l.matches("!ENTRY \\S+ 4 .*"))
                .toList();
        assertTrue(errors.isEmpty(), "the IDE logged errors (see " + OUTPUT.resolve("ide.log") + "): " + errors);
    }

    private static void check(String id) throws IOException {
        String step = "step " + id + " (" + report.getProperty("step." + id + ".title") + ")";
        String status = report.getProperty("step." + id + ".status");
        String message = report.getProperty("step." + id + ".message");
        String seconds = report.getProperty("step." + id + ".seconds");
        switch (status) {
            case "passed" -> System.out.printf("Student journey: step %s passed in %s s, screenshot %s%n", id, seconds,
                    OUTPUT.resolve(report.getProperty("step." + id + ".screenshot")));
            case "not-run" -> Assumptions.abort(step + " not run: " + message);
            case "failed" -> fail(step + " failed after " + seconds + " s: " + message
                    + "\n  screenshot: " + OUTPUT.resolve(report.getProperty("step." + id + ".screenshot"))
                    + "\n  stack trace, open windows and consoles: " + OUTPUT.resolve(report.getProperty("step." + id + ".details")));
            default -> fail(step + " did not finish (" + status + "): " + ending + "\n" + tail(OUTPUT.resolve("ide.log")));
        }
    }

    /** Saves the display of a hung IDE with ImageMagick's import (installed by ./kernellab test), if it is there. */
    private static String screenshotOfTheHungIde() {
        Path file = OUTPUT.resolve("screenshots").resolve("hung.png");
        try {
            Files.createDirectories(file.getParent());
            Process saving = new ProcessBuilder("import", "-window", "root", file.toString()).redirectErrorStream(true).start();
            return saving.waitFor(30, TimeUnit.SECONDS) && saving.exitValue() == 0 ? "its screen: " + file
                    : "ImageMagick's import could not save its screen";
        } catch (IOException | InterruptedException e) {
            return "no screenshot (" + e.getMessage() + ")";
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no " + log + ")";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
