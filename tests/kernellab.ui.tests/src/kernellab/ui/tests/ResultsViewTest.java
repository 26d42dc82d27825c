package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationProcess;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.sched.ResultsView;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e9);
    }
}
