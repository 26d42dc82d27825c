package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kernellab.api.Policy;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationProcess;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.runner.protocol.SharesReport;
import kernellab.runner.protocol.SimulationReport;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.sched.ResultsView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Results view after a WRR run: one row per task with the report's numbers, turnaround falling as weight grows. */
class ResultsViewTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\w+) \\[(\\d+)\\]: exit status (\\d+), CPU time ([\\d.]+) s, wait time ([\\d.]+) s, turnaround ([\\d.]+) s");

    @AfterEach
    void deleteConfigurations() throws Exception {
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void showsOneRowPerTaskWithTheReportsNumbersAndThePlots() throws Exception {
        IJavaProject project = WorkloadProjects.create("results-workloads",
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 30; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "1");
        List<WorkloadRow> rows = new ArrayList<>();
        for (String weight : List.of("1", "5", "10", "20")) {
            rows.add(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.WEIGHT, weight));
        }
        SimulationSettings.writeWorkloads(wc, rows);
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        ResultsView view = (ResultsView) page.showView(ResultsView.ID);

        ILaunch launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        Workbench.waitFor(() -> view.shown().map(ResultsView.Results::finished).orElse(false), 60_000,
                "the run's report in the Results view");
        Workbench.waitFor(simulation::isTerminated, 10_000, "the simulation to end");

        List<ResultsView.Row> shown = view.shown().orElseThrow().rows();
        Matcher m = SUMMARY.matcher(simulation.getStreamsProxy().getOutputStreamMonitor().getContents());
        List<String> console = new ArrayList<>();
        while (m.find()) {
            console.add(m.group(1) + " " + m.group(2) + " " + m.group(4) + " " + m.group(5) + " " + m.group(6));
        }
        List<String> table = shown.stream().map(r -> r.comm() + " " + r.pid() + " " + seconds(r.cpuTimeNs()) + " "
                + seconds(r.waitTimeNs()) + " " + seconds(r.turnaroundNs())).toList();
        assertEquals(console, table, "the view's rows are the report's, task for task");
        assertEquals(4, shown.size());

        List<Long> turnarounds = new ArrayList<>(view.turnaroundByWeight().values());
        assertEquals(List.of(1, 5, 10, 20), new ArrayList<>(view.turnaroundByWeight().keySet()));
        for (int i = 1; i < turnarounds.size(); i++) {
            assertTrue(turnarounds.get(i) < turnarounds.get(i - 1), "turnaround falls as weight grows: " + turnarounds);
        }
        assertTrue(view.csv().startsWith(ResultsView.CSV_HEADER + "\n"), view.csv());
        assertEquals(5, view.csv().lines().count());

        File png = new File("target/screenshots/results-plots.png");
        png.getParentFile().mkdirs();
        view.exportPlots(png.getPath());
        assertTrue(Files.size(png.toPath()) > 1000, "a PNG was written");
        Screenshots.save(page.getWorkbenchWindow().getShell(), "results-view");
    }

    /** A workload that throws: its row says exit 134 and why, in the line that begins the Console's report. */
    @Test
    void aTaskThatThrowsShowsWhyItDied() throws Exception {
        IJavaProject project = WorkloadProjects.create("results-failures",
                "public class Thrower implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        sys.compute(1_000_000L);\n        throw new IllegalStateException(\"boom\");\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Thrower")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "1");
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        ResultsView view = (ResultsView) page.showView(ResultsView.ID);

        Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);
        Workbench.waitFor(() -> view.shown().map(ResultsView.Results::finished).orElse(false), 60_000,
                "the run's report in the Results view");

        List<ResultsView.Row> shown = view.shown().orElseThrow().rows();
        ResultsView.Row thrower = shown.stream().filter(r -> r.comm().equals("Thrower")).findFirst()
                .orElseThrow(() -> new AssertionError(shown.toString()));
        assertEquals(134, thrower.exitStatus());
        assertEquals("java.lang.IllegalStateException: boom", thrower.cause());
        Table table = view.viewer().getTable();
        int cause = table.getColumnCount() - 1;
        assertEquals("Cause of death", table.getColumn(cause).getText());
        TableItem row = Arrays.stream(table.getItems()).filter(i -> i.getText(1).equals("Thrower")).findFirst().orElseThrow();
        assertEquals("java.lang.IllegalStateException: boom", row.getText(cause));
    }

    /**
     * A memory-touching run: the parent reads its program's code (a page read from the disk: a
     * major fault) and writes 16 fresh pages, its child writes 48. The view's fault columns, its
     * CSV and the run's report agree, and they count what the program did.
     */
    @Test
    void showsEachTasksPageFaultsAsTheRunsReportCountsThem() throws Exception {
        IJavaProject project = WorkloadProjects.create("results-faults",
                "import kernellab.api.Syscalls;\n\npublic class Toucher implements kernellab.api.Workload {\n"
                        + "    static void touch(Syscalls sys, int pages) {\n"
                        + "        long p = sys.mmap(0, pages * 4096L, Syscalls.PROT_READ | Syscalls.PROT_WRITE,\n"
                        + "                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);\n"
                        + "        for (int i = 0; i < pages; i++) {\n            sys.writeByte(p + i * 4096L, 1);\n        }\n"
                        + "    }\n\n    @Override\n    public void run(Syscalls sys) {\n"
                        + "        sys.readByte(sys.addressOf(\"main\"));\n        touch(sys, 16);\n"
                        + "        sys.waitpid(sys.fork(child -> touch(child, 48)), 0);\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Toucher")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, "1");
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        ResultsView view = (ResultsView) page.showView(ResultsView.ID);

        ILaunch launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);
        Workbench.waitFor(() -> view.shown().map(ResultsView.Results::finished).orElse(false), 60_000,
                "the run's report in the Results view");
        Workbench.waitFor(() -> launch.isTerminated(), 10_000, "the simulation to end");
        SimulationReport report = SimulationSession.of(launch).orElseThrow().report().orElseThrow();

        List<String> fromReport = report.tasks().stream().filter(t -> t.pid() > 1)
                .map(t -> t.comm() + " " + t.pid() + ": " + t.minorFaults() + " minor, " + t.majorFaults() + " major").toList();
        assertEquals(List.of("Toucher 2: 17 minor, 1 major", "Toucher 3: 48 minor, 0 major"), fromReport,
                "the parent: 1 fault for its stack at exec, 16 written pages and its code read from the disk; the child: 48");
        Table table = view.viewer().getTable();
        List<String> header = Arrays.stream(table.getColumns()).map(TableColumn::getText).toList();
        int minor = header.indexOf("Minor faults");
        int major = header.indexOf("Major faults");
        List<String> cells = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            cells.add(item.getText(header.indexOf("Comm")) + " " + item.getText(header.indexOf("PID")) + ": "
                    + item.getText(minor) + " minor, " + item.getText(major) + " major");
        }
        assertEquals(fromReport, cells, "the table's cells");
        List<String> columns = List.of(ResultsView.CSV_HEADER.split(","));
        List<String> csv = view.csv().lines().skip(1).map(line -> line.split(",", -1))
                .map(f -> f[columns.indexOf("comm")] + " " + f[columns.indexOf("pid")] + ": " + f[columns.indexOf("minor_faults")]
                        + " minor, " + f[columns.indexOf("major_faults")] + " major")
                .toList();
        assertEquals(fromReport, csv, "the CSV");
    }

    /**
     * Three SCHED_WRR tasks of weight 5 and one of 15, CPU-bound from time 0. On one CPU each is
     * due weight ÷ total weight while they compete (1/6, 1/2) and round robin gives about that;
     * on four CPUs each has a CPU of its own, due and measured 1/4 whatever the weights. The
     * view shows both per task at its default size in the perspective (screenshot
     * results-view-N-cpus.png).
     */
    @ParameterizedTest
    @CsvSource({"1, 0.16666666666666666, 0.5", "4, 0.25, 0.25"})
    void showsEachTasksShareWhileTheyCompetedNextToItsDue(int cpus, double dueToFive, double dueToFifteen) throws Exception {
        IJavaProject project = WorkloadProjects.create("results-shares-" + cpus,
                "public class Hog implements kernellab.api.Workload {\n"
                        + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n"
                        + "        for (int i = 0; i < 300; i++) {\n            sys.compute(10_000_000L);\n        }\n    }\n}\n");
        ILaunchConfigurationWorkingCopy wc = SimulationLaunchShortcut
                .createConfiguration(WorkloadProjects.type(project, "Hog")).getWorkingCopy();
        wc.setAttribute(KernelLabLaunching.ATTR_CPUS, Integer.toString(cpus));
        List<WorkloadRow> rows = new ArrayList<>();
        for (String weight : List.of("5", "5", "5", "15")) {
            rows.add(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.WEIGHT, weight));
        }
        SimulationSettings.writeWorkloads(wc, rows);
        var window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Rectangle bounds = window.getShell().getBounds();
        window.getShell().setBounds(0, 0, 1600, 1000);
        try {
            runRace(wc, window, dueToFive, dueToFifteen, "results-view-" + cpus + "-cpus");
        } finally {
            window.getShell().setBounds(bounds);
        }
    }

    private static void runRace(ILaunchConfigurationWorkingCopy wc, IWorkbenchWindow window, double dueToFive, double dueToFifteen,
            String screenshot) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        page.resetPerspective();
        ResultsView view = (ResultsView) page.showView(ResultsView.ID);

        ILaunch launch = Workbench.launchInBackground(wc.doSave(), ILaunchManager.RUN_MODE);
        Workbench.waitFor(() -> view.shown().map(ResultsView.Results::finished).orElse(false), 60_000,
                "the run's report in the Results view");
        SharesReport shares = view.shown().orElseThrow().shares();
        assertEquals(List.of(5, 5, 5, 15), shares.tasks().stream().map(SharesReport.TaskShare::weight).toList());
        for (SharesReport.TaskShare share : shares.tasks()) {
            double due = share.weight() == 15 ? dueToFifteen : dueToFive;
            assertEquals(due, share.expected(), 1e-9, "due to " + share);
            assertEquals(due, share.measured(), 0.05, "measured " + share);
        }
        assertEquals(0, shares.startNs());
        Workbench.spin(500);
        Screenshots.save(page.getWorkbenchWindow().getShell(), screenshot);
        Screenshots.saveMaximized(view, screenshot + "-maximized");
        Workbench.forget(launch);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e9);
    }

    /** FactorizerRace's parent sleeps in waitpid at weight 10: its turnaround is its children's, not a point of the plot. */
    @Test
    void theTurnaroundPlotLeavesOutAParentWaitingForItsChildren() {
        List<ResultsView.Row> rows = List.of(
                new ResultsView.Row(2, 1, "race", Policy.SCHED_WRR, 10, 1_000, 0, 900_000, 2, 0, 0, 0, 0, ""),
                new ResultsView.Row(3, 2, "w10", Policy.SCHED_WRR, 10, 300_000, 0, 500_000, 9, 0, 0, 0, 0, ""),
                new ResultsView.Row(4, 2, "w20", Policy.SCHED_WRR, 20, 300_000, 0, 400_000, 5, 0, 0, 0, 0, ""),
                new ResultsView.Row(5, 2, "fifo", Policy.SCHED_FIFO, 10, 300_000, 0, 100_000, 1, 0, 0, 0, 0, ""));
        assertEquals(Map.of(10, 500_000L, 20, 400_000L), ResultsView.turnaroundByWeight(rows));
    }
}
