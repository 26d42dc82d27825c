package kernellab.runner.internal.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lab's rubric: named scenarios in order, each with its points and settings, read from an
 * INI-like text (the built-in one is {@value #BUILT_IN}):
 *
 * <pre>
 * # a comment
 * [placement]            # a scenario; its kind is its name unless 'kind' says otherwise
 * title = Placement on fork and wake-up
 * points = 20
 * cpus = 4
 * </pre>
 *
 * Every section needs {@code points}; {@code enabled = false} switches a scenario off; the other
 * keys are the settings of its kind ({@link ScenarioKind#keys()}), with the kind's defaults when
 * absent. An unknown section kind, an unknown key or a bad value is a {@link RubricException}
 * naming the file and line.
 */
public final class Rubric {

    /** The resource of the rubric shipped with KernelLab. */
    public static final String BUILT_IN = "wrr-rubric.ini";

    /**
     * One scenario of the rubric.
     *
     * @param name the section name, unique
     * @param kind what it runs
     * @param title what the report calls it
     * @param points its maximum score
     * @param settings its settings, the kind's defaults filled in
     */
    public record Entry(String name, ScenarioKind kind, String title, double points, Settings settings) {
    }

    private final String source;
    private final List<Entry> entries;

    private Rubric(String source, List<Entry> entries) {
        this.source = source;
        this.entries = List.copyOf(entries);
    }

    /** @return where it was read from */
    public String source() {
        return source;
    }

    /** @return its enabled scenarios in file order */
    public List<Entry> entries() {
        return entries;
    }

    /** @return the sum of the points */
    public double maxScore() {
        return entries.stream().mapToDouble(Entry::points).sum();
    }

    /**
     * @return the rubric shipped with KernelLab
     */
    public static Rubric builtIn() {
        try (InputStream in = Rubric.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the runner");
            }
            return parse("built-in " + BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param source the file name, for messages
     * @param text the rubric
     * @return the rubric
     * @throws RubricException naming the line of the first mistake
     */
    public static Rubric parse(String source, String text) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> values = null;
        Map<String, Integer> lines = null;
        String section = null;
        int sectionLine = 0;
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            int n = i + 1;
            String line = stripComment(all[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new RubricException(source, n, "a section is '[name]', got '" + line + "'");
                }
                if (section != null) {
                    add(entries, source, section, sectionLine, values, lines);
                }
                section = line.substring(1, line.length() - 1).strip();
                sectionLine = n;
                if (!seen.add(section)) {
                    throw new RubricException(source, n, "scenario [" + section + "] is defined twice");
                }
                values = new LinkedHashMap<>();
                lines = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new RubricException(source, n, "expected 'key = value' or '[scenario]', got '" + line + "'");
            }
            if (section == null) {
                throw new RubricException(source, n, "'" + line + "' comes before the first [scenario]");
            }
            String key = line.substring(0, eq).strip();
            if (values.containsKey(key)) {
                throw new RubricException(source, n, "'" + key + "' is set twice in [" + section + "]");
            }
            values.put(key, line.substring(eq + 1).strip());
            lines.put(key, n);
        }
        if (section != null) {
            add(entries, source, section, sectionLine, values, lines);
        }
        if (entries.isEmpty()) {
            throw new RubricException(source, all.length, "no enabled scenario");
        }
        return new Rubric(source, entries);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static void add(List<Entry> entries, String source, String section, int sectionLine, Map<String, String> values,
            Map<String, Integer> lines) {
        String kindName = values.getOrDefault("kind", section);
        ScenarioKind kind = ScenarioKind.named(kindName);
        if (kind == null) {
            throw new RubricException(source, lines.getOrDefault("kind", sectionLine), "unknown scenario kind '" + kindName
                    + "' (known: " + String.join(", ", ScenarioKind.names()) + "; give another name with 'kind = …')");
        }
        Set<String> common = Set.of("kind", "title", "points", "enabled");
        Map<String, String> settings = new LinkedHashMap<>(kind.keys());
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!common.contains(e.getKey()) && !settings.containsKey(e.getKey())) {
                String known = kind.keys().isEmpty() ? "has no settings"
                        : "knows: " + String.join(", ", new TreeSet<>(kind.keys().keySet()));
                throw new RubricException(source, lines.get(e.getKey()), "unknown key '" + e.getKey() + "' in [" + section
                        + "] (a " + kind.id() + " scenario " + known + ")");
            }
        }
        if (!values.containsKey("points")) {
            throw new RubricException(source, sectionLine, "[" + section + "] has no 'points'");
        }
        double points;
        try {
            points = Double.parseDouble(values.get("points"));
        } catch (NumberFormatException e) {
            points = -1;
        }
        if (!(points >= 0) || Double.isInfinite(points)) {
            throw new RubricException(source, lines.get("points"), "points must be a number >= 0, got '" + values.get("points") + "'");
        }
        String enabled = values.getOrDefault("enabled", "true");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new RubricException(source, lines.get("enabled"), "enabled must be true or false, got '" + enabled + "'");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (settings.containsKey(e.getKey())) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        Settings s = new Settings(source, section, settings, lines, sectionLine);
        kind.create(s);
        if (enabled.equals("true")) {
            entries.add(new Entry(section, kind, values.getOrDefault("title", kind.title()), points, s));
        }
    }
}
