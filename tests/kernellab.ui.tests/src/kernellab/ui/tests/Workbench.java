package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import kernellab.launch.model.KernelDebugTarget;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;

/** Small helpers for driving the real workbench from tests on the UI thread (SWTBot is not on Maven Central). */
final class Workbench {

    private Workbench() {
    }

    /** Bounds of a view's control in display coordinates. */
    static Rectangle boundsOf(IViewPart view) {
        MPart part = view.getSite().getService(MPart.class);
        Control control = (Control) part.getWidget();
        return Display.getCurrent().map(control.getParent(), null, control.getBounds());
    }

    /** Dispatches UI events for {@code millis} milliseconds, so layouts, jobs' UI parts and repaints happen. */
    static void spin(long millis) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                Thread.onSpinWait();
            }
        }
    }

    /** Dispatches UI events until {@code condition} holds; fails naming {@code what} after {@code timeoutMs}. */
    static void waitFor(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        waitFor(condition, timeoutMs, () -> what);
    }

    /** As {@link #waitFor(BooleanSupplier, long, String)}, describing what was awaited (and what was seen) at the timeout. */
    static void waitFor(BooleanSupplier condition, long timeoutMs, Supplier<String> what) throws InterruptedException {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for " + what.get());
            }
            if (!display.readAndDispatch()) {
                Thread.sleep(10);
            }
        }
    }

    /** Ends a test's launch, and deletes every KernelLab event breakpoint and launch configuration. */
    static void forget(ILaunch launch) throws CoreException {
        if (launch != null && launch.canTerminate()) {
            launch.terminate();
        }
        DebugPlugin.getDefault().getBreakpointManager().removeBreakpoints(
                DebugPlugin.getDefault().getBreakpointManager().getBreakpoints(KernelDebugTarget.MODEL_ID), true);
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    /**
     * Launches as Run/Debug As does: in the background, while the UI thread goes on dispatching
     * (JDT's debugger needs it while the simulator JVM starts). Terminated launches of earlier
     * tests are removed first, as Debug's "Remove terminated launches when a new launch is
     * created" does, so the Debug view cannot keep one of them selected as the views' context.
     */
    static ILaunch launchInBackground(ILaunchConfiguration configuration, String mode) throws Exception {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        manager.removeLaunches(Arrays.stream(manager.getLaunches()).filter(ILaunch::isTerminated).toArray(ILaunch[]::new));
        CompletableFuture<ILaunch> launched = CompletableFuture.supplyAsync(() -> {
            try {
                return configuration.launch(mode, null);
            } catch (CoreException e) {
                throw new CompletionException(e);
            }
        });
        waitFor(launched::isDone, 120_000, "the launch");
        return launched.get();
    }

    /** Runs the action with id {@code id} from a view's menu, as choosing it there does. */
    static void runMenuAction(IViewPart view, String id) {
        var item = (ActionContributionItem) view.getViewSite().getActionBars().getMenuManager().find(id);
        item.getAction().run();
    }

    /** @return the text on the clipboard, or "" if there is none */
    static String clipboard() {
        Clipboard clipboard = new Clipboard(Display.getCurrent());
        try {
            Object contents = clipboard.getContents(TextTransfer.getInstance());
            return contents == null ? "" : contents.toString();
        } finally {
            clipboard.dispose();
        }
    }
}
