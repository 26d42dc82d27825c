package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kernellab.runner.internal.sim.Units;

/** The settings of one rubric scenario, read as typed values; a bad value names its line. */
public final class Settings {

    private final String source;
    private final String section;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;
    private final int sectionLine;

    Settings(String source, String section, Map<String, String> values, Map<String, Integer> lines, int sectionLine) {
        this.source = source;
        this.section = section;
        this.values = Map.copyOf(values);
        this.lines = Map.copyOf(lines);
        this.sectionLine = sectionLine;
    }

    private RubricException bad(String key, String expected) {
        return new RubricException(source, lines.getOrDefault(key, sectionLine),
                key + " in [" + section + "] must be " + expected + ", got '" + values.get(key) + "'");
    }

    private String raw(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("no setting " + key + " in [" + section + "]");
        }
        return v;
    }

    /**
     * @param key the key
     * @param min the least allowed
     * @param max the largest allowed
     * @return its value
     */
    public int integer(String key, int min, int max) {
        try {
            int v = Integer.parseInt(raw(key));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "a whole number from " + min + " to " + max);
    }

    /**
     * @param key the key
     * @param min the least allowed
     * @param max the largest allowed
     * @return its value
     */
    public double number(String key, double min, double max) {
        try {
            double v = Double.parseDouble(raw(key));
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(key, "a number from " + min + " to " + max);
    }

    /**
     * @param key the key
     * @return its value in nanoseconds, a whole number of milliseconds (e.g. 101ms, 2s)
     */
    public long millis(String key) {
        try {
            long ns = Units.parseDuration(raw(key));
            if (ns >= 1_000_000L && ns % 1_000_000L == 0) {
                return ns;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw bad(key, "a duration of whole milliseconds, e.g. 100ms or 2s");
    }

    /**
     * @param key the key
     * @return its value
     */
    public boolean bool(String key) {
        return switch (raw(key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, "true or false");
        };
    }

    /**
     * @param key the key
     * @param allowed the allowed words
     * @return its comma-separated words, each one of {@code allowed}
     */
    public List<String> words(String key, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String w : raw(key).split(",")) {
            String t = w.strip();
            if (!allowed.contains(t)) {
                throw bad(key, "a comma-separated list of " + String.join(", ", allowed));
            }
            out.add(t);
        }
        return out;
    }

    /**
     * @param key the key
     * @param allowed the allowed values
     * @return its comma-separated whole numbers, each one of {@code allowed}
     */
    public List<Integer> integers(String key, List<Integer> allowed) {
        List<Integer> out = new ArrayList<>();
        for (String w : raw(key).split(",")) {
            try {
                int v = Integer.parseInt(w.strip());
                if (allowed.contains(v)) {
                    out.add(v);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(key, "a comma-separated list of " + allowed);
        }
        return out;
    }

    /**
     * @param key the key
     * @param min the least allowed
     * @param max the largest allowed
     * @return its comma-separated whole numbers
     */
    public List<Integer> integers(String key, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (String w : raw(key).split(",")) {
            try {
                int v = Integer.parseInt(w.strip());
                if (v >= min && v <= max) {
                    out.add(v);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad(key, "a comma-separated list of whole numbers from " + min + " to " + max);
        }
        return out;
    }
}
