package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * How a grade is written: a table for people, JSON, Gradescope's {@code results.json}
 * (gradescope-autograders.readthedocs.io, "Autograder Specifications": a total {@code score},
 * {@code execution_time} in seconds and {@code tests[]} of {@code name}, {@code score},
 * {@code max_score}, {@code status}, {@code output}, {@code visibility}), or JUnit XML as
 * surefire writes it for CI.
 */
public enum ReportFormat {
    /** A table with the failed checks under their scenario. */
    TEXT,
    /** The {@link GradeReport} as JSON. */
    JSON,
    /** Gradescope's results.json. */
    GRADESCOPE,
    /** A JUnit XML test suite, one test case per scenario. */
    JUNIT;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    /**
     * @param r a grade
     * @return it in this format, ending with a newline
     */
    public String write(GradeReport r) {
        return switch (this) {
            case TEXT -> text(r);
            case JSON -> GSON.toJson(r) + "\n";
            case GRADESCOPE -> gradescope(r);
            case JUNIT -> junit(r);
        };
    }

    private static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /** @return the scenario's checks, one per line, failed ones first, and the reason it stopped */
    static String details(GradeReport.ScenarioResult s) {
        List<String> lines = new ArrayList<>();
        if (s.error() != null) {
            lines.add("FAIL " + s.error());
        }
        for (GradeReport.Check c : s.checks()) {
            if (!c.passed()) {
                lines.add("FAIL " + c.rule() + ": " + c.message());
            }
        }
        for (GradeReport.Check c : s.checks()) {
            if (c.passed()) {
                lines.add("ok   " + c.rule() + ": " + c.message());
            }
        }
        return String.join("\n", lines);
    }

    private static String text(GradeReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lab check of ").append(r.className()).append(" (rubric: ").append(r.rubric()).append(")\n\n");
        int width = Math.max(8, r.scenarios().stream().mapToInt(s -> s.name().length()).max().orElse(0));
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %13s  %s%n", "SCENARIO", "POINTS", "RESULT"));
        for (GradeReport.ScenarioResult s : r.scenarios()) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %13s  %s%n", s.name(), num(s.score()) + " / " + num(s.maxScore()),
                    s.passed() ? "pass" : "FAIL"));
            for (String line : details(s).split("\n")) {
                if (line.startsWith("FAIL")) {
                    sb.append("    - ").append(line.substring(5)).append('\n');
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s  %13s%n", "TOTAL", num(r.score()) + " / " + num(r.maxScore())));
        return sb.toString();
    }

    private static String gradescope(GradeReport r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", r.score());
        root.put("execution_time", Math.max(1, Math.round(r.wallTimeMs() / 1000.0)));
        root.put("output", "Lab check of " + r.className() + ": " + num(r.score()) + " / " + num(r.maxScore()));
        root.put("visibility", "visible");
        List<Map<String, Object>> tests = new ArrayList<>();
        for (GradeReport.ScenarioResult s : r.scenarios()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", s.title() + " [" + s.name() + "]");
            t.put("score", s.score());
            t.put("max_score", s.maxScore());
            t.put("status", s.passed() ? "passed" : "failed");
            t.put("output", details(s));
            t.put("visibility", "visible");
            tests.add(t);
        }
        root.put("tests", tests);
        return GSON.toJson(root) + "\n";
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    private static String junit(GradeReport r) {
        long failures = r.scenarios().stream().filter(s -> !s.passed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"kernellab.grade.").append(xml(r.className())).append("\" tests=\"").append(r.scenarios().size())
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(r.wallTimeMs())).append("\">\n");
        sb.append("  <properties>\n    <property name=\"score\" value=\"").append(num(r.score())).append("\"/>\n")
                .append("    <property name=\"max_score\" value=\"").append(num(r.maxScore())).append("\"/>\n  </properties>\n");
        for (GradeReport.ScenarioResult s : r.scenarios()) {
            sb.append("  <testcase classname=\"kernellab.grade\" name=\"").append(xml(s.name())).append("\" time=\"")
                    .append(seconds(s.wallTimeMs())).append("\"");
            if (s.passed()) {
                sb.append("/>\n");
                continue;
            }
            String first = details(s).split("\n")[0].substring(5);
            sb.append(">\n    <failure message=\"").append(xml(first)).append("\" type=\"kernellab.grade.RuleViolated\">")
                    .append(xml(num(s.score()) + " / " + num(s.maxScore()) + "\n" + details(s))).append("</failure>\n  </testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }
}
