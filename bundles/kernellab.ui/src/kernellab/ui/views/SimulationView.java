package kernellab.ui.views;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import kernellab.launch.SimulationSession;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.ui.internal.Messages;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.preferences.KernelLabPreferences;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.jdt.core.IJavaElement;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;

/**
 * Base of the KernelLab views: shows one simulation's state, taken from the simulator with an
 * asynchronous snapshot request.
 *
 * <p>The view follows the debug context: the launch of the selected debug element (launch,
 * simulated kernel, CPU thread, process), else the most recently started simulation that is
 * still connected. Without one it shows an empty state with a link to the Run Configurations
 * dialog. While the simulation runs, every batch of trace events asks for a refresh; refreshes
 * are coalesced so that at most one request is in flight and at most {@link #MAX_REFRESH_PER_SECOND}
 * start per second, and the answer is shown with {@link Display#asyncExec}: the UI thread never
 * waits for the simulator. A stop always refreshes, so a suspended simulation shows exactly the
 * state at the stop. A task selected in one view ({@link SelectedTask}) is selected in the others.
 *
 * @param <T> the snapshot the view shows
 */
public abstract class SimulationView<T> extends ViewPart {

    /** Upper bound of refreshes while the simulation runs (the preference may ask for fewer). */
    public static final int MAX_REFRESH_PER_SECOND = KernelLabPreferences.MAX_REFRESH_PER_SECOND;

    private static final int SESSION_POLL_MS = 500;
    /** The empty state's link that debugs the selected workload class ({@code <a href="debug">}). */
    public static final String LINK_DEBUG = "debug";

    private final SimulationSession.Listener sessionListener = new SimulationSession.Listener() {
        @Override
        public void events(EventBatch batch) {
            // a batch sent before a stop may arrive after it: whether the machine runs is the debug target's word
            SimulationSession current = session;
            stopped = current != null && current.target().map(KernelDebugTarget::isSuspended).orElse(false);
            asyncRefresh();
        }

        @Override
        public void stopped(StoppedEvent event) {
            stopped = true;
            Display display = getSite().getShell().getDisplay();
            if (!display.isDisposed()) {
                SimulationSession stoppedSession = session;
                display.asyncExec(() -> {
                    if (stack != null && !stack.isDisposed() && stoppedSession == session) {
                        stoppedAt(event);
                    }
                });
            }
            asyncRefresh();
        }

        @Override
        public void exited(ExitedEvent event) {
            stopped = false;
            asyncRefresh();
        }

        @Override
        public void ended() {
            Display display = getSite().getShell().getDisplay();
            if (!display.isDisposed()) {
                display.asyncExec(SimulationView.this::sessionEnded);
            }
        }
    };

    private final IDebugContextListener contextListener = event -> {
        if ((event.getFlags() & DebugContextEvent.ACTIVATED) != 0) {
            contextChanged(event.getContext());
        }
    };

    private final Runnable pollSessions = this::pollSessions;

    private final ListenerList<ISelectionChangedListener> selectionListeners = new ListenerList<>();
    private ISelection taskSelection = StructuredSelection.EMPTY;

    /** Offers the task selected in this view to the workbench. */
    private final ISelectionProvider selectionProvider = new ISelectionProvider() {
        @Override
        public void addSelectionChangedListener(ISelectionChangedListener listener) {
            selectionListeners.add(listener);
        }

        @Override
        public void removeSelectionChangedListener(ISelectionChangedListener listener) {
            selectionListeners.remove(listener);
        }

        @Override
        public ISelection getSelection() {
            return taskSelection;
        }

        @Override
        public void setSelection(ISelection selection) {
            taskSelection = selection;
            SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
            selectionListeners.forEach(l -> l.selectionChanged(event));
        }
    };

    /**
     * Selects in this view the task selected in another one, and remembers what else was
     * selected last (a workload class in the Package Explorer) for the empty state's link.
     */
    private final ISelectionListener pageSelectionListener = (part, selection) -> {
        if (part instanceof SimulationView<?>) {
            if (part != this && selection instanceof IStructuredSelection s && s.getFirstElement() instanceof SelectedTask task) {
                taskSelected(task);
            }
        } else {
            rememberJavaSelection(selection);
        }
    };

    private Composite stack;
    private final MenuManager contextMenu = new MenuManager();
    private IStructuredSelection lastSelection = StructuredSelection.EMPTY;
    private Clipboard clipboard;
    private StackLayout stackLayout;
    private Composite emptyPage;
    private Link emptyLink;
    private Control contentPage;
    private SimulationSession session;
    /** Whether the last notification was a stop; trace events only come while the simulation runs. */
    private volatile boolean stopped;
    private long shownTimeNs;
    private Integer selectedCpu;
    /** The simulation whose snapshot request is in flight, or {@code null}. */
    private SimulationSession inFlight;
    /** Whether the shown simulation changed again while its request was in flight. */
    private boolean pending;
    private boolean timerArmed;
    private long lastRequestMillis;
    private T shown;
    private long shownGeneration;
    private long generation;

    /** @return what the view shows, for the empty state's sentence ("the slab caches") */
    protected abstract String subject();

    /** Creates the view's controls below {@code parent}. */
    protected abstract Control createContent(Composite parent);

    /** @return the snapshot request; called on the UI thread, must not wait */
    protected abstract CompletableFuture<T> fetch(SimulationSession simulation);

    /** Shows a snapshot; called on the UI thread. */
    protected abstract void show(T snapshot);

    /** The simulation shown stopped (breakpoint, step, pause); called on the UI thread before the refresh. */
    protected void stoppedAt(StoppedEvent event) {
    }

    /** Another view selected a task; views that show tasks select it too. */
    protected void taskSelected(SelectedTask task) {
    }

    /** Tells the other views that the user selected a task here. */
    protected void publishTask(SelectedTask task) {
        selectionProvider.setSelection(task == null ? StructuredSelection.EMPTY : new StructuredSelection(task));
    }

    /** The CPU selected in the debug context changed; views that show CPUs highlight it. */
    protected void cpuSelected(Integer cpu) {
    }

    @Override
    public final void createPartControl(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        stackLayout = new StackLayout();
        stack.setLayout(stackLayout);
        emptyPage = new Composite(stack, SWT.NONE);
        emptyPage.setLayout(new GridLayout());
        emptyLink = new Link(emptyPage, SWT.WRAP);
        emptyLink.setText(NLS.bind(Messages.SimulationView_empty, subject()));
        emptyLink.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        emptyLink.addListener(SWT.Selection, e -> {
            if (LINK_DEBUG.equals(e.text)) {
                debugSelectedWorkload();
            } else {
                openRunConfigurations();
            }
        });
        contentPage = createContent(stack);
        stackLayout.topControl = emptyPage;

        rememberJavaSelection(getSite().getPage().getSelection());
        getSite().setSelectionProvider(selectionProvider);
        getSite().getPage().addSelectionListener(pageSelectionListener);
        IDebugContextService contexts = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        contexts.addDebugContextListener(contextListener);
        contextChanged(contexts.getActiveContext());
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(pageSelectionListener);
        DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow())
                .removeDebugContextListener(contextListener);
        attach(null);
        if (clipboard != null) {
            clipboard.dispose();
        }
        contextMenu.dispose();
        super.dispose();
    }

    @Override
    public void setFocus() {
        stackLayout.topControl.setFocus();
    }

    /** @return the simulation shown, if any */
    public Optional<SimulationSession> session() {
        return Optional.ofNullable(session);
    }

    /** @return whether the view shows its empty state ("Start a KernelLab simulation …") */
    public boolean isEmptyStateShown() {
        return stackLayout.topControl == emptyPage;
    }

    /** @return the empty state's link: {@link #LINK_DEBUG} debugs the selected workload, the other opens Run Configurations */
    public Link emptyStateLink() {
        return emptyLink;
    }

    /** @return the snapshot shown, if any */
    public Optional<T> shown() {
        return Optional.ofNullable(shown);
    }

    /**
     * @return whether the snapshot shown was requested after the last stop or event batch, i.e.
     *         no refresh is in flight or pending
     */
    public boolean isUpToDate() {
        return shown != null && shownGeneration == generation && inFlight != session && !pending && !timerArmed;
    }

    /** @return the CPU of the selected CPU thread, or {@code null} */
    protected Integer selectedCpu() {
        return selectedCpu;
    }

    /** Puts {@code text} on the clipboard. */
    protected void copyToClipboard(String text) {
        if (clipboard == null) {
            clipboard = new Clipboard(getSite().getShell().getDisplay());
        }
        clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
    }

    /**
     * Puts the answer of an asynchronous text request (a /proc file) on the clipboard when it
     * arrives; a failure goes to the view's status line.
     */
    protected void copyToClipboard(CompletableFuture<String> text) {
        Display display = getSite().getShell().getDisplay();
        text.whenComplete((t, e) -> display.asyncExec(() -> {
            if (stack.isDisposed()) {
                return;
            }
            if (e != null) {
                getViewSite().getActionBars().getStatusLineManager().setErrorMessage(e.getMessage());
            } else {
                copyToClipboard(t);
            }
        }));
    }

    /** Adds an action to the view's menu and to the context menu of the controls given to {@link #hookContextMenu}. */
    protected void addMenuAction(IAction action) {
        getViewSite().getActionBars().getMenuManager().add(action);
        contextMenu.add(action);
    }

    /** Gives a control the view's context menu (the copy actions). */
    protected void hookContextMenu(Control control) {
        control.setMenu(contextMenu.createContextMenu(control));
    }

    /** Sets the line above the view: simulated time and whether the simulation runs. */
    protected void describe(long timeNs) {
        shownTimeNs = timeNs;
        String state = session == null || session.isEnded() ? Messages.SimulationView_ended
                : stopped ? Messages.SimulationView_suspended : Messages.SimulationView_running;
        setContentDescription(NLS.bind(Messages.SimulationView_time, String.format("%d.%09d", timeNs / 1_000_000_000L,
                timeNs % 1_000_000_000L), state));
    }

    /** Asks for a new snapshot; may be called on any thread. */
    protected final void asyncRefresh() {
        Display display = getSite().getShell().getDisplay();
        if (!display.isDisposed()) {
            display.asyncExec(this::refresh);
        }
    }

    /** Asks for a new snapshot, coalescing requests and keeping to the refresh rate; UI thread. */
    protected final void refresh() {
        if (stack == null || stack.isDisposed() || session == null) {
            return;
        }
        generation++;
        if (inFlight == session) {
            pending = true;
            return;
        }
        long wait = lastRequestMillis + 1000 / KernelLabPreferences.refreshPerSecond() - System.currentTimeMillis();
        if (wait > 0) {
            if (!timerArmed) {
                timerArmed = true;
                stack.getDisplay().timerExec((int) wait, () -> {
                    timerArmed = false;
                    request();
                });
            }
            return;
        }
        request();
    }

    private void request() {
        if (stack.isDisposed() || session == null || inFlight == session) {
            return;
        }
        SimulationSession asked = session;
        long requestGeneration = generation;
        inFlight = asked;
        pending = false;
        lastRequestMillis = System.currentTimeMillis();
        Display display = stack.getDisplay();
        fetch(asked).whenComplete((snapshot, error) -> display.asyncExec(() -> {
            if (inFlight == asked) {
                inFlight = null;
            }
            if (stack.isDisposed() || asked != session) {
                return;
            }
            if (error == null) {
                shown = snapshot;
                shownGeneration = requestGeneration;
                stackLayout.topControl = contentPage;
                stack.layout();
                show(snapshot);
            }
            if (pending) {
                refresh();
            }
        }));
    }

    private void contextChanged(ISelection context) {
        Object element = context instanceof IStructuredSelection s ? s.getFirstElement() : null;
        ILaunch launch = launchOf(element);
        Optional<SimulationSession> selected = SimulationSession.of(launch).filter(this::canShow);
        Integer cpu = cpuOf(element);
        if (selected.isPresent()) {
            attach(selected.get());
        } else if (session == null || session.isEnded()) {
            attach(mostRecentSession().orElse(null));
        }
        if (cpu != null || selected.isPresent()) {
            selectedCpu = cpu;
            cpuSelected(cpu);
        }
        if (session == null) {
            stack.getDisplay().timerExec(SESSION_POLL_MS, pollSessions);
        }
    }

    /** @return the CPU of a selected CPU thread or of one of its stack frames, else {@code null} */
    private static Integer cpuOf(Object element) {
        Object thread = element instanceof IStackFrame frame ? frame.getThread() : element;
        return thread instanceof CpuThread cpuThread ? cpuThread.cpu() : null;
    }

    private static ILaunch launchOf(Object element) {
        if (element instanceof ILaunch launch) {
            return launch;
        }
        if (element instanceof IDebugElement debugElement) {
            return debugElement.getLaunch();
        }
        if (element instanceof IProcess process) {
            return process.getLaunch();
        }
        if (element instanceof IAdaptable adaptable) {
            return adaptable.getAdapter(ILaunch.class);
        }
        return null;
    }

    /** @return the connected simulation started last, by the launch manager's order */
    private Optional<SimulationSession> mostRecentSession() {
        ILaunch[] launches = DebugPlugin.getDefault().getLaunchManager().getLaunches();
        return Arrays.stream(launches).map(SimulationSession::of).flatMap(Optional::stream).filter(this::canShow)
                .reduce((first, second) -> second);
    }

    private boolean canShow(SimulationSession simulation) {
        return !simulation.isEnded() || showsEndedSimulations() && simulation.report().isPresent();
    }

    /**
     * @return whether the view can show a simulation that has already ended (from its report,
     *         without asking the simulator); the others wait for a live one
     */
    protected boolean showsEndedSimulations() {
        return false;
    }

    /** While no simulation is shown, looks for a new one twice a second (cheap, UI thread only). */
    private void pollSessions() {
        if (stack.isDisposed() || session != null && !session.isEnded()) {
            return;
        }
        Optional<SimulationSession> latest = mostRecentSession();
        if (latest.isPresent() && latest.get() != session) {
            attach(latest.get());
        } else {
            stack.getDisplay().timerExec(SESSION_POLL_MS, pollSessions);
        }
    }

    private void attach(SimulationSession simulation) {
        if (simulation == session) {
            return;
        }
        if (session != null) {
            session.removeListener(sessionListener);
        }
        session = simulation;
        shown = null;
        pending = false;
        stopped = simulation != null && simulation.target().map(KernelDebugTarget::isSuspended).orElse(false);
        if (simulation != null) {
            simulation.addListener(sessionListener);
            refresh();
        } else if (stack != null && !stack.isDisposed()) {
            stackLayout.topControl = emptyPage;
            stack.layout();
            setContentDescription("");
        }
    }

    /** Keeps the last snapshot on screen, marked as ended, and waits for the next simulation. */
    private void sessionEnded() {
        if (stack.isDisposed() || session == null || !session.isEnded()) {
            return;
        }
        session.removeListener(sessionListener);
        if (shown == null) {
            attach(null);
        } else {
            describe(shownTimeNs);
        }
        stack.getDisplay().timerExec(SESSION_POLL_MS, pollSessions);
    }

    private void rememberJavaSelection(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IAdaptable a
                && a.getAdapter(IJavaElement.class) != null) {
            lastSelection = s;
        }
    }

    /**
     * Debug As &gt; KernelLab Simulation on the workload class selected last in another view, else on
     * the active Java editor's class; the shortcut says so if neither is a workload.
     */
    private void debugSelectedWorkload() {
        SimulationLaunchShortcut shortcut = new SimulationLaunchShortcut();
        IEditorPart editor = getSite().getPage().getActiveEditor();
        if (lastSelection.isEmpty() && editor != null) {
            shortcut.launch(editor, ILaunchManager.DEBUG_MODE);
        } else {
            shortcut.launch(lastSelection, ILaunchManager.DEBUG_MODE);
        }
    }

    private void openRunConfigurations() {
        DebugUITools.openLaunchConfigurationDialogOnGroup(getSite().getShell(), StructuredSelection.EMPTY,
                IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
    }
}
