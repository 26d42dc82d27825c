package kernellab.runner.internal.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import kernellab.runner.internal.cli.RootCommand;
import picocli.CommandLine;

/** {@code kernellab grade} in this JVM: only the report on standard output, one line on standard error, the exit status. */
class GradeCommandTest {

    private record Result(int exitCode, String out, String err) {
    }

    @TempDir
    Path dir;

    private static Result grade(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RootCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "grade";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void gradescopeResultsGoToTheOutputFileAndNothingToStdout() throws Exception {
        Path results = dir.resolve("results.json");
        Result r = grade("--sched-class", "kernellab.examples.schedclass.WeightedRoundRobin", "--format", "gradescope", "--output",
                results.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().matches("kernellab grade: kernellab.examples.schedclass.WeightedRoundRobin: 100.0 / 100.0 in \\d+ ms\n"),
                r.err());
        JsonObject root = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertEquals(100.0, root.get("score").getAsDouble());
        assertEquals(7, root.getAsJsonArray("tests").size());
    }

    @Test
    void aLowScoreStillExitsZeroWithTheJsonReport() {
        Result r = grade("--sched-class", "kernellab.examples.schedclass.RoundRobin", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(44.39, root.get("score").getAsDouble());
        assertEquals("kernellab.examples.schedclass.RoundRobin", root.get("className").getAsString());
    }

    @Test
    void aClassThatCannotBeLoadedIsOneLineAndExit1() {
        Result r = grade("--sched-class", "demo.Nope");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("kernellab grade: scheduling class demo.Nope cannot be loaded: not found on the class path (give it with"
                + " --classpath)\n", r.err());
    }

    @Test
    void aBadRubricIsOneLineNamingTheLineAndExit2() throws Exception {
        Path rubric = dir.resolve("rubric.ini");
        Files.writeString(rubric, "[balance]\npoints = 20\nperiod = soon\n");
        Result r = grade("--sched-class", "kernellab.examples.schedclass.RoundRobin", "--rubric", rubric.toString());
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals("kernellab grade: " + rubric + ":3: period in [balance] must be a duration of whole milliseconds, e.g. 100ms or"
                + " 2s, got 'soon'\n", r.err());
    }

    @Test
    void aMissingClassOrFormatIsAUsageError() {
        Result none = grade("--format", "text");
        assertEquals(2, none.exitCode());
        assertTrue(none.err().startsWith("Missing required option: '--sched-class=CLASS'\n"), none.err());
        Result bad = grade("--sched-class", "x.Y", "--format", "xml");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("Invalid value for option '--format': expected one of [TEXT, JSON, GRADESCOPE, JUNIT]"
                + " (case-insensitive) but was 'xml'\n"), bad.err());
    }
}
