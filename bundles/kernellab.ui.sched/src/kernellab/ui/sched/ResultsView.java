package kernellab.ui.sched;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import kernellab.api.Policy;
import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.SharesReport;
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
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
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
 * status and the cause of an abnormal death; live from the task list
 * while the simulation runs, then the run's report. Below the table, the lab's plots
 * ({@link ResultsPlots}): turnaround against WRR weight, each SCHED_WRR task's share of the CPU
 * while they competed next to its due by the weights, and each CPU's WRR total weight over
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
     * @param cause why it died abnormally, in one line ({@link #cause(String)}); empty otherwise
     */
    public record Row(int pid, int ppid, String comm, Policy policy, int weight, long cpuTimeNs, long waitTimeNs, long turnaroundNs,
            long switches, long migrations, long minorFaults, long majorFaults, Integer exitStatus, String cause) {
    }

    /**
     * @param exitReport the report of a task that died abnormally ({@code TaskReport.exitReport}), or {@code null}
     * @return its first line, without the {@code Exception in task comm [pid] "thread": } prefix of an
     *         uncaught exception (the row already names the task): {@code java.lang.IllegalStateException: boom},
     *         or the kernel's line for a signal; empty for {@code null}
     */
    public static String cause(String exitReport) {
        if (exitReport == null || exitReport.isBlank()) {
            return "";
        }
        String first = exitReport.lines().findFirst().orElse("");
        int thread = first.startsWith("Exception in task ") ? first.indexOf("\": ") : -1;
        return thread < 0 ? first : first.substring(thread + 3);
    }

    /**
     * What the view shows.
     *
     * @param finished whether the rows come from the run's final report
     * @param cpus the CPUs' load samples (final report only)
     * @param shares the SCHED_WRR tasks' shares of the CPU while they competed (final report only, else {@code null})
     */
    public record Results(long timeNs, boolean finished, List<Row> rows, List<CpuReport> cpus, SharesReport shares) {
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
        column(Messages.ResultsView_cause, 300, Row::cause);
        ScrolledComposite scrolled = new ScrolledComposite(sash, SWT.V_SCROLL);
        plots = new Canvas(scrolled, SWT.DOUBLE_BUFFERED);
        plots.addPaintListener(e -> paintPlots(e.gc, plots.getClientArea()));
        scrolled.setContent(plots);
        scrolled.setExpandHorizontal(true);
        scrolled.setExpandVertical(true);
        scrolled.addListener(SWT.Resize, e -> scrolled.setMinHeight(
                scrolled.getClientArea().width >= ResultsPlots.SIDE_BY_SIDE_WIDTH ? ResultsPlots.PLOT_HEIGHT : 3 * ResultsPlots.PLOT_HEIGHT));
        sash.setWeights(35, 65);
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
                t.waitTimeNs(), t.turnaroundNs(), t.switches(), t.migrations(), t.minorFaults(), t.majorFaults(), t.exitStatus(),
                cause(t.exitReport())))
                .toList();
        return new Results(report.timeNs(), true, rows, report.cpus(), report.shares());
    }

    /** @return the rows of the live tasks (pid 1 and up: the idle tasks are not workloads) */
    static Results of(TasksSnapshot snapshot) {
        List<Row> rows = new ArrayList<>();
        for (TaskInfo t : snapshot.tasks()) {
            if (t.pid() > 1) {
                rows.add(new Row(t.pid(), t.ppid(), t.comm(), t.policy(), t.weight(), t.sumExecRuntimeNs(), t.runDelayNs(),
                        t.exitTimeNs() < 0 ? -1 : t.exitTimeNs() - t.startTimeNs(), t.nvcsw() + t.nivcsw(), t.migrations(),
                        t.minorFaults(), t.majorFaults(), null, ""));
            }
        }
        return new Results(snapshot.timeNs(), false, rows, List.of(), null);
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

    private void paintPlots(GC gc, Rectangle area) {
        if (results != null && !results.rows().isEmpty()) {
            ResultsPlots.paint(gc, area, results);
        }
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

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }
}
