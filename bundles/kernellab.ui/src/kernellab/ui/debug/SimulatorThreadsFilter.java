package kernellab.ui.debug;

import java.util.Arrays;

import kernellab.launch.SimulationLaunch;
import kernellab.launch.SimulationProcess;
import kernellab.launch.model.KernelDebugTarget;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jdt.debug.core.IJavaDebugTarget;
import org.eclipse.jdt.debug.core.IJavaThread;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWindowListener;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Keeps the Debug view about the simulated kernel: of a simulation's launch it shows the
 * simulated kernel and, of the simulator JVM, only the Java threads that a Java breakpoint or a
 * step suspended (workload code, named after the task it runs, {@code FactorizerRace [5] on
 * CPU 1}). The JVM's own threads, the thousands of running virtual threads of the simulated
 * tasks and the JVM's process are internal: listing them made the view useless and, with 10,000
 * tasks, stalled the UI. The JVM's debug target shows while one of its threads is suspended; of
 * the processes only the simulation (whose Console has the tasks' output) is listed.
 * JDT's "Show Running Threads" filter does the same for every Java launch; this one touches only
 * KernelLab launches. Installed on every Debug view from the workbench's start.
 */
public final class SimulatorThreadsFilter extends ViewerFilter implements IDebugEventSetListener {

    private final StructuredViewer viewer;
    private boolean refreshPending;

    private SimulatorThreadsFilter(StructuredViewer viewer) {
        this.viewer = viewer;
    }

    @Override
    public boolean select(Viewer v, Object parent, Object element) {
        try {
            if (element instanceof IJavaThread thread && isSimulatorJvm(thread.getDebugTarget())) {
                return thread.isSuspended();
            }
            if (element instanceof IJavaDebugTarget target && isSimulatorJvm(target)) {
                return Arrays.stream(target.getThreads()).anyMatch(IThread::isSuspended);
            }
            if (element instanceof IProcess process && process.getLaunch() instanceof SimulationLaunch) {
                return process instanceof SimulationProcess;
            }
        } catch (DebugException e) {
            return true;
        }
        return true;
    }

    private static boolean isSimulatorJvm(IDebugTarget target) {
        return !(target instanceof KernelDebugTarget) && target.getLaunch() instanceof SimulationLaunch;
    }

    /** A simulator JVM's thread suspended or resumed: the view filters again (once per batch of events). */
    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent event : events) {
            if ((event.getKind() == DebugEvent.SUSPEND || event.getKind() == DebugEvent.RESUME)
                    && event.getSource() instanceof IJavaThread thread && isSimulatorJvm(thread.getDebugTarget())) {
                scheduleRefresh();
                return;
            }
        }
    }

    private synchronized void scheduleRefresh() {
        if (refreshPending) {
            return;
        }
        refreshPending = true;
        Display.getDefault().asyncExec(() -> {
            synchronized (this) {
                refreshPending = false;
            }
            if (viewer.getControl() != null && !viewer.getControl().isDisposed()) {
                viewer.refresh();
            }
        });
    }

    /** Adds the filter to a Debug view, once. */
    static void install(IViewPart part) {
        if (part instanceof IDebugView view && view.getViewer() instanceof StructuredViewer viewer
                && Arrays.stream(viewer.getFilters()).noneMatch(SimulatorThreadsFilter.class::isInstance)) {
            SimulatorThreadsFilter filter = new SimulatorThreadsFilter(viewer);
            viewer.addFilter(filter);
            DebugPlugin.getDefault().addDebugEventListener(filter);
            viewer.getControl().addDisposeListener(e -> DebugPlugin.getDefault().removeDebugEventListener(filter));
        }
    }

    /** Installs the filter on every Debug view, open now or later, in every window. */
    public static final class Startup implements IStartup {

        @Override
        public void earlyStartup() {
            IWorkbench workbench = PlatformUI.getWorkbench();
            workbench.getDisplay().asyncExec(() -> {
                for (IWorkbenchWindow window : workbench.getWorkbenchWindows()) {
                    watch(window);
                }
                workbench.addWindowListener(new IWindowListener() {
                    @Override
                    public void windowOpened(IWorkbenchWindow window) {
                        watch(window);
                    }

                    @Override
                    public void windowActivated(IWorkbenchWindow window) {
                        // watched since it opened
                    }

                    @Override
                    public void windowDeactivated(IWorkbenchWindow window) {
                        // watched since it opened
                    }

                    @Override
                    public void windowClosed(IWorkbenchWindow window) {
                        // its views go with it
                    }
                });
            });
        }

        private static void watch(IWorkbenchWindow window) {
            window.getPartService().addPartListener(new IPartListener2() {
                @Override
                public void partOpened(IWorkbenchPartReference ref) {
                    if (IDebugUIConstants.ID_DEBUG_VIEW.equals(ref.getId()) && ref.getPart(false) instanceof IViewPart view) {
                        install(view);
                    }
                }
            });
            if (window.getActivePage() != null && window.getActivePage().findView(IDebugUIConstants.ID_DEBUG_VIEW) != null) {
                install(window.getActivePage().findView(IDebugUIConstants.ID_DEBUG_VIEW));
            }
        }
    }
}
