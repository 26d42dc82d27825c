package kernellab.journey;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The journey's report, {@code journey.properties} in the output folder, rewritten after every
 * change so that it tells how far the robot got even if the IDE dies or hangs. The installation
 * test reads it:
 * <pre>
 * steps = 1 2 3 ...                     the step ids in order
 * step.ID.title = opens the KernelLab perspective ...
 * step.ID.status = running | passed | failed | not-run
 * step.ID.seconds = 4.2                 how long it took
 * step.ID.screenshot = screenshots/...  its last screenshot (the screen at the failure for a failed step)
 * step.ID.message = ...                 why it failed or did not run
 * step.ID.details = ...                 a failed step's stack trace and widget dump (a file name)
 * finished = true                       the robot went through every step
 * </pre>
 */
final class JourneyReport {

    /** How a step ended. */
    enum Status {
        RUNNING, PASSED, FAILED, NOT_RUN;

        String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Path dir;
    private final Properties properties = new Properties();

    JourneyReport(Path dir) {
        this.dir = dir;
    }

    /** Lists the steps, none run yet. */
    synchronized void plan(List<Step> steps) {
        properties.setProperty("steps", String.join(" ", steps.stream().map(Step::id).toList()));
        steps.forEach(s -> properties.setProperty("step." + s.id() + ".title", s.title()));
        properties.setProperty("finished", "false");
        write();
    }

    /** Records a step's state; {@code null} values are left out. */
    synchronized void record(Step step, Status status, Double seconds, Path screenshot, String message, Path details) {
        String prefix = "step." + step.id() + ".";
        properties.setProperty(prefix + "status", status.key());
        set(prefix + "seconds", seconds == null ? null : String.format(Locale.ROOT, "%.1f", seconds));
        set(prefix + "screenshot", screenshot == null ? null : dir.relativize(screenshot).toString());
        set(prefix + "message", message);
        set(prefix + "details", details == null ? null : dir.relativize(details).toString());
        write();
    }

    /** Marks the journey as gone through to its end. */
    synchronized void finished() {
        properties.setProperty("finished", "true");
        write();
    }

    private void set(String key, String value) {
        if (value == null) {
            properties.remove(key);
        } else {
            properties.setProperty(key, value);
        }
    }

    private void write() {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve("journey.properties.part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                properties.store(out, "KernelLab student journey");
            }
            Files.move(partial, dir.resolve("journey.properties"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
