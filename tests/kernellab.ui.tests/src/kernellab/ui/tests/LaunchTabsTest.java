package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.ui.launch.MachineTab;
import kernellab.ui.launch.SchedulerTab;
import kernellab.ui.launch.TraceTab;
import kernellab.ui.launch.WorkloadsTab;
import kernellab.ui.robot.Widgets;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KernelLab launch tabs as a student meets them: each bad value typed into a field is the
 * dialog's error message and makes the configuration unlaunchable; what was typed survives
 * saving and reopening.
 */
class LaunchTabsTest {

    private static final String PROJECT = "tabs-workloads";

    private Shell shell;
    private ILaunchConfigurationWorkingCopy configuration;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        WorkloadProjects.create(PROJECT, WorkloadProjects.hog("Hog"),
                "public abstract class Half implements kernellab.api.Workload {\n}\n",
                "public class Plain {\n}\n",
                WorkloadProjects.roundRobin("Rr"),
                "public abstract class HalfRr implements kernellab.api.sched.SchedClassOps {\n}\n",
                "class HiddenRr extends Rr {\n}\n",
                "public class ArgRr extends Rr {\n    public ArgRr(int slices) {\n    }\n}\n");
    }

    @BeforeEach
    void newConfiguration() throws Exception {
        shell = new Shell();
        configuration = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType(KernelLabLaunching.ID_SIMULATION).newInstance(null, "tabs-test");
        configuration.setAttribute(IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, PROJECT);
        SimulationSettings.writeWorkloads(configuration, List.of(WorkloadRow.of("demo.Hog")));
    }

    @AfterEach
    void closeShell() {
        shell.dispose();
    }

    @Test
    void defaultsAreValidOnEveryTab() {
        for (ILaunchConfigurationTab tab : List.of(new WorkloadsTab(), new MachineTab(), new SchedulerTab(), new TraceTab())) {
            open(tab);
            assertTrue(tab.isValid(configuration), tab.getName() + ": " + tab.getErrorMessage());
            assertNull(tab.getErrorMessage(), tab.getName());
        }
    }

    @Test
    void machineTabRejectsEachBadValue() {
        MachineTab tab = open(new MachineTab());
        assertError(tab, KernelLabLaunching.ATTR_CPUS, "0", "CPUs must be from 1 to 1024; 0 is out of range.");
        assertError(tab, KernelLabLaunching.ATTR_CPUS, "1025", "CPUs must be from 1 to 1024; 1025 is out of range.");
        assertError(tab, KernelLabLaunching.ATTR_CPUS, "four",
                "CPUs must be a whole number from 1 to 1024; 'four' is not a number.");
        type(tab, KernelLabLaunching.ATTR_CPUS, "8");
        assertError(tab, KernelLabLaunching.ATTR_MEMORY_MIB, "16",
                "Memory (MiB) must be from 32 to 65536; 16 is out of range.");
        type(tab, KernelLabLaunching.ATTR_MEMORY_MIB, "512");
        assertError(tab, KernelLabLaunching.ATTR_SEED, "0x2a", "Seed must be a whole number; '0x2a' is not.");
        type(tab, KernelLabLaunching.ATTR_SEED, "42");
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());
    }

    @Test
    void machineTabRejectsAHandEditedHz() throws Exception {
        configuration.setAttribute(KernelLabLaunching.ATTR_HZ, "500");
        MachineTab tab = open(new MachineTab());
        assertFalse(tab.isValid(configuration));
        assertEquals("HZ must be one of 100, 250, 300, 1000; '500' is not.", tab.getErrorMessage());
    }

    @Test
    void handEditedChoicesAreReported() throws Exception {
        configuration.setAttribute(KernelLabLaunching.ATTR_PAGE_TABLE_LEVELS, "5");
        MachineTab machine = open(new MachineTab());
        assertFalse(machine.isValid(configuration));
        assertEquals("Page-table levels must be one of 4, 3, 2; '5' is not.", machine.getErrorMessage());
        configuration.setAttribute(KernelLabLaunching.ATTR_INIT_POLICY, "SCHED_FIFO");
        SchedulerTab scheduler = open(new SchedulerTab());
        assertFalse(scheduler.isValid(configuration));
        assertEquals("Policy of init must be one of SCHED_WRR, SCHED_NORMAL; 'SCHED_FIFO' is not.", scheduler.getErrorMessage());
        configuration.setAttribute(KernelLabLaunching.ATTR_TRACE_FORMAT, "pdf");
        TraceTab trace = open(new TraceTab());
        assertFalse(trace.isValid(configuration));
        assertEquals("Trace format must be one of ftrace, chrome; 'pdf' is not.", trace.getErrorMessage());
    }

    @Test
    void schedulerTabRejectsEachBadValue() {
        SchedulerTab tab = open(new SchedulerTab());
        assertError(tab, KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, "0",
                "WRR base slice (ms) must be from 1 to 1000; 0 is out of range.");
        type(tab, KernelLabLaunching.ATTR_WRR_BASE_SLICE_MS, "5");
        assertError(tab, KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, "-500",
                "Load-balance period (ms) must be from 1 to 60000; -500 is out of range.");
        type(tab, KernelLabLaunching.ATTR_BALANCE_PERIOD_MS, "500");
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());
    }

    @Test
    void traceTabRejectsAnExportWithoutRecordingOrFolder() {
        TraceTab tab = open(new TraceTab());
        type(tab, KernelLabLaunching.ATTR_TRACE_FILE, "/no/such/folder/run.trace");
        assertFalse(tab.isValid(configuration));
        assertEquals("The folder of the trace file '/no/such/folder/run.trace' does not exist.", tab.getErrorMessage());
        String file = System.getProperty("java.io.tmpdir") + "/run.trace";
        type(tab, KernelLabLaunching.ATTR_TRACE_FILE, file);
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());
        Button record = (Button) control(tab, KernelLabLaunching.ATTR_TRACE_RECORD);
        record.setSelection(false);
        assertFalse(tab.isValid(configuration));
        assertEquals("Exporting a trace needs \"Record the trace\" on.", tab.getErrorMessage());
    }

    @Test
    void workloadsTabRejectsBadProjects() throws Exception {
        WorkloadsTab tab = open(new WorkloadsTab());
        assertError(tab, IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "",
                "Choose the project that holds the workload classes.");
        assertError(tab, IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "nowhere",
                "Project 'nowhere' does not exist.");
        var closed = ResourcesPlugin.getWorkspace().getRoot().getProject("closed-project");
        if (!closed.exists()) {
            closed.create(null);
        }
        closed.close(null);
        assertError(tab, IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "closed-project",
                "Project 'closed-project' is closed.");
        closed.open(null);
        assertError(tab, IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "closed-project",
                "Project 'closed-project' is not a Java project.");
        type(tab, IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, PROJECT);
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());
    }

    @Test
    void workloadsTabRejectsEachBadRow() {
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.WEIGHT, "25"),
                "WRR weight of demo.Hog must be from 1 to 20; 25 is out of range.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.WEIGHT, "0"),
                "WRR weight of demo.Hog must be from 1 to 20; 0 is out of range.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.COUNT, "0"),
                "Count of demo.Hog must be from 1 to 10000; 0 is out of range.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.POLICY, "SCHED_FIFO")
                .with(WorkloadRow.Field.PRIORITY, "100"),
                "Real-time priority of demo.Hog must be from 1 to 99; 100 is out of range.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.POLICY, "SCHED_NORMAL")
                .with(WorkloadRow.Field.NICE, "20"),
                "Nice value of demo.Hog must be from -20 to 19; 20 is out of range.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.AFFINITY, "0-4"),
                "Affinity of demo.Hog (0-4) names a CPU the machine does not have: it has 4 CPUs.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.AFFINITY, "cpu1"),
                "Affinity of demo.Hog must be a CPU list like 0-3,6; 'cpu1' is not.");
        assertRowError(WorkloadRow.of("demo.Hog").with(WorkloadRow.Field.UID, "-1"),
                "UID of demo.Hog must be from 0 to 65535; -1 is out of range.");
        assertRowError(WorkloadRow.of("demo.Missing"), "Workload class 'demo.Missing' is not in project 'tabs-workloads'.");
        assertRowError(WorkloadRow.of("demo.Plain"),
                "'demo.Plain' is not a workload: it implements neither kernellab.api.Workload nor kernellab.api.KernelModule.");
        assertRowError(WorkloadRow.of("demo.Half"), "'demo.Half' is abstract: a workload class must be a concrete class.");
    }

    @Test
    void workloadsTabNeedsAWorkload() {
        SimulationSettings.writeWorkloads(configuration, List.of());
        WorkloadsTab tab = open(new WorkloadsTab());
        assertFalse(tab.isValid(configuration));
        assertEquals("Add at least one workload class.", tab.getErrorMessage());
    }

    @Test
    void badValuesSurviveSavingAndReopening() throws Exception {
        MachineTab tab = open(new MachineTab());
        type(tab, KernelLabLaunching.ATTR_CPUS, "0");
        tab.performApply(configuration);
        ILaunchConfiguration saved = configuration.doSave();
        try {
            shell.dispose();
            shell = new Shell();
            configuration = saved.getWorkingCopy();
            MachineTab reopened = open(new MachineTab());
            assertEquals("0", ((Text) control(reopened, KernelLabLaunching.ATTR_CPUS)).getText());
            assertFalse(reopened.isValid(configuration));
            assertEquals("CPUs must be from 1 to 1024; 0 is out of range.", reopened.getErrorMessage());
        } finally {
            saved.delete();
        }
    }

    @Test
    void policyComboOffersOnlyInitPolicies() {
        SchedulerTab tab = open(new SchedulerTab());
        Combo policy = (Combo) control(tab, KernelLabLaunching.ATTR_INIT_POLICY);
        assertEquals(List.of("SCHED_WRR", "SCHED_NORMAL"), List.of(policy.getItems()));
        assertEquals("SCHED_WRR", policy.getText());
    }

    @Test
    void schedulerTabOffersTheReferenceOrAClassOfTheProject() {
        SchedulerTab tab = open(new SchedulerTab());
        Button builtIn = implementation(tab, "builtIn");
        Button own = implementation(tab, "project");
        Text schedClass = (Text) control(tab, KernelLabLaunching.ATTR_SCHED_CLASS);
        assertEquals("Built-in &reference (kernellab.examples.schedclass.WeightedRoundRobin)", builtIn.getText());
        assertTrue(builtIn.getSelection());
        assertFalse(schedClass.isEnabled(), "no class to type while the reference serves SCHED_WRR");
        assertFalse(((Button) control(tab, KernelLabLaunching.ATTR_REPLACE_FAIR)).getSelection());
        assertEquals("5000", ((Text) control(tab, KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS)).getText());

        choose(own, builtIn);
        assertTrue(schedClass.isEnabled());
        assertFalse(tab.isValid(configuration));
        assertEquals("Choose the class of the project that serves SCHED_WRR, or the built-in reference.", tab.getErrorMessage());
        assertError(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Missing",
                "Scheduling class 'demo.Missing' is not in project 'tabs-workloads'.");
        assertError(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Hog",
                "'demo.Hog' is not a scheduling class: it does not implement kernellab.api.sched.SchedClassOps.");
        assertError(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.HalfRr",
                "'demo.HalfRr' is abstract: a scheduling class must be a concrete class.");
        assertError(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.HiddenRr",
                "'demo.HiddenRr' is not public: the kernel cannot create it.");
        assertError(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.ArgRr",
                "'demo.ArgRr' has no public constructor without parameters: the kernel creates the class with one.");
        type(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Rr");
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());
        assertError(tab, KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS, "-1",
                "Stall watchdog (ms) must be from 0 to 600000; -1 is out of range.");
        type(tab, KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS, "0");
        assertTrue(tab.isValid(configuration), tab.getErrorMessage());

        type(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Missing");
        choose(builtIn, own);
        assertTrue(tab.isValid(configuration), "the reference needs no class: " + tab.getErrorMessage());
    }

    @Test
    void schedulerTabBrowseListsTheProjectsConcreteSchedulingClasses() throws Exception {
        SchedulerTab tab = open(new SchedulerTab());
        choose(implementation(tab, "project"), implementation(tab, "builtIn"));
        Display display = Display.getCurrent();
        AtomicReference<List<String>> listed = new AtomicReference<>();
        display.asyncExec(() -> {
            Shell chooser = null;
            try {
                Workbench.waitFor(() -> elementListShell(display) != null, 10_000, "the Scheduling Class dialog");
                chooser = elementListShell(display);
                Table classes = Widgets.find(chooser, Table.class);
                Workbench.waitFor(() -> classes.getItemCount() > 0, 10_000, "the dialog's list of classes");
                Workbench.spin(300);
                listed.set(Arrays.stream(classes.getItems()).map(TableItem::getText).toList());
                classes.setSelection(0);
                classes.notifyListeners(SWT.Selection, new Event());
                Workbench.spin(300);
                Widgets.press(chooser, "OK");
            } catch (Throwable e) {
                if (chooser != null && !chooser.isDisposed()) {
                    ((ElementListSelectionDialog) chooser.getData()).close();
                }
                listed.set(List.of(e.toString()));
            }
        });
        Widgets.press((Composite) tab.getControl(), "Bro&wse...");
        assertEquals(List.of("ArgRr - demo", "HiddenRr - demo", "Rr - demo"), listed.get(),
                "the concrete classes implementing SchedClassOps, not the abstract one nor the workloads");
        assertEquals("demo.ArgRr", ((Text) control(tab, KernelLabLaunching.ATTR_SCHED_CLASS)).getText());
    }

    @Test
    void schedulerChoicesSurviveSavingAndReopening() throws Exception {
        SchedulerTab tab = open(new SchedulerTab());
        choose(implementation(tab, "project"), implementation(tab, "builtIn"));
        type(tab, KernelLabLaunching.ATTR_SCHED_CLASS, "demo.Rr");
        Button replaceFair = (Button) control(tab, KernelLabLaunching.ATTR_REPLACE_FAIR);
        assertEquals("WRR &replaces the fair class (SCHED_NORMAL, SCHED_BATCH and SCHED_IDLE tasks too)", replaceFair.getText());
        replaceFair.setSelection(true);
        type(tab, KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS, "2000");
        tab.performApply(configuration);
        ILaunchConfiguration saved = configuration.doSave();
        try {
            SimulationSettings settings = SimulationSettings.read(saved);
            assertEquals(List.of("demo.Rr", "true", "2000"),
                    List.of(settings.schedClass(), Boolean.toString(settings.replaceFair()), settings.schedWatchdogMs()));
            shell.dispose();
            shell = new Shell();
            configuration = saved.getWorkingCopy();
            SchedulerTab reopened = open(new SchedulerTab());
            assertTrue(implementation(reopened, "project").getSelection());
            assertFalse(implementation(reopened, "builtIn").getSelection());
            assertEquals("demo.Rr", ((Text) control(reopened, KernelLabLaunching.ATTR_SCHED_CLASS)).getText());
            assertTrue(((Button) control(reopened, KernelLabLaunching.ATTR_REPLACE_FAIR)).getSelection());
            assertEquals("2000", ((Text) control(reopened, KernelLabLaunching.ATTR_SCHED_WATCHDOG_MS)).getText());
            assertTrue(reopened.isValid(configuration), reopened.getErrorMessage());
        } finally {
            saved.delete();
        }
    }

    /** Selects radio {@code on} and deselects {@code off} as a click does, with the selection event. */
    private static void choose(Button on, Button off) {
        off.setSelection(false);
        on.setSelection(true);
        on.notifyListeners(SWT.Selection, new Event());
    }

    private static Button implementation(SchedulerTab tab, String which) {
        return (Button) Widgets.tagged((Composite) tab.getControl(), "kernellab.schedImplementation", which);
    }

    private static Shell elementListShell(Display display) {
        for (Shell s : display.getShells()) {
            if (s.isVisible() && s.getData() instanceof ElementListSelectionDialog) {
                return s;
            }
        }
        return null;
    }

    private void assertRowError(WorkloadRow row, String expected) {
        SimulationSettings.writeWorkloads(configuration, List.of(row));
        WorkloadsTab tab = open(new WorkloadsTab());
        assertFalse(tab.isValid(configuration), "accepted " + row);
        assertEquals(expected, tab.getErrorMessage());
    }

    private <T extends ILaunchConfigurationTab> T open(T tab) {
        tab.setLaunchConfigurationDialog(new FakeLaunchDialog(tab));
        tab.createControl(shell);
        tab.initializeFrom(configuration);
        return tab;
    }

    private void assertError(ILaunchConfigurationTab tab, String attribute, String typed, String expected) {
        type(tab, attribute, typed);
        assertFalse(tab.isValid(configuration), "accepted " + attribute + "=" + typed);
        assertEquals(expected, tab.getErrorMessage());
    }

    private static void type(ILaunchConfigurationTab tab, String attribute, String text) {
        ((Text) control(tab, attribute)).setText(text);
    }

    /** Finds the control of a tab that edits {@code attribute} (the tabs tag them with "kernellab.attribute"). */
    static Control control(ILaunchConfigurationTab tab, String attribute) {
        Control found = Widgets.find((Composite) tab.getControl(), Control.class,
                c -> attribute.equals(c.getData("kernellab.attribute")));
        if (found == null) {
            throw new AssertionError("no control for " + attribute + " on tab " + tab.getName());
        }
        return found;
    }
}
