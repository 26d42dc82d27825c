package kernellab.ui.sched;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import kernellab.api.Policy;
import kernellab.launch.SimulationSession;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.ExportTraceParams;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.runner.protocol.TraceFormat;
import kernellab.ui.preferences.ViewColours;
import kernellab.ui.sched.internal.Messages;
import kernellab.ui.views.PolicyClass;
import kernellab.ui.views.SelectedTask;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.internal.ui.viewers.model.provisional.IModelDelta;
import org.eclipse.debug.internal.ui.viewers.model.provisional.ITreeModelViewer;
import org.eclipse.debug.internal.ui.viewers.model.provisional.ModelDelta;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/**
 * A Gantt chart of the CPUs over simulated time, like Trace Compass's Resources view: a row per
 * CPU, a bar per run of a task between two {@code sched_switch} events (coloured by task, with a
 * pattern for its scheduling class: RT hatched, WRR a stripe, CFS dots, SCHED_IDLE back-hatched,
 * in the colours of the preferences, explained by a legend), and markers for migrations
 * ({@code sched_migrate_task}, on the destination CPU), WRR load and idle balancing, and the
 * simulation's stops. It reads the recorded trace incrementally, only the events it draws
 * ({@link #DRAWN_EVENTS}, filtered in the simulator), decoding each batch into runs
 * and markers off the UI thread, in larger batches while it is far behind (a view opened late in
 * a long run), keeps one interval list per CPU and draws only the visible range of time and CPUs,
 * at most one bar per pixel column, so it stays fast as the run grows. Ctrl+wheel zooms around
 * the mouse, the scroll bars or the wheel scroll; while the view shows the end of the run it
 * follows it. Hovering names the run or the marker; a click selects a task and outlines all its
 * runs, and the task selected in another view (Run Queues) is outlined too. Double-clicking a stop's marker selects the stopped CPU in
 * the Debug view if it is the current stop, else centres and zooms on that past stop.
 *
 * <p>A run's policy is the task's policy at the run's start: the policy a tasks snapshot gives
 * for a task first seen, corrected by the {@code sched_policy_change} events of the trace (the
 * first one's {@code old_policy} is the policy before it).
 */
public final class CpuTimelineView extends SimulationView<CpuTimelineView.TraceBatch> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.sched.cpuTimeline";
    /** Id of the action copying the runs as CSV. */
    public static final String COPY_CSV = ID + ".copyCsv";
    /** The header of {@link #csv()}. */
    public static final String CSV_HEADER = "cpu,pid,comm,start_ns,end_ns";

    /** Id of the action copying the trace as ftrace text. */
    public static final String COPY_FTRACE = ID + ".copyFtrace";

    private static final String SCHED_SWITCH = "sched_switch";
    private static final String SCHED_MIGRATE_TASK = "sched_migrate_task";
    private static final String SCHED_POLICY_CHANGE = "sched_policy_change";
    private static final String SCHED_WRR_LOAD_BALANCE = "sched_wrr_load_balance";
    private static final String SCHED_WRR_IDLE_BALANCE = "sched_wrr_idle_balance";
    /**
     * The events the view draws, the only ones it asks the simulator for: a backlog of memory
     * events (kmem, page faults…) is skipped in the simulator instead of being sent.
     */
    public static final List<String> DRAWN_EVENTS = List.of(SCHED_SWITCH, SCHED_MIGRATE_TASK, SCHED_POLICY_CHANGE,
            SCHED_WRR_LOAD_BALANCE, SCHED_WRR_IDLE_BALANCE);
    /** Events read per request while the view keeps up with the run. */
    private static final int EVENTS_PER_REQUEST = 10_000;
    /** Events read per request at most while the view catches up with a backlog. */
    public static final int MAX_EVENTS_PER_REQUEST = 100_000;
    /** A run label is only measured (costly) for bars at least this wide. */
    private static final int MIN_LABEL_WIDTH = 24;
    /** The height of one row of the legend. */
    private static final int LEGEND_HEIGHT = 20;
    private static final int HATCH = 6;
    private static final long PAST_STOP_WINDOW_NS = 2_000_000;
    private static final int LABEL_WIDTH = 56;
    private static final int ROW_HEIGHT = 26;
    private static final int AXIS_HEIGHT = 20;
    private static final int MARKER = 6;
    private static final Color MIGRATION = new Color(200, 40, 40);
    private static final Color BALANCE = new Color(40, 40, 200);
    private static final Color STOP = new Color(230, 150, 0);

    /** The runs of one CPU, in time order; the ends increase too, so both can be binary searched. */
    private static final class RunList {
        long[] starts = new long[64];
        long[] ends = new long[64];
        int[] pids = new int[64];
        int size;
        int openPid;
        long openStart = -1;

        void add(long start, long end, int pid) {
            ensureCapacity(size + 1);
            starts[size] = start;
            ends[size] = end;
            pids[size] = pid;
            size++;
        }

        /** Appends the closed runs of a later batch and takes its open run. */
        void append(RunList later) {
            ensureCapacity(size + later.size);
            System.arraycopy(later.starts, 0, starts, size, later.size);
            System.arraycopy(later.ends, 0, ends, size, later.size);
            System.arraycopy(later.pids, 0, pids, size, later.size);
            size += later.size;
            openPid = later.openPid;
            openStart = later.openStart;
        }

        private void ensureCapacity(int capacity) {
            if (capacity > starts.length) {
                int length = Math.max(capacity, starts.length * 2);
                starts = Arrays.copyOf(starts, length);
                ends = Arrays.copyOf(ends, length);
                pids = Arrays.copyOf(pids, length);
            }
        }

        /** @return the first run ending after {@code time} */
        int firstEndingAfter(long time) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ends[mid] <= time) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * A marker on a CPU's row.
     *
     * @param timeNs when
     * @param kind its colour
     * @param text its tooltip
     */
    private record Marker(long timeNs, Color kind, String text) {
    }

    /** A task's policy over time: its policy before the first change seen, then the changes. */
    private static final class PolicyHistory {
        /** The policy before the first change: that change's {@code old_policy}, else a tasks snapshot's. */
        Policy initial;
        final List<PolicyChange> changes = new ArrayList<>();

        void add(PolicyChange change) {
            if (changes.isEmpty()) {
                initial = change.oldPolicy();
            }
            changes.add(change);
        }

        /** Takes a tasks snapshot's policy as the initial one, unless a change has given it. */
        void snapshot(Policy policy) {
            if (changes.isEmpty()) {
                initial = policy;
            }
        }

        Policy at(long timeNs) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                if (changes.get(i).timeNs() <= timeNs) {
                    return changes.get(i).policy();
                }
            }
            return initial;
        }
    }

    /**
     * A {@code sched_policy_change} event.
     *
     * @param pid the task
     * @param timeNs when
     * @param oldPolicy the policy before
     * @param policy the policy after
     */
    private record PolicyChange(int pid, long timeNs, Policy oldPolicy, Policy policy) {
    }

    /**
     * A batch of recorded trace events as the view reads it: decoded, off the UI thread, into
     * each CPU's runs that ended in the batch and its run still open at the batch's end, the
     * markers, the names of the tasks that ran and the policy changes; the UI thread only appends it.
     */
    public static final class TraceBatch {

        private final long lastSequence;
        private final long readSequence;
        private final long endNs;
        private final int events;
        private final RunList[] runs;
        private final List<List<Marker>> markers = new ArrayList<>();
        private final Map<Integer, String> comms = new HashMap<>();
        private final List<PolicyChange> policyChanges = new ArrayList<>();

        /**
         * Decodes a batch of events that follows the events already read.
         *
         * @param batch the events (only {@link #DRAWN_EVENTS})
         * @param afterSequence the last event already read (or skipped)
         * @param openPids each CPU's open run's task (0 for idle) after the events already read
         * @param openStarts when those runs started, −1 if not known
         * @param endNs the newest time read so far
         */
        TraceBatch(EventBatch batch, long afterSequence, int[] openPids, long[] openStarts, long endNs) {
            this.lastSequence = batch.lastSequence();
            this.events = batch.events().size();
            runs = new RunList[openPids.length];
            // sequence numbers have gaps (not every event is recorded); dropped ones are those before the oldest kept
            boolean dropped = batch.firstAvailable() > afterSequence + 1;
            for (int cpu = 0; cpu < runs.length; cpu++) {
                runs[cpu] = new RunList();
                // events were dropped from the recorder: what ran before them is not known
                runs[cpu].openPid = dropped ? 0 : openPids[cpu];
                runs[cpu].openStart = dropped ? -1 : openStarts[cpu];
                markers.add(new ArrayList<>());
            }
            long end = Math.max(endNs, batch.scannedTimeNs());
            for (TraceEventInfo e : batch.events()) {
                end = Math.max(end, e.timeNs());
                add(e);
            }
            this.readSequence = Math.max(afterSequence, batch.scannedSequence());
            this.endNs = end;
        }

        private void add(TraceEventInfo e) {
            if (e.cpu() < 0 || e.cpu() >= runs.length) {
                return;
            }
            RunList cpu = runs[e.cpu()];
            switch (e.name()) {
                case SCHED_SWITCH -> {
                    if (cpu.openStart >= 0 && cpu.openPid != 0) {
                        cpu.add(cpu.openStart, e.timeNs(), cpu.openPid);
                    }
                    cpu.openPid = (int) e.longField("next_pid");
                    cpu.openStart = e.timeNs();
                    comms.put(cpu.openPid, e.fields().get("next_comm"));
                }
                case SCHED_MIGRATE_TASK -> {
                    int dest = (int) e.longField("dest_cpu");
                    if (dest >= 0 && dest < runs.length) {
                        markers.get(dest).add(new Marker(e.timeNs(), MIGRATION, ftrace(e)));
                    }
                }
                case SCHED_POLICY_CHANGE -> policyChanges.add(new PolicyChange((int) e.longField("pid"), e.timeNs(),
                        Policy.valueOf(e.fields().get("old_policy")), Policy.valueOf(e.fields().get("policy"))));
                case SCHED_WRR_LOAD_BALANCE, SCHED_WRR_IDLE_BALANCE ->
                    markers.get(e.cpu()).add(new Marker(e.timeNs(), BALANCE, ftrace(e)));
                default -> {
                    // other events do not change what a CPU runs
                }
            }
        }

        /** @return the sequence number of the newest event the simulator has recorded */
        public long lastSequence() {
            return lastSequence;
        }

        /** @return the sequence number of the last event read or skipped, in this batch or before */
        public long readSequence() {
            return readSequence;
        }

        /** @return how many events the batch had */
        public int events() {
            return events;
        }
    }

    private Canvas canvas;
    private SimulationSession modelSession;
    private final Map<Integer, PolicyHistory> policies = new HashMap<>();
    private boolean tasksInFlight;
    private Marker lastStop;
    /** The legend's height at the last paint: as many rows of {@link #LEGEND_HEIGHT} as the view's width needs. */
    private int legendHeight = LEGEND_HEIGHT;
    private String jumpMessage;
    /** The last event read. */
    private long lastSequence;
    /** The newest event the simulator had recorded at the last batch. */
    private long newestSequence;
    private long endNs;
    private RunList[] runs = new RunList[0];
    private List<List<Marker>> markers = new ArrayList<>();
    private final Map<Integer, String> comms = new HashMap<>();
    private final Map<Integer, Color> colours = new HashMap<>();
    private long viewStartNs;
    private double nsPerPixel = 10_000;
    private boolean follow = true;
    /** Whether the whole run is shown and stays so when the view is resized or the run grows. */
    private boolean fitted = true;
    private int selectedPid = -1;

    @Override
    protected String subject() {
        return Messages.CpuTimelineView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.H_SCROLL | SWT.V_SCROLL | SWT.NO_BACKGROUND);
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.MouseDoubleClick, e -> {
            Hit hit = hit(e.x, e.y);
            if (hit != null && hit.marker() != null && hit.marker().kind() == STOP) {
                jumpToStop(hit.marker(), hit.cpu());
            }
        });
        ViewColours.onChange(canvas, canvas::redraw);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.getHorizontalBar().addListener(SWT.Selection, e -> {
            viewStartNs = (long) canvas.getHorizontalBar().getSelection() * scrollUnitNs();
            follow = canvas.getHorizontalBar().getSelection() + canvas.getHorizontalBar().getThumb()
                    >= canvas.getHorizontalBar().getMaximum();
            fitted = false;
            canvas.redraw();
        });
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.MouseMove, e -> canvas.setToolTipText(tooltip(e.x, e.y)));
        canvas.addListener(SWT.MouseDown, e -> {
            Hit hit = hit(e.x, e.y);
            selectedPid = hit == null ? -1 : hit.pid();
            publishTask(selectedPid <= 0 ? null : new SelectedTask(selectedPid, comms.get(selectedPid)));
            canvas.redraw();
        });
        canvas.addListener(SWT.Resize, e -> {
            if (fitted) {
                fit();
            }
            updateScrollBar();
        });

        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(new Action(Messages.CpuTimelineView_zoomIn) {
            @Override
            public void run() {
                zoom(0.5, canvas.getClientArea().width / 2);
            }
        });
        toolBar.add(new Action(Messages.CpuTimelineView_zoomOut) {
            @Override
            public void run() {
                zoom(2, canvas.getClientArea().width / 2);
            }
        });
        toolBar.add(new Action(Messages.CpuTimelineView_fit) {
            @Override
            public void run() {
                fit();
            }
        });
        Action copyCsv = new Action(Messages.CpuTimelineView_copyCsv) {
            @Override
            public void run() {
                copyToClipboard(csv());
            }
        };
        copyCsv.setId(COPY_CSV);
        addMenuAction(copyCsv);
        Action copyFtrace = new Action(Messages.CpuTimelineView_copyFtrace) {
            @Override
            public void run() {
                session().ifPresent(s -> copyToClipboard(ftrace(s)));
            }
        };
        copyFtrace.setId(COPY_FTRACE);
        addMenuAction(copyFtrace);
        hookContextMenu(canvas);
        return canvas;
    }

    @Override
    protected CompletableFuture<TraceBatch> fetch(SimulationSession simulation) {
        if (simulation != modelSession) {
            modelSession = simulation;
            lastSequence = 0;
            newestSequence = 0;
            endNs = 0;
            runs = new RunList[simulation.cpus()];
            Arrays.setAll(runs, cpu -> new RunList());
            markers = new ArrayList<>();
            for (int cpu = 0; cpu < simulation.cpus(); cpu++) {
                markers.add(new ArrayList<>());
            }
            comms.clear();
            policies.clear();
            lastStop = null;
            follow = true;
            fitted = true;
        }
        long after = lastSequence;
        long end = endNs;
        int[] openPids = Arrays.stream(runs).mapToInt(r -> r.openPid).toArray();
        long[] openStarts = Arrays.stream(runs).mapToLong(r -> r.openStart).toArray();
        return simulation.server().traceEvents(new EventsParams(after, eventsPerRequest(newestSequence - after), DRAWN_EVENTS))
                .thenApplyAsync(batch -> new TraceBatch(batch, after, openPids, openStarts, end));
    }

    /**
     * @param backlog how many recorded events follow the last one the view read or skipped, as far as it knows
     * @return how many events to ask for: the usual batch while the view keeps up, the whole
     *         backlog (up to {@link #MAX_EVENTS_PER_REQUEST}) when it is behind, so that catching up
     *         takes a few refreshes rather than one per ten thousand events
     */
    static int eventsPerRequest(long backlog) {
        return (int) Math.max(EVENTS_PER_REQUEST, Math.min(MAX_EVENTS_PER_REQUEST, backlog));
    }

    @Override
    protected void show(TraceBatch batch) {
        for (int cpu = 0; cpu < runs.length; cpu++) {
            runs[cpu].append(batch.runs[cpu]);
            markers.get(cpu).addAll(batch.markers.get(cpu));
        }
        comms.putAll(batch.comms);
        for (PolicyChange change : batch.policyChanges) {
            policies.computeIfAbsent(change.pid(), p -> new PolicyHistory()).add(change);
        }
        lastSequence = batch.readSequence();
        newestSequence = batch.lastSequence();
        endNs = batch.endNs;
        if (newestSequence > lastSequence) {
            refresh();
        }
        learnPolicies();
        describe(endNs);
        if (fitted) {
            fit();
        }
        updateScrollBar();
        canvas.redraw();
    }

    @Override
    protected void stoppedAt(StoppedEvent event) {
        if (event.cpu() == null || event.cpu() >= markers.size()) {
            return;
        }
        lastStop = new Marker(event.timeNs(), STOP, event.description());
        markers.get(event.cpu()).add(lastStop);
        canvas.redraw();
    }

    /**
     * Asks for the tasks once for the tasks that ran but whose policy is not known yet; their
     * policy from then on comes from {@code sched_policy_change} events.
     */
    private void learnPolicies() {
        if (tasksInFlight || modelSession == null || comms.keySet().stream().allMatch(policies::containsKey)) {
            return;
        }
        tasksInFlight = true;
        SimulationSession asked = modelSession;
        var display = canvas.getDisplay();
        asked.server().tasks().whenComplete((tasks, error) -> display.asyncExec(() -> {
            tasksInFlight = false;
            if (error != null || canvas.isDisposed() || asked != modelSession) {
                return;
            }
            for (TaskInfo t : tasks.tasks()) {
                policies.computeIfAbsent(t.pid(), p -> new PolicyHistory()).snapshot(t.policy());
            }
            // a task that ended before the snapshot stays without a policy: no pattern
            comms.keySet().forEach(pid -> policies.computeIfAbsent(pid, p -> new PolicyHistory()));
            canvas.redraw();
        }));
    }

    /**
     * @param pid a task
     * @param timeNs a simulated time
     * @return its policy then, or {@code null} if not known (yet)
     */
    public Policy policyAt(int pid, long timeNs) {
        PolicyHistory history = policies.get(pid);
        return history == null ? null : history.at(timeNs);
    }

    /**
     * The whole recorded trace as ftrace text, written by the simulator ({@code exportTrace}) to a
     * temporary file that is read and deleted.
     */
    private static CompletableFuture<String> ftrace(SimulationSession simulation) {
        Path file;
        try {
            file = Files.createTempFile("kernellab-trace", ".txt");
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return simulation.server().exportTrace(new ExportTraceParams(file.toString(), TraceFormat.FTRACE)).thenApply(r -> {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).whenComplete((text, error) -> file.toFile().delete());
    }

    /**
     * Goes to a stop's marker: the current stop's CPU is selected in the Debug view (its frame);
     * for a past stop the timeline is centred and zoomed on it, and the status line says so.
     */
    private void jumpToStop(Marker stop, int cpu) {
        KernelDebugTarget target = session().flatMap(SimulationSession::target).orElse(null);
        String time = String.format("%.6f", stop.timeNs() / 1e9);
        if (stop == lastStop && target != null && target.isSuspended() && target.timeNs() == stop.timeNs()) {
            try {
                IViewPart debug = getSite().getPage().showView(IDebugUIConstants.ID_DEBUG_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
                if (debug instanceof IDebugView view && view.getViewer() instanceof ITreeModelViewer tree) {
                    tree.updateViewer(selectionDelta(target, target.thread(cpu)));
                }
            } catch (PartInitException | DebugException e) {
                getViewSite().getActionBars().getStatusLineManager().setErrorMessage(e.getMessage());
                return;
            }
            jumpMessage = NLS.bind(Messages.CpuTimelineView_currentStop, time, cpu);
        } else {
            nsPerPixel = Math.max(1, (double) PAST_STOP_WINDOW_NS / plotWidth());
            viewStartNs = Math.max(0, stop.timeNs() - (long) (plotWidth() / 2 * nsPerPixel));
            follow = false;
            fitted = false;
            revealCpu(cpu);
            updateScrollBar();
            canvas.redraw();
            jumpMessage = NLS.bind(Messages.CpuTimelineView_pastStop, time, cpu);
        }
        getViewSite().getActionBars().getStatusLineManager().setMessage(jumpMessage);
    }

    /**
     * @return the model delta that selects a CPU's frame (or the CPU, without one) in the Debug
     *         view, built as the platform's own thread event handler builds the one that selects a
     *         suspended thread's top frame: with indices and child counts, so the viewer finds the
     *         element even while it is still loading the tree. {@link IModelDelta#FORCE} overrides
     *         the selection policy, which keeps a suspended thread's selection ("sticky")
     */
    private static IModelDelta selectionDelta(KernelDebugTarget target, CpuThread thread) throws DebugException {
        ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();
        ILaunch launch = target.getLaunch();
        List<IThread> threads = List.of(target.getThreads());
        IStackFrame[] frames = thread.getStackFrames();
        int select = IModelDelta.SELECT | IModelDelta.REVEAL | IModelDelta.FORCE;
        ModelDelta root = new ModelDelta(launches, IModelDelta.NO_CHANGE);
        ModelDelta cpu = root
                .addNode(launch, List.of(launches.getLaunches()).indexOf(launch), IModelDelta.NO_CHANGE, launch.getChildren().length)
                .addNode(target, List.of(launch.getChildren()).indexOf(target), IModelDelta.NO_CHANGE, threads.size())
                .addNode(thread, threads.indexOf(thread), frames.length == 0 ? select : IModelDelta.EXPAND, frames.length);
        if (frames.length > 0) {
            cpu.addNode(frames[0], 0, select, 0);
        }
        return root;
    }

    /** @return what the last double-click on a stop's marker did, or {@code null} */
    public String jumpMessage() {
        return jumpMessage;
    }

    /** @return the first and the last simulated time the plot shows */
    public long[] visibleRange() {
        return new long[] {viewStartNs, timeAt(canvas.getClientArea().width)};
    }

    /**
     * @param cpu a CPU
     * @param timeNs the time of one of its markers
     * @return where the marker is drawn, in the canvas's coordinates
     */
    public Point markerPoint(int cpu, long timeNs) {
        return new Point(xOf(timeNs), rowY(cpu) + MARKER);
    }

    /** @return the simulated times of the stops marked on a CPU's row, oldest first */
    public List<Long> stopTimes(int cpu) {
        return markers.get(cpu).stream().filter(m -> m.kind() == STOP).map(Marker::timeNs).toList();
    }

    /** @return the canvas */
    public Canvas canvas() {
        return canvas;
    }

    private void revealCpu(int cpu) {
        ScrollBar bar = canvas.getVerticalBar();
        int top = cpu * ROW_HEIGHT;
        if (top < bar.getSelection() || top + ROW_HEIGHT > bar.getSelection() + bar.getThumb()) {
            bar.setSelection(Math.max(0, top - bar.getThumb() / 2));
        }
    }

    private int rowY(int cpu) {
        return AXIS_HEIGHT + cpu * ROW_HEIGHT - canvas.getVerticalBar().getSelection();
    }

    private static String ftrace(TraceEventInfo e) {
        StringBuilder sb = new StringBuilder(e.name()).append(':');
        e.fields().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** @return the closed runs of one CPU as {@code {start, end, pid}}, oldest first */
    public List<long[]> runs(int cpu) {
        RunList list = runs[cpu];
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < list.size; i++) {
            out.add(new long[] {list.starts[i], list.ends[i], list.pids[i]});
        }
        return out;
    }

    @Override
    protected void taskSelected(SelectedTask task) {
        selectedPid = task.pid();
        canvas.redraw();
    }

    /** @return the pid of the task whose runs are outlined, or −1 */
    public int selectedPid() {
        return selectedPid;
    }

    /** @return the pid of the run still open on a CPU (0 for idle) */
    public int runningPid(int cpu) {
        return runs[cpu].openPid;
    }

    /** @return the simulated time of the newest event read */
    public long endNs() {
        return endNs;
    }

    /** @return all runs, the open ones ending at the newest event, as CSV with {@link #CSV_HEADER} */
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (int cpu = 0; cpu < runs.length; cpu++) {
            RunList list = runs[cpu];
            for (int i = 0; i < list.size; i++) {
                sb.append(cpu).append(',').append(list.pids[i]).append(',').append(comms.get(list.pids[i])).append(',')
                        .append(list.starts[i]).append(',').append(list.ends[i]).append('\n');
            }
            if (list.openStart >= 0 && list.openPid != 0) {
                sb.append(cpu).append(',').append(list.openPid).append(',').append(comms.get(list.openPid)).append(',')
                        .append(list.openStart).append(',').append(endNs).append('\n');
            }
        }
        return sb.toString();
    }

    private int plotWidth() {
        return Math.max(1, canvas.getClientArea().width - LABEL_WIDTH);
    }

    /** Shows the whole run, and keeps doing so as it grows until the user zooms or scrolls. */
    public void fit() {
        fitted = true;
        nsPerPixel = Math.max(1, (double) Math.max(endNs, 1) / plotWidth());
        viewStartNs = 0;
        follow = true;
        updateScrollBar();
        canvas.redraw();
    }

    private void zoom(double factor, int x) {
        long anchor = timeAt(x);
        nsPerPixel = Math.max(1, nsPerPixel * factor);
        fitted = false;
        viewStartNs = Math.max(0, anchor - (long) ((x - LABEL_WIDTH) * nsPerPixel));
        follow = false;
        updateScrollBar();
        canvas.redraw();
    }

    private void wheel(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0) {
            zoom(e.count > 0 ? 0.8 : 1.25, e.x);
            e.doit = false;
        } else {
            viewStartNs = Math.max(0, viewStartNs - (long) (e.count * 20 * nsPerPixel));
            follow = false;
            fitted = false;
            updateScrollBar();
            canvas.redraw();
        }
    }

    private long timeAt(int x) {
        return viewStartNs + (long) ((x - LABEL_WIDTH) * nsPerPixel);
    }

    private int xOf(long timeNs) {
        return LABEL_WIDTH + (int) Math.round((timeNs - viewStartNs) / nsPerPixel);
    }

    /** The scroll bar counts in units of {@code 1/1000} of the run so that long runs fit an int. */
    private long scrollUnitNs() {
        return Math.max(1, Math.max(endNs, 1) / 1000);
    }

    private void updateScrollBar() {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        long visibleNs = (long) (plotWidth() * nsPerPixel);
        if (follow) {
            viewStartNs = Math.max(0, endNs - visibleNs);
        }
        ScrollBar bar = canvas.getHorizontalBar();
        long unit = scrollUnitNs();
        int maximum = (int) Math.max(1, Math.max(endNs, viewStartNs + visibleNs) / unit);
        int thumb = (int) Math.max(1, Math.min(maximum, visibleNs / unit));
        bar.setValues((int) (viewStartNs / unit), 0, maximum, thumb, Math.max(1, thumb / 10), thumb);
        int rowsHeight = runs.length * ROW_HEIGHT;
        int visibleRows = Math.max(1, canvas.getClientArea().height - AXIS_HEIGHT - legendHeight);
        ScrollBar vertical = canvas.getVerticalBar();
        vertical.setValues(Math.min(vertical.getSelection(), Math.max(0, rowsHeight - visibleRows)), 0, Math.max(1, rowsHeight),
                Math.min(visibleRows, Math.max(1, rowsHeight)), ROW_HEIGHT, visibleRows);
    }

    private Color colour(int pid) {
        return colours.computeIfAbsent(pid, p -> new Color(new RGB((p * 67) % 360, 0.55f, 0.85f)));
    }

    private void paint(GC gc) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(area);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        paintAxis(gc, area);
        long t0 = viewStartNs;
        long t1 = timeAt(area.width);
        legendHeight = paintLegend(gc, area, false);
        int rowsBottom = area.height - legendHeight;
        int firstCpu = Math.max(0, canvas.getVerticalBar().getSelection() / ROW_HEIGHT);
        for (int cpu = firstCpu; cpu < runs.length; cpu++) {
            int y = rowY(cpu);
            if (y > rowsBottom) {
                break;
            }
            gc.setClipping(0, AXIS_HEIGHT + 1, area.width, rowsBottom - AXIS_HEIGHT - 1);
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(NLS.bind(Messages.RunQueuesView_cpu, cpu), 4, y + 4, true);
            gc.setClipping(LABEL_WIDTH, AXIS_HEIGHT + 1, area.width - LABEL_WIDTH, rowsBottom - AXIS_HEIGHT - 1);
            RunList list = runs[cpu];
            int i = list.firstEndingAfter(t0);
            while (i < list.size && list.starts[i] < t1) {
                paintRun(gc, list.starts[i], list.ends[i], list.pids[i], y);
                // at most one bar per pixel column: skip the runs that end within this one
                long nextPixel = timeAt(xOf(list.starts[i]) + 1);
                i = Math.max(i + 1, list.firstEndingAfter(nextPixel));
            }
            if (list.openStart >= 0 && list.openPid != 0 && list.openStart < t1) {
                paintRun(gc, list.openStart, endNs, list.openPid, y);
            }
            for (Marker m : markers.get(cpu)) {
                if (m.timeNs() >= t0 && m.timeNs() <= t1) {
                    int x = xOf(m.timeNs());
                    gc.setBackground(m.kind());
                    gc.fillPolygon(new int[] {x - MARKER, y, x + MARKER, y, x, y + 2 * MARKER});
                }
            }
            gc.setClipping((Rectangle) null);
        }
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        gc.fillRectangle(0, rowsBottom, area.width, legendHeight);
        paintLegend(gc, area, true);
    }

    /**
     * Along the bottom, one sample bar per scheduling class with its pattern and name, then each
     * marker with its name, in as many rows as the width needs.
     *
     * @param draw whether to draw, or only to measure
     * @return the legend's height
     */
    private int paintLegend(GC gc, Rectangle area, boolean draw) {
        int h = LEGEND_HEIGHT - 6;
        List<String> labels = new ArrayList<>();
        for (PolicyClass c : PolicyClass.values()) {
            labels.add(ViewColours.label(c));
        }
        labels.addAll(List.of(Messages.CpuTimelineView_legendMigration, Messages.CpuTimelineView_legendBalance,
                Messages.CpuTimelineView_legendStop));
        Color[] markerKinds = {MIGRATION, BALANCE, STOP};
        int classes = PolicyClass.values().length;
        int rows = 1;
        int x = 4;
        for (int i = 0; i < labels.size(); i++) {
            Point extent = gc.textExtent(labels.get(i));
            int sample = i < classes ? 3 * h : 2 * MARKER + 2;
            int width = sample + 4 + extent.x + 16;
            if (x > 4 && x + width - 16 > area.width) {
                rows++;
                x = 4;
            }
            if (draw) {
                int y = area.height - legendHeight + (rows - 1) * LEGEND_HEIGHT + 3;
                if (i < classes) {
                    PolicyClass c = PolicyClass.values()[i];
                    gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
                    gc.fillRectangle(x, y, 3 * h, h);
                    paintPattern(gc, c, x, y, x + 3 * h, y + h);
                } else {
                    gc.setBackground(markerKinds[i - classes]);
                    gc.fillPolygon(new int[] {x, y + 1, x + 2 * MARKER, y + 1, x + MARKER, y + 1 + 2 * MARKER});
                }
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
                gc.drawText(labels.get(i), x + sample + 4, y + (h - extent.y) / 2, true);
            }
            x += width;
        }
        return rows * LEGEND_HEIGHT;
    }

    /**
     * Draws a scheduling class's pattern over a bar: RT hatched {@code ///}, WRR a stripe along
     * the bottom, CFS a row of dots along the bottom, SCHED_IDLE hatched {@code \\}.
     */
    private static void paintPattern(GC gc, PolicyClass policyClass, int x0, int y0, int x1, int y1) {
        Color colour = ViewColours.of(policyClass);
        gc.setForeground(colour);
        gc.setBackground(colour);
        int h = y1 - y0;
        switch (policyClass) {
            case RT -> hatch(gc, x0, y0, x1, y1, true);
            case IDLE -> hatch(gc, x0, y0, x1, y1, false);
            case WRR -> gc.fillRectangle(x0, y1 - Math.min(4, h), x1 - x0, Math.min(4, h));
            case CFS -> {
                for (int x = x0 + 1; x + 2 <= x1; x += 4) {
                    gc.fillRectangle(x, y1 - 3, 2, 2);
                }
            }
        }
    }

    /** Diagonal lines every {@value #HATCH} pixels inside the rectangle, rising ({@code /}) or falling ({@code \}). */
    private static void hatch(GC gc, int x0, int y0, int x1, int y1, boolean rising) {
        int h = y1 - y0;
        for (int s = x0 - h; s < x1; s += HATCH) {
            int ax = s;
            int ay = rising ? y1 : y0;
            int bx = s + h;
            int by = rising ? y0 : y1;
            if (ax < x0) {
                ay += rising ? -(x0 - ax) : x0 - ax;
                ax = x0;
            }
            if (bx > x1) {
                by += rising ? bx - x1 : -(bx - x1);
                bx = x1;
            }
            if (ax < bx) {
                gc.drawLine(ax, ay, bx, by);
            }
        }
    }

    private void paintRun(GC gc, long start, long end, int pid, int y) {
        int x0 = Math.max(LABEL_WIDTH - 1, xOf(start));
        int x1 = Math.max(x0 + 1, xOf(end));
        gc.setBackground(colour(pid));
        gc.fillRectangle(x0, y + 4, x1 - x0, ROW_HEIGHT - 8);
        Policy policy = policyAt(pid, start);
        if (policy != null) {
            paintPattern(gc, PolicyClass.of(policy), x0, y + 4, x1, y + ROW_HEIGHT - 4);
        }
        if (pid == selectedPid) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            gc.setLineWidth(2);
            gc.drawRectangle(x0, y + 4, x1 - x0, ROW_HEIGHT - 8);
            gc.setLineWidth(1);
        }
        if (x1 - x0 >= MIN_LABEL_WIDTH) {
            String label = comms.getOrDefault(pid, "") + " [" + pid + "]";
            if (gc.textExtent(label).x + 4 < x1 - x0) {
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
                gc.drawText(label, x0 + 2, y + 5, true);
            }
        }
    }

    /** Ticks at a round time (1, 2 or 5 × 10^n ns) about every 100 pixels, labelled in seconds. */
    private void paintAxis(GC gc, Rectangle area) {
        double rough = nsPerPixel * 100;
        long step = 1;
        while (step * 5 < rough) {
            step *= 10;
        }
        step = step * 2 >= rough ? step * 2 : step * 5 >= rough ? step * 5 : step * 10;
        String format = "%." + Math.max(0, 9 - (int) Math.floor(Math.log10(step))) + "f s";
        for (long t = viewStartNs / step * step; t < timeAt(area.width); t += step) {
            int x = xOf(t);
            if (x >= LABEL_WIDTH) {
                gc.drawLine(x, AXIS_HEIGHT - 4, x, AXIS_HEIGHT);
                gc.drawText(String.format(format, t / 1e9), x + 2, 2, true);
            }
        }
        gc.drawLine(LABEL_WIDTH, AXIS_HEIGHT, area.width, AXIS_HEIGHT);
    }

    private record Hit(int cpu, int pid, long start, long end, Marker marker) {
    }

    private Hit hit(int x, int y) {
        int cpu = (y - AXIS_HEIGHT + canvas.getVerticalBar().getSelection()) / ROW_HEIGHT;
        if (y < AXIS_HEIGHT || y > canvas.getClientArea().height - legendHeight || cpu >= runs.length || x < LABEL_WIDTH) {
            return null;
        }
        Marker nearest = null;
        for (Marker m : markers.get(cpu)) {
            int distance = Math.abs(xOf(m.timeNs()) - x);
            if (distance <= MARKER && y - rowY(cpu) <= 2 * MARKER
                    && (nearest == null || distance <= Math.abs(xOf(nearest.timeNs()) - x))) {
                nearest = m;
            }
        }
        if (nearest != null) {
            return new Hit(cpu, -1, nearest.timeNs(), nearest.timeNs(), nearest);
        }
        long t = timeAt(x);
        RunList list = runs[cpu];
        int i = list.firstEndingAfter(t);
        if (i < list.size && list.starts[i] <= t) {
            return new Hit(cpu, list.pids[i], list.starts[i], list.ends[i], null);
        }
        if (list.openStart >= 0 && list.openStart <= t && t <= endNs && list.openPid != 0) {
            return new Hit(cpu, list.openPid, list.openStart, endNs, null);
        }
        return null;
    }

    private String tooltip(int x, int y) {
        Hit hit = hit(x, y);
        if (hit == null) {
            return null;
        }
        if (hit.marker() != null) {
            return String.format("%.6f s  %s", hit.start() / 1e9, hit.marker().text());
        }
        return NLS.bind(Messages.CpuTimelineView_run, new Object[] {comms.get(hit.pid()), hit.pid(), hit.cpu(),
                String.format("%.6f", hit.start() / 1e9), String.format("%.6f", hit.end() / 1e9),
                String.format("%.3f", (hit.end() - hit.start()) / 1e6)});
    }
}
