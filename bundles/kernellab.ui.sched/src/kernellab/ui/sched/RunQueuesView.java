package kernellab.ui.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import kernellab.api.Policy;
import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.ClassQueueInfo;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.TaskInfo;
import kernellab.ui.sched.internal.Messages;
import kernellab.ui.views.SelectedTask;
import kernellab.ui.views.LazyListContentProvider;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Every CPU's run queue ({@code struct rq}) side by side: the current task, then the queued
 * tasks of each scheduling class in the order the class picks them (RT by priority, FIFO within
 * a priority; WRR in FIFO order with weight and remaining slice, the running task at its head;
 * CFS by vruntime), {@code nr_running} and the WRR {@code total_weight} as bars; above them a
 * chart of the total weight per CPU, the number the WRR load balancer evens out. A panel's
 * widgets are made when it is first scrolled into view, and a refresh fills only the panels in
 * view (the others when they are scrolled to), so that 64 CPUs with 10,000 queued tasks cost the
 * UI thread what the few visible ones do.
 */
public final class RunQueuesView extends SimulationView<RunQueuesSnapshot> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.sched.runQueues";
    /** Id of the action copying /proc/sched_debug. */
    public static final String COPY_SCHED_DEBUG = ID + ".copySchedDebug";
    /** Id of the action copying all queues as CSV. */
    public static final String COPY_CSV = ID + ".copyCsv";

    /** The header of {@link #csv()}. */
    public static final String CSV_HEADER = "cpu,class,pid,comm,policy,prio,weight,slice_remaining_ns,vruntime,on_cpu";

    private static final Color BAR = new Color(70, 130, 200);
    private static final Color NR_RUNNING_BAR = new Color(120, 180, 120);
    private static final Color SELECTED = new Color(255, 240, 170);
    private static final Color AVERAGE = new Color(200, 40, 40);
    private static final int CHART_HEIGHT = 120;
    private static final int PANEL_WIDTH = 330;
    /** How many rows of a queue {@code fitColumns} measures: enough for what one sees, cheap with 10,000 tasks. */
    private static final int FITTED_ROWS = 200;
    /** A cell's margins and the header's sort arrow. */
    private static final int CELL_PADDING = 20;
    private static final int BARS_HEIGHT = 40;
    private static final int CHART_SLOT = 90;

    /**
     * One row of a CPU's table.
     *
     * @param schedClass {@code RT}, {@code WRR} or {@code CFS}
     * @param task the task
     * @param running whether it is the CPU's current task
     */
    public record QueueEntry(String schedClass, TaskInfo task, boolean running) {
    }

    private Composite root;
    private Canvas chart;
    private ScrolledComposite scroller;
    private Composite panels;
    private final List<CpuPanel> cpuPanels = new ArrayList<>();
    private int selectedPid = -1;

    @Override
    protected String subject() {
        return Messages.RunQueuesView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout();
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        root.setLayout(layout);
        chart = new Canvas(root, SWT.DOUBLE_BUFFERED);
        GridData chartData = new GridData(SWT.FILL, SWT.TOP, true, false);
        chartData.heightHint = CHART_HEIGHT;
        chart.setLayoutData(chartData);
        chart.addPaintListener(e -> paintChart(e.gc));
        scroller = new ScrolledComposite(root, SWT.H_SCROLL);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroller.setExpandVertical(true);
        scroller.setExpandHorizontal(true);
        scroller.getHorizontalBar().addListener(SWT.Selection, e -> updateVisiblePanels());
        scroller.addListener(SWT.Resize, e -> updateVisiblePanels());
        panels = new Composite(scroller, SWT.NONE);
        panels.addListener(SWT.Resize, e -> updateVisiblePanels());
        scroller.setContent(panels);

        Action copySchedDebug = new Action(Messages.RunQueuesView_copySchedDebug) {
            @Override
            public void run() {
                session().ifPresent(s -> copyToClipboard(
                        s.server().readFile(new ProcFileParams("/proc/sched_debug")).thenApply(ProcFile::text)));
            }
        };
        copySchedDebug.setId(COPY_SCHED_DEBUG);
        addMenuAction(copySchedDebug);
        Action copyCsv = new Action(Messages.RunQueuesView_copyCsv) {
            @Override
            public void run() {
                copyToClipboard(csv());
            }
        };
        copyCsv.setId(COPY_CSV);
        addMenuAction(copyCsv);
        hookContextMenu(chart);
        return root;
    }

    @Override
    protected CompletableFuture<RunQueuesSnapshot> fetch(SimulationSession simulation) {
        return simulation.server().runQueues();
    }

    @Override
    protected void show(RunQueuesSnapshot snapshot) {
        describe(snapshot.timeNs());
        boolean created = cpuPanels.size() != snapshot.cpus().size();
        if (created) {
            cpuPanels.forEach(CpuPanel::dispose);
            cpuPanels.clear();
            panels.setLayout(new GridLayout(snapshot.cpus().size(), true));
            for (CpuRunQueue rq : snapshot.cpus()) {
                cpuPanels.add(new CpuPanel(panels, rq.cpu()));
            }
            scroller.setMinSize(snapshot.cpus().size() * PANEL_WIDTH, 200);
            panels.layout();
        }
        long maxNrRunning = snapshot.cpus().stream().mapToLong(CpuRunQueue::nrRunning).max().orElse(0);
        long maxWeight = snapshot.cpus().stream().mapToLong(CpuRunQueue::totalWeight).max().orElse(0);
        for (CpuRunQueue rq : snapshot.cpus()) {
            cpuPanels.get(rq.cpu()).set(rq, maxNrRunning, maxWeight);
        }
        if (created) {
            cpuSelected(selectedCpu());
        }
        highlight(selectedCpu());
        updateVisiblePanels();
        chart.redraw();
    }

    /** Fills the panels scrolled into view whose run queue changed since they were last filled. */
    private void updateVisiblePanels() {
        int left = scroller.getOrigin().x;
        int right = left + scroller.getClientArea().width;
        for (CpuPanel panel : cpuPanels) {
            Rectangle bounds = panel.group.getBounds();
            if (bounds.x < right && bounds.x + bounds.width > left) {
                panel.fill();
            }
        }
    }

    @Override
    protected void cpuSelected(Integer cpu) {
        highlight(cpu);
        if (cpu != null && cpu < cpuPanels.size()) {
            scroller.showControl(cpuPanels.get(cpu).group);
            updateVisiblePanels();
        }
    }

    private void highlight(Integer cpu) {
        for (CpuPanel panel : cpuPanels) {
            panel.highlight(cpu != null && panel.cpu == cpu);
        }
    }

    /**
     * @param rq a CPU's run queue
     * @return its rows in pick order, class by class in priority order (RT, the class of policy 7
     *         under its own name, e.g. WRR, then CFS), each row's class being the queue's name in
     *         capitals; the current task first if no queue lists it
     */
    public static List<QueueEntry> entries(CpuRunQueue rq) {
        List<QueueEntry> rows = new ArrayList<>();
        int curr = rq.curr() == null ? -1 : rq.curr().pid();
        for (ClassQueueInfo q : rq.queues()) {
            String name = q.name().toUpperCase(Locale.ROOT);
            q.tasks().forEach(t -> rows.add(new QueueEntry(name, t, t.pid() == curr)));
        }
        if (rq.curr() != null && rows.stream().noneMatch(QueueEntry::running)) {
            rows.add(0, new QueueEntry(rq.curr().schedClass().toUpperCase(Locale.ROOT), rq.curr(), true));
        }
        return rows;
    }

    /** @return the viewer of one CPU's queues, {@code null} until the CPU's panel was first in view */
    public TableViewer viewer(int cpu) {
        return cpuPanels.get(cpu).viewer;
    }

    /** @return whether a CPU's panel shows its run queue of the last refresh (it does once scrolled into view) */
    public boolean isFilled(int cpu) {
        return cpuPanels.get(cpu).filled == cpuPanels.get(cpu).rq;
    }

    /** @return the scrolled composite holding the CPUs' panels */
    public ScrolledComposite scroller() {
        return scroller;
    }

    /** @return the line naming one CPU's current task */
    public String currentText(int cpu) {
        Label current = cpuPanels.get(cpu).current;
        return current == null ? "" : current.getText();
    }

    /** @return whether the panel of a CPU is highlighted as the selected CPU */
    public boolean isHighlighted(int cpu) {
        return cpuPanels.get(cpu).highlighted;
    }

    /** @return every CPU's rows in pick order as CSV, with {@link #CSV_HEADER} */
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        shown().ifPresent(snapshot -> snapshot.cpus().forEach(rq -> entries(rq).forEach(e -> {
            TaskInfo t = e.task();
            sb.append(String.join(",", Integer.toString(rq.cpu()), e.schedClass(), Integer.toString(t.pid()), t.comm(),
                    t.policy().name(), Integer.toString(t.prio()), Integer.toString(t.weight()),
                    Long.toString(t.sliceRemainingNs()), Long.toString(t.vruntime()), Boolean.toString(e.running())))
                    .append('\n');
        })));
        return sb.toString();
    }

    /** @return the text of the weight column: RT priority, the nice value (CFS), or the weight (the class of policy 7) */
    static String weightText(QueueEntry e) {
        TaskInfo t = e.task();
        return switch (e.schedClass()) {
            case "RT" -> "prio " + t.rtPriority();
            case "CFS", "FAIR" -> "nice " + t.nice();
            default -> Integer.toString(t.weight());
        };
    }

    /** @return the text of the last column: the remaining slice in ms (WRR, RR) or the vruntime in ns (CFS) */
    static String leftText(QueueEntry e) {
        TaskInfo t = e.task();
        if (e.schedClass().equals("CFS") || e.schedClass().equals("FAIR")) {
            return Long.toString(t.vruntime());
        }
        if (t.policy() == Policy.SCHED_FIFO) {
            return "-";
        }
        return String.format("%d.%03d ms", t.sliceRemainingNs() / 1_000_000, t.sliceRemainingNs() / 1000 % 1000);
    }

    /**
     * @param rq a CPU's run queue
     * @return the label of its total-weight bar, named after the class of policy 7: {@code WRR
     *         total_weight 30}, or {@code RR total_weight 30} for a student's class named "rr"
     */
    public static String totalWeightLabel(CpuRunQueue rq) {
        return NLS.bind(Messages.RunQueuesView_totalWeight, className(rq), rq.totalWeight());
    }

    /** @return the name of the class of policy 7 in capitals, as the Class column shows it */
    private static String className(CpuRunQueue rq) {
        return rq.policyClass() == null ? "WRR" : rq.policyClass().toUpperCase(Locale.ROOT);
    }

    /** Bars of the total weight of the class of policy 7 per CPU with the average as a dashed line. */
    private void paintChart(GC gc) {
        RunQueuesSnapshot snapshot = shown().orElse(null);
        if (snapshot == null || snapshot.cpus().isEmpty()) {
            return;
        }
        Rectangle area = chart.getClientArea();
        int lineHeight = gc.getFontMetrics().getHeight();
        gc.setForeground(chart.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        gc.drawText(NLS.bind(Messages.RunQueuesView_chart, className(snapshot.cpus().get(0))), 6, 2, true);
        long max = Math.max(1, snapshot.cpus().stream().mapToLong(CpuRunQueue::totalWeight).max().orElse(0));
        int top = lineHeight + 4 + lineHeight;
        int baseline = area.height - lineHeight - 2;
        int plotHeight = Math.max(1, baseline - top);
        int slot = Math.max(6, Math.min(CHART_SLOT, (area.width - 12) / snapshot.cpus().size()));
        int barWidth = Math.max(3, Math.min(60, slot - 6));
        boolean labels = slot >= 36;
        double average = snapshot.cpus().stream().mapToLong(CpuRunQueue::totalWeight).average().orElse(0);
        int averageY = baseline - (int) (plotHeight * average / max);
        for (CpuRunQueue rq : snapshot.cpus()) {
            int x = 6 + rq.cpu() * slot;
            int height = (int) (plotHeight * rq.totalWeight() / max);
            gc.setBackground(BAR);
            gc.fillRectangle(x, baseline - height, barWidth, height);
            Color text = gc.getForeground();
            gc.setForeground(AVERAGE);
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(x - 3, averageY, x + barWidth + 3, averageY);
            gc.setLineStyle(SWT.LINE_SOLID);
            gc.setForeground(text);
            if (labels) {
                String value = Long.toString(rq.totalWeight());
                int valueY = Math.min(baseline - height, averageY) - lineHeight;
                gc.drawText(value, x + (barWidth - gc.textExtent(value).x) / 2, valueY, true);
                String cpu = NLS.bind(Messages.RunQueuesView_cpu, rq.cpu());
                gc.drawText(cpu, x + (barWidth - gc.textExtent(cpu).x) / 2, baseline + 1, true);
            }
        }
    }

    private void taskChosen(TaskInfo task) {
        selectedPid = task.pid();
        cpuPanels.forEach(p -> p.select(selectedPid));
        publishTask(new SelectedTask(task.pid(), task.comm()));
    }

    @Override
    protected void taskSelected(SelectedTask task) {
        selectedPid = task.pid();
        cpuPanels.forEach(p -> p.select(selectedPid));
    }

    /** @return the pid selected in a CPU's table, or −1 */
    public int selectedPid(int cpu) {
        return cpuPanels.get(cpu).selectedPid();
    }

    /** The panel of one CPU. */
    private final class CpuPanel {

        private final int cpu;
        private final Group group;
        private Label current;
        private Canvas bars;
        private TableViewer viewer;
        private final List<Function<QueueEntry, String>> texts = new ArrayList<>();
        private List<QueueEntry> rows = List.of();
        /** The run queue of the last refresh. */
        private CpuRunQueue rq;
        /** The run queue the table and the bars show. */
        private CpuRunQueue filled;
        private boolean highlighted;
        private long maxNrRunning;
        private long maxWeight;

        CpuPanel(Composite parent, int cpu) {
            this.cpu = cpu;
            group = new Group(parent, SWT.NONE);
            group.setText(NLS.bind(Messages.RunQueuesView_cpu, cpu));
            group.setLayout(new GridLayout());
            GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
            data.widthHint = PANEL_WIDTH;
            group.setLayoutData(data);
        }

        /** Makes the panel's widgets: the current task's line, the bars and the table of the queues. */
        private void createContents() {
            current = new Label(group, SWT.NONE);
            current.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
            current.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
            bars = new Canvas(group, SWT.DOUBLE_BUFFERED);
            GridData barsData = new GridData(SWT.FILL, SWT.TOP, true, false);
            barsData.heightHint = BARS_HEIGHT;
            bars.setLayoutData(barsData);
            bars.addPaintListener(e -> paintBars(e.gc));
            viewer = new TableViewer(group, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
            viewer.getTable().setHeaderVisible(true);
            viewer.getTable().setLinesVisible(true);
            viewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            column(Messages.RunQueuesView_class, 50, SWT.LEFT, QueueEntry::schedClass);
            column(Messages.RunQueuesView_pid, 50, SWT.RIGHT, e -> Integer.toString(e.task().pid()));
            column(Messages.RunQueuesView_comm, 80, SWT.LEFT, e -> (e.running() ? "\u25B6 " : "") + e.task().comm());
            column(Messages.RunQueuesView_weight, 60, SWT.RIGHT, RunQueuesView::weightText);
            column(Messages.RunQueuesView_left, 100, SWT.RIGHT, RunQueuesView::leftText);
            viewer.setUseHashlookup(true);
            viewer.setContentProvider(new LazyListContentProvider(viewer, () -> rows));
            viewer.setInput(this);
            viewer.getTable().addListener(SWT.Selection, e -> {
                int index = viewer.getTable().getSelectionIndex();
                if (index >= 0 && index < rows.size()) {
                    taskChosen(rows.get(index).task());
                }
            });
            hookContextMenu(viewer.getTable());
            group.layout();
        }

        /** Selects the row of a task, or nothing if it is not on this CPU's queues. */
        void select(int pid) {
            if (viewer == null) {
                return;
            }
            viewer.getTable().deselectAll();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).task().pid() == pid) {
                    viewer.getTable().setSelection(i);
                }
            }
        }

        /** @return the pid of the selected row, or −1 */
        int selectedPid() {
            if (viewer == null) {
                return -1;
            }
            int index = viewer.getTable().getSelectionIndex();
            return index >= 0 && index < rows.size() ? rows.get(index).task().pid() : -1;
        }

        /**
         * Widens each column to its header and its cells (in bold, as the running task's row is
         * drawn), so no comm or number is cut; the rows looked at are the first {@value #FITTED_ROWS}.
         */
        private void fitColumns() {
            GC gc = new GC(viewer.getTable());
            try {
                gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
                for (int i = 0; i < texts.size(); i++) {
                    TableColumn column = viewer.getTable().getColumn(i);
                    int width = gc.textExtent(column.getText()).x + CELL_PADDING;
                    for (QueueEntry e : rows.subList(0, Math.min(rows.size(), FITTED_ROWS))) {
                        width = Math.max(width, gc.textExtent(texts.get(i).apply(e)).x + CELL_PADDING);
                    }
                    if (width > column.getWidth()) {
                        column.setWidth(width);
                    }
                }
            } finally {
                gc.dispose();
            }
        }

        private void column(String title, int width, int style, Function<QueueEntry, String> text) {
            texts.add(text);
            TableViewerColumn c = new TableViewerColumn(viewer, style);
            c.getColumn().setText(title);
            c.getColumn().setWidth(width);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return text.apply((QueueEntry) element);
                }

                @Override
                public Font getFont(Object element) {
                    return ((QueueEntry) element).running() ? JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT)
                            : null;
                }
            });
        }

        void set(CpuRunQueue runQueue, long maxNr, long maxW) {
            rq = runQueue;
            maxNrRunning = maxNr;
            maxWeight = maxW;
        }

        /** Shows the run queue of the last refresh, unless it already does. */
        void fill() {
            if (filled == rq || rq == null) {
                return;
            }
            if (viewer == null) {
                createContents();
            }
            filled = rq;
            TaskInfo curr = filled.curr();
            current.setText(curr == null ? Messages.RunQueuesView_idle
                    : NLS.bind(Messages.RunQueuesView_curr, new Object[] {curr.comm(), curr.pid(), curr.policy().name()})
                            + (throttled(filled) ? " " + Messages.RunQueuesView_throttled : ""));
            rows = entries(filled);
            viewer.setItemCount(rows.size());
            viewer.refresh();
            fitColumns();
            select(selectedPid);
            bars.redraw();
        }

        private static boolean throttled(CpuRunQueue rq) {
            ClassQueueInfo rt = rq.queue("rt");
            return rt != null && rt.figure("rt_throttled") != 0;
        }

        void highlight(boolean selected) {
            if (selected != highlighted) {
                highlighted = selected;
                group.setBackground(selected ? SELECTED : null);
            }
        }

        /** nr_running and total_weight, each as a bar scaled to the largest value among the CPUs. */
        private void paintBars(GC gc) {
            if (filled == null) {
                return;
            }
            Rectangle area = bars.getClientArea();
            int h = area.height / 2;
            bar(gc, 0, h, area.width, filled.nrRunning(), maxNrRunning, NR_RUNNING_BAR,
                    NLS.bind(Messages.RunQueuesView_nrRunning, filled.nrRunning()));
            bar(gc, h, h, area.width, filled.totalWeight(), maxWeight, BAR, totalWeightLabel(filled));
        }

        private void bar(GC gc, int y, int h, int width, long value, long max, Color colour, String label) {
            gc.setBackground(colour);
            gc.fillRectangle(0, y + 1, max == 0 ? 0 : (int) (width * value / max), h - 2);
            gc.setForeground(bars.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
            Point extent = gc.textExtent(label);
            gc.drawText(label, 4, y + (h - extent.y) / 2, true);
        }

        void dispose() {
            group.dispose();
        }
    }
}
