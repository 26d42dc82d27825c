package kernellab.journey;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import kernellab.journey.JourneyReport.Status;
import kernellab.ui.robot.Screenshots;
import kernellab.ui.robot.Widgets;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Goes through the student's journey ({@link StudentJourney}) step by step in the running IDE:
 * reports each step in {@link JourneyReport}, keeps a screenshot per step under
 * {@code screenshots/}, and on a failure the screen as it was and the widgets of every open
 * window; the steps after a failure are not run. Then it closes the workbench, so the IDE exits.
 */
final class Journey implements Runnable {

    /** How much of each Console a failure report keeps, in characters. */
    private static final int CONSOLE_TAIL = 4000;

    private final Path output;
    private final JourneyReport report;
    private Step current;
    private int shots;
    private Path lastScreenshot;

    Journey(Path output) {
        this.output = output.toAbsolutePath();
        this.report = new JourneyReport(this.output);
    }

    @Override
    public void run() {
        Ui ui = new Ui(PlatformUI.getWorkbench().getDisplay());
        try {
            ui.waitFor("the workbench to start", Duration.ofMinutes(2), () -> !PlatformUI.getWorkbench().isStarting()
                    && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0);
            List<Step> steps = new StudentJourney(ui, this).steps();
            report.plan(steps);
            Step failed = null;
            for (Step step : steps) {
                if (failed != null) {
                    report.record(step, Status.NOT_RUN, null, null, "step " + failed.id() + " failed before it", null);
                } else if (!run(ui, step)) {
                    failed = step;
                }
            }
            report.finished();
        } finally {
            closeTheWorkbench(ui);
        }
    }

    /** @return whether the step passed */
    private boolean run(Ui ui, Step step) {
        current = step;
        lastScreenshot = null;
        report.record(step, Status.RUNNING, null, null, null, null);
        log("step " + step.id() + ": " + step.title());
        long start = System.nanoTime();
        try {
            step.action().run();
            double seconds = (System.nanoTime() - start) / 1e9;
            report.record(step, Status.PASSED, seconds, lastScreenshot, null, null);
            log(String.format(Locale.ROOT, "step %s passed in %.1f s", step.id(), seconds));
            return true;
        } catch (Throwable failure) {
            double seconds = (System.nanoTime() - start) / 1e9;
            Path screen = file("FAILED.png");
            Path details = file("FAILED.txt");
            String widgets = keepTheEvidence(ui, screen);
            write(details, stackTrace(failure) + "\nOpen windows:\n" + widgets + "\nConsoles:\n" + consoles());
            String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
            report.record(step, Status.FAILED, seconds, Files.exists(screen) ? screen : lastScreenshot, message, details);
            log("step " + step.id() + " FAILED: " + message);
            return false;
        }
    }

    /**
     * Saves a screenshot of {@code shell} as the current step's picture, after letting the UI
     * lay out and paint what the last action changed (else the picture can be one page behind).
     *
     * @param name what it shows, e.g. {@code debug-session}
     */
    Path screenshot(Ui ui, Shell shell, String name) {
        ui.settle(300);
        Path file = file(name + ".png");
        ui.run(() -> Screenshots.save(shell, file.toFile()));
        lastScreenshot = file;
        return file;
    }

    private Path file(String name) {
        String step = current.id().length() == 1 ? "0" + current.id() : current.id();
        return output.resolve("screenshots").resolve(String.format(Locale.ROOT, "%s-%02d-%s", step, ++shots, name));
    }

    /** Saves the whole screen and returns the widgets of every open window; what fails here is noted, not thrown. */
    private static String keepTheEvidence(Ui ui, Path screen) {
        try {
            return ui.call(() -> {
                Display display = ui.display();
                Screenshots.saveScreen(display, screen.toFile());
                StringBuilder widgets = new StringBuilder();
                for (Shell shell : display.getShells()) {
                    if (shell.isVisible()) {
                        widgets.append(Widgets.dump(shell)).append('\n');
                    }
                }
                return widgets.toString();
            });
        } catch (RuntimeException | Error e) {
            return "(could not save the screen or list the widgets: " + e + ")";
        }
    }

    /** @return what every process of every launch printed (the end of it), as its Console shows it */
    private static String consoles() {
        StringBuilder out = new StringBuilder();
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            for (IProcess process : launch.getProcesses()) {
                out.append("== ").append(process.getLabel()).append('\n');
                if (process.getStreamsProxy() != null) {
                    out.append(tail(process.getStreamsProxy().getOutputStreamMonitor().getContents()))
                            .append(tail(process.getStreamsProxy().getErrorStreamMonitor().getContents()));
                }
            }
        }
        return out.toString();
    }

    private static String tail(String text) {
        return text.length() <= CONSOLE_TAIL ? text : "..." + text.substring(text.length() - CONSOLE_TAIL);
    }

    /**
     * Ends every launch, closes the dialogs a failed step left open, and closes the workbench,
     * which ends the IDE.
     */
    private static void closeTheWorkbench(Ui ui) {
        for (ILaunch launch : DebugPlugin.getDefault().getLaunchManager().getLaunches()) {
            try {
                if (launch.canTerminate()) {
                    launch.terminate();
                }
            } catch (Exception e) {
                log("could not end " + launch + ": " + e);
            }
        }
        ui.later(() -> {
            for (Shell shell : ui.display().getShells()) {
                if (!isWorkbenchWindow(shell)) {
                    shell.close();
                }
            }
            PlatformUI.getWorkbench().close();
        });
    }

    private static boolean isWorkbenchWindow(Shell shell) {
        for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
            if (window.getShell() == shell) {
                return true;
            }
        }
        return false;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void log(String line) {
        System.out.println("[journey] " + line);
    }
}
