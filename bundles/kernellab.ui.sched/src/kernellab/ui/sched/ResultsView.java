package kernellab.ui.sched;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import kernellab.api.Policy;
import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TasksSnapshot;
import kernellab.ui.sched.internal.Messages;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;

/**
 * The numbers of a run, per task (what {@code kernellab run --report} writes): policy, weight,
 * CPU time, wait time, turnaround, switches, migrations, minor and major page faults, exit
 * status; live from the task list
 * while the simulation runs, then the run's report. Below the table, the lab's plots: turnaround
 * against WRR weight, each task's share of the CPU time, and each CPU's WRR total weight over
 * time. Exports the table as CSV and the plots as PNG.
 */
public final class ResultsView extends SimulationView<ResultsView.Results> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.sched.results";
    /** The header of {@link #csv()}. */
    public static final String CSV_HEADER = "pid,comm,policy,weight,cpu_time_ns,wait_time_ns,turnaround_ns,switches,"
            + "migrations,minor_faults,major_faults,exit_status";

    /**
     * One task's numbers.
     *
     * @param turnaroundNs exit − start, or −1 while it runs
     * @param minorFaults page faults served without I/O ({@code min_flt}, the {@code minflt} of ps)
     * @param majorFaults page faults that read the page from a file ({@code maj_flt})
     * @param exitStatus exit status, or {@code null} while it runs
     */
    public record Row(int pid, int ppid, String comm, Policy policy, int weight, long cpuTimeNs, long waitTimeNs, long turnaroundNs,
            long switches, long migrations, long minorFaults, long majorFaults, Integer exitStatus) {
    }

    /**
     * What the view shows.
     *
     * @param finished whether the rows come from the run's final report
     * @param cpus the CPUs' load samples (final report only)
     */
    public record Results(long timeNs, boolean finished, List<Row> rows, List<CpuReport> cpus) {
    }

    private TableViewer table;
    private Canvas plots;
    private Results results;

    @Override
    protected String subject() {
        return Messages.ResultsView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        table = new TableViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("PID", 60, r -> Integer.toString(r.pid()));
        column("Comm", 110, Row::comm);
        column("Policy", 110, r -> String.valueOf(r.policy()));
        column("Weight", 60, r -> r.policy() == Policy.SCHED_WRR ? Integer.toString(r.weight()) : "");
        column(Messages.ResultsView_cpuTime, 90, r -> seconds(r.cpuTimeNs()));
        column(Messages.ResultsView_waitTime, 90, r -> seconds(r.waitTimeNs()));
        column(Messages.ResultsView_turnaround, 90, r -> r.turnaroundNs() < 0 ? "" : seconds(r.turnaroundNs()));
        column(Messages.ResultsView_switches, 70, r -> Long.toString(r.switches()));
        column(Messages.ResultsView_migrations, 80, r -> Long.toString(r.migrations()));
        column(Messages.ResultsView_minorFaults, 90, r -> Long.toString(r.minorFaults()));
        column(Messages.ResultsView_majorFaults, 90, r -> Long.toString(r.majorFaults()));
        column(Messages.ResultsView_exit, 50, r -> r.exitStatus() == null ? "" : r.exitStatus().toString());
        plots = new Canvas(sash, SWT.DOUBLE_BUFFERED);
        plots.addPaintListener(e -> paintPlots(e.gc, plots.getClientArea()));
        sash.setWeights(45, 55);
        addMenuAction(new Action(Messages.ResultsView_copyCsv) {
            @Override
            public void run() {
                copyToClipboard(csv());
            }
        });
        addMenuAction(new Action(Messages.ResultsView_exportCsv) {
            @Override
            public void run() {
                String file = chooseFile("results.csv");
                if (file != null) {
                    try {
                        Files.writeString(Path.of(file), csv());
                    } catch (IOException e) {
                        plots.getShell().getDisplay().beep();
                    }
                }
            }
        });
        addMenuAction(new Action(Messages.ResultsView_exportPng) {
            @Override
            public void run() {
                String file = chooseFile("results.png");
                if (file != null) {
                    exportPlots(file);
                }
            }
        });
        hookContextMenu(table.getTable());
        return sash;
    }

    private void column(String title, int width, Function<Row, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.RIGHT);
        column.getColumn().setText(title);
        column.getColumn().pack();
        column.getColumn().setWidth(Math.max(width, column.getColumn().getWidth()));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }
        });
    }

    private String chooseFile(String name) {
        FileDialog dialog = new FileDialog(plots.getShell(), SWT.SAVE);
        dialog.setFileName(name);
        dialog.setOverwrite(true);
        return dialog.open();
    }

    /** The report stays with the launch: the results of a run that ended before the view opened still show. */
    @Override
    protected boolean showsEndedSimulations() {
        return true;
    }

    @Override
    protected CompletableFuture<Results> fetch(SimulationSession simulation) {
        return simulation.report().map(r -> CompletableFuture.completedFuture(of(r)))
                .orElseGet(() -> simulation.server().tasks().thenApply(ResultsView::of));
    }

    /** @return the rows of a final report */
    public static Results of(SimulationReport report) {
        List<Row> rows = report.tasks().stream().map(t -> new Row(t.pid(), t.ppid(), t.comm(), t.policy(), t.weight(), t.cpuTimeNs(),
                t.waitTimeNs(), t.turnaroundNs(), t.switches(), t.migrations(), t.minorFaults(), t.majorFaults(), t.exitStatus()))
                .toList();
        return new Results(report.timeNs(), true, rows, report.cpus());
    }

    /** @return the rows of the live tasks (pid 1 and up: the idle tasks are not workloads) */
    static Results of(TasksSnapshot snapshot) {
        List<Row> rows = new ArrayList<>();
        for (TaskInfo t : snapshot.tasks()) {
            if (t.pid() > 1) {
                rows.add(new Row(t.pid(), t.ppid(), t.comm(), t.policy(), t.weight(), t.sumExecRuntimeNs(), t.runDelayNs(),
                        t.exitTimeNs() < 0 ? -1 : t.exitTimeNs() - t.startTimeNs(), t.nvcsw() + t.nivcsw(), t.migrations(),
                        t.minorFaults(), t.majorFaults(), null));
            }
        }
        return new Results(snapshot.timeNs(), false, rows, List.of());
    }

    @Override
    protected void show(Results snapshot) {
        results = snapshot;
        table.setInput(snapshot.rows());
        describe(snapshot.timeNs());
        plots.redraw();
    }

    /** @return the table's viewer */
    public TableViewer viewer() {
        return table;
    }

    /** @return the rows shown, as CSV with {@link #CSV_HEADER} */
    public String csv() {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        if (results != null) {
            for (Row r : results.rows()) {
                out.append(r.pid()).append(',').append(r.comm()).append(',').append(r.policy()).append(',').append(r.weight())
                        .append(',').append(r.cpuTimeNs()).append(',').append(r.waitTimeNs()).append(',')
                        .append(r.turnaroundNs()).append(',').append(r.switches()).append(',').append(r.migrations())
                        .append(',').append(r.minorFaults()).append(',').append(r.majorFaults()).append(',')
                        .append(r.exitStatus() == null ? "" : r.exitStatus()).append('\n');
            }
        }
        return out.toString();
    }

    /** @return {@link #turnaroundByWeight(List)} of the rows shown */
    public Map<Integer, Long> turnaroundByWeight() {
        return turnaroundByWeight(results == null ? List.of() : results.rows());
    }

    /**
     * Mean turnaround of the finished WRR tasks per weight, the lab's plot. A task that is the
     * parent of other tasks of the run is left out: it spends its life in {@code waitpid}, so
     * its turnaround measures its children, not its own weight (FactorizerRace's parent).
     *
     * @param rows the tasks of a run
     * @return weight → mean turnaround in ns, by increasing weight
     */
    public static Map<Integer, Long> turnaroundByWeight(List<Row> rows) {
        Map<Integer, long[]> sums = new TreeMap<>();
        Set<Integer> parents = rows.stream().map(Row::ppid).collect(Collectors.toSet());
        for (Row r : rows) {
            if (r.policy() == Policy.SCHED_WRR && r.turnaroundNs() >= 0 && !parents.contains(r.pid())) {
                long[] s = sums.computeIfAbsent(r.weight(), w -> new long[2]);
                s[0] += r.turnaroundNs();
                s[1]++;
            }
        }
        Map<Integer, Long> means = new TreeMap<>();
        sums.forEach((w, s) -> means.put(w, s[0] / s[1]));
        return means;
    }

    /** Writes the three plots to a PNG file of the canvas's size. */
    public void exportPlots(String file) {
        Rectangle area = plots.getClientArea();
        Image image = new Image(plots.getDisplay(), Math.max(area.width, 600), Math.max(area.height, 300));
        GC gc = new GC(image);
        try {
            gc.setBackground(plots.getDisplay().getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(image.getBounds());
            paintPlots(gc, image.getBounds());
        } finally {
            gc.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {image.getImageData()};
        loader.save(file, SWT.IMAGE_PNG);
        image.dispose();
    }

    private void paintPlots(GC gc, Rectangle area) {
        if (results == null || results.rows().isEmpty()) {
            return;
        }
        int w = area.width / 3;
        plotClipped(gc, new Rectangle(area.x, area.y, w, area.height), this::plotTurnaround);
        plotClipped(gc, new Rectangle(area.x + w, area.y, w, area.height), this::plotShares);
        plotClipped(gc, new Rectangle(area.x + 2 * w, area.y, area.width - 2 * w, area.height), this::plotWeights);
    }

    /** Draws one plot inside its third of the area only, so that in a narrow view titles and labels never run into the next plot. */
    private static void plotClipped(GC gc, Rectangle r, BiConsumer<GC, Rectangle> plot) {
        gc.setClipping(r);
        try {
            plot.accept(gc, r);
        } finally {
            gc.setClipping((Rectangle) null);
        }
    }

    private void plotTurnaround(GC gc, Rectangle r) {
        Map<Integer, Long> points = turnaroundByWeight();
        Rectangle plot = frame(gc, r, Messages.ResultsView_plotTurnaround);
        if (points.isEmpty()) {
            gc.drawText(Messages.ResultsView_noWrrTasks, plot.x + 4, plot.y + 4, true);
            return;
        }
        long max = points.values().stream().mapToLong(Long::longValue).max().orElse(1);
        gc.setBackground(color(gc, 66, 133, 244));
        for (Map.Entry<Integer, Long> p : points.entrySet()) {
            int x = plot.x + plot.width * p.getKey() / 21;
            int y = plot.y + plot.height - (int) (plot.height * p.getValue() / Math.max(1, max));
            gc.fillOval(x - 3, y - 3, 7, 7);
            gc.drawText(Integer.toString(p.getKey()), x - 4, plot.y + plot.height + 2, true);
        }
        gc.drawText(seconds(max), plot.x + 2, plot.y, true);
    }

    /**
     * One bar per task, labelled with its comm and pid; bars are scaled to the largest share so
     * that small differences show, and each bar ends with its percentage of the whole CPU time.
     */
    private void plotShares(GC gc, Rectangle r) {
        Rectangle plot = frame(gc, r, Messages.ResultsView_plotShares);
        List<Row> rows = results.rows().stream().sorted(Comparator.comparingInt(Row::pid)).toList();
        long total = Math.max(1, rows.stream().mapToLong(Row::cpuTimeNs).sum());
        long largest = Math.max(1, rows.stream().mapToLong(Row::cpuTimeNs).max().orElse(1));
        int barHeight = Math.max(4, Math.min(18, plot.height / Math.max(1, rows.size())));
        int labelWidth = Math.min(plot.width / 2,
                rows.stream().mapToInt(row -> gc.textExtent(taskLabel(row)).x).max().orElse(0) + 6);
        int barSpace = Math.max(1, plot.width - labelWidth - gc.textExtent("100.0 %").x - 6);
        int y = plot.y;
        for (int i = 0; i < rows.size(); i++) {
            if (y + 2 * barHeight > plot.y + plot.height && i < rows.size() - 1) {
                gc.drawText(NLS.bind(Messages.ResultsView_moreTasks, rows.size() - i), plot.x + 2, y, true);
                break;
            }
            Row row = rows.get(i);
            gc.drawText(taskLabel(row), plot.x + 2, y, true);
            int length = Math.max(1, (int) ((long) barSpace * row.cpuTimeNs() / largest));
            gc.setBackground(color(gc, 52, 168, 83));
            gc.fillRectangle(plot.x + labelWidth, y + 1, length, barHeight - 3);
            gc.drawText(String.format(Locale.ROOT, "%.1f %%", 100.0 * row.cpuTimeNs() / total), plot.x + labelWidth + length + 4,
                    y, true);
            y += barHeight;
        }
    }

    private static String taskLabel(Row row) {
        return row.comm() + " [" + row.pid() + "]";
    }

    private void plotWeights(GC gc, Rectangle r) {
        Rectangle plot = frame(gc, r, Messages.ResultsView_plotWeights);
        if (results.cpus().isEmpty()) {
            gc.drawText(Messages.ResultsView_afterTheRun, plot.x + 4, plot.y + 4, true);
            return;
        }
        long maxWeight = 1;
        long end = Math.max(1, results.timeNs());
        for (CpuReport cpu : results.cpus()) {
            for (LoadSample s : cpu.samples()) {
                maxWeight = Math.max(maxWeight, s.totalWeight());
            }
        }
        int[][] palette = {{66, 133, 244}, {219, 68, 55}, {244, 180, 0}, {15, 157, 88}, {171, 71, 188}, {0, 172, 193}};
        for (CpuReport cpu : results.cpus()) {
            int[] c = palette[cpu.cpu() % palette.length];
            gc.setForeground(color(gc, c[0], c[1], c[2]));
            int lastX = -1;
            int lastY = -1;
            for (LoadSample s : cpu.samples()) {
                int x = plot.x + (int) ((long) plot.width * s.timeNs() / end);
                int y = plot.y + plot.height - (int) ((long) plot.height * s.totalWeight() / maxWeight);
                if (lastX >= 0) {
                    gc.drawLine(lastX, lastY, x, lastY);
                    gc.drawLine(x, lastY, x, y);
                }
                lastX = x;
                lastY = y;
            }
            gc.drawText(NLS.bind(Messages.ResultsView_cpu, cpu.cpu()), plot.x + plot.width - 50, plot.y + 14 * cpu.cpu(), true);
        }
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(Long.toString(maxWeight), plot.x + 2, plot.y, true);
    }

    /** Draws a plot's title and axes; returns the area inside them. */
    private static Rectangle frame(GC gc, Rectangle r, String title) {
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(title, r.x + 8, r.y + 4, true);
        Rectangle plot = new Rectangle(r.x + 40, r.y + 26, Math.max(10, r.width - 56), Math.max(10, r.height - 50));
        gc.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        gc.drawLine(plot.x, plot.y + plot.height, plot.x + plot.width, plot.y + plot.height);
        return plot;
    }

    private Color color(GC gc, int red, int green, int blue) {
        return new Color(gc.getDevice(), red, green, blue);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }
}
