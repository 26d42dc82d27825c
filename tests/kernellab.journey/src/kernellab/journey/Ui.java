package kernellab.journey;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import kernellab.ui.robot.Widgets;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Widget;

/**
 * The robot's hands: it runs on its own thread, as a user sits outside the IDE, and touches
 * widgets only on the UI thread. Clicks that may open a modal dialog are sent asynchronously,
 * so that the robot can go on and find the dialog while the UI thread runs the dialog's loop.
 */
final class Ui {

    private static final long POLL_MS = 100;

    private final Display display;

    Ui(Display display) {
        this.display = display;
    }

    Display display() {
        return display;
    }

    /** Runs {@code action} on the UI thread and returns its result; its failure is rethrown here. */
    <T> T call(Callable<T> action) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        display.syncExec(() -> {
            try {
                result[0] = action.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        switch (failure[0]) {
            case null -> {
            }
            case Error e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException(failure[0]);
        }
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    /** Runs {@code action} on the UI thread and waits for it. */
    void run(Action action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    /** Clicks a widget without waiting: what the click starts (a modal dialog, a launch) runs on the UI thread. */
    void click(Widget widget) {
        display.asyncExec(() -> Widgets.click(widget));
    }

    /** Runs {@code action} on the UI thread without waiting for it (it may open a modal dialog). */
    void later(Action action) {
        display.asyncExec(() -> {
            try {
                action.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Polls {@code probe} on the UI thread until it returns something other than {@code null} or
     * {@code false}; a probe that throws has not seen it yet.
     *
     * @return what the probe returned
     * @throws AssertionError naming {@code what} and the probe's last complaint after {@code timeout}
     */
    <T> T waitFor(String what, Duration timeout, Callable<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T seen = call(probe);
                if (seen != null && !Boolean.FALSE.equals(seen)) {
                    return seen;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (last == null ? "" : " (last: " + last.getMessage() + ")"), last);
            }
            pause(POLL_MS);
        }
    }

    /** Waits on the robot's thread until {@code condition} holds (for the debug model and the simulator, not widgets). */
    void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            pause(POLL_MS);
        }
    }

    /** @return the visible shell titled {@code title}, once it is open */
    Shell shell(String title, Duration timeout) {
        return waitFor("the window \"" + title + "\"", timeout, () -> Arrays.stream(display.getShells())
                .filter(s -> s.isVisible() && title.equals(s.getText())).findFirst().orElse(null));
    }

    /** Waits until {@code shell} is closed. */
    void closed(Shell shell, String what, Duration timeout) {
        waitFor(what, timeout, shell::isDisposed);
    }

    /** Lets the UI thread lay out and paint for {@code millis} ms, as a user's glance would. */
    void settle(long millis) {
        pause(millis);
        run(() -> {
            while (display.readAndDispatch()) {
                // paint what is pending
            }
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("the robot was interrupted", e);
        }
    }

    /** Code for the UI thread that may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
