package kernellab.journey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import kernellab.examples.Example;
import kernellab.examples.Examples;
import kernellab.examples.Topic;
import kernellab.examples.addressspace.WhereInMemory;
import kernellab.examples.memory.StudentCache;
import kernellab.examples.sched.FactorizerRace;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSession;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.launch.classpath.KernelLabApiContainer;
import kernellab.launch.model.CpuThread;
import kernellab.launch.model.KernelDebugTarget;
import kernellab.launch.model.KernelEventBreakpoint;
import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TaskReport;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.memory.ProcessMapsView;
import kernellab.ui.memory.ProcessSelectionDialog;
import kernellab.ui.memory.internal.Messages;
import kernellab.ui.memory.SlabinfoView;
import kernellab.ui.robot.Widgets;
import kernellab.ui.sched.ResultsView;
import kernellab.ui.sched.RunQueuesView;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * What a student does in a fresh IDE with KernelLab installed (issue 10), done by a robot through
 * the widgets a student clicks: menus of the menu bar, context menus, wizard and dialog fields,
 * view tool bars, tree and table rows. Every check compares what a view shows with the model or
 * the simulator's own snapshot. Each step leaves its screenshot.
 */
final class StudentJourney {

    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final Duration LONG = Duration.ofMinutes(3);
    private static final String PROJECT = "lab-workloads";
    /** Key of the widget data naming the fields of the Add KernelLab Event Breakpoint dialog. */
    private static final String BREAKPOINT_FIELD = "kernellab.breakpointField";

    /**
     * CPU 0 at the breakpoint's third hit: FactorizerRace forked its 20 children onto CPU 0 and
     * sleeps in waitpid; the child of weight 20 (pid 3) ran its 200 ms slice, the one of weight 19
     * comes next.
     */
    private static final String THIRD_SWITCH_ON_CPU_0 = "CPU 0: FactorizerRace [4] SCHED_WRR w=19, slice 190 ms left "
            + "(Suspended: sched_switch on CPU 0 prev=FactorizerRace[3] next=FactorizerRace[4])";

    private final Ui ui;
    private final Journey journey;
    private KernelEventBreakpoint switchBreakpoint;
    private ILaunch race;

    StudentJourney(Ui ui, Journey journey) {
        this.ui = ui;
        this.journey = journey;
    }

    List<Step> steps() {
        return List.of(
                new Step("1", "opens the KernelLab perspective (Window > Perspective > Open Perspective > Other... > KernelLab)",
                        this::openTheKernelLabPerspective),
                new Step("2", "creates a workload project with File > New > Other... > KernelLab Workload Project, "
                        + "ticking every topic of examples (the WRR lab, memory in user space and in the kernel)",
                        this::createAWorkloadProject),
                new Step("3", "adds a sched_switch event breakpoint on CPU 0 (hit count 3) with the Breakpoints view's "
                        + "Add KernelLab Event Breakpoint button", this::addASchedSwitchBreakpoint),
                new Step("4", "right-clicks the FactorizerRace example in the Package Explorer > Debug As > KernelLab Simulation",
                        this::debugTheFactorizerRace),
                new Step("5", "waits for the stop and checks the Debug view's label, the Variables view's total_weight "
                        + "and the Run Queues view against the simulator's snapshot", this::inspectTheStop),
                new Step("6", "disables the breakpoint, resumes to the end (Run > Resume) and checks the Results view: "
                        + "a row per task, turnaround falling as the weight grows", this::resumeToTheResults),
                new Step("7a", "debugs the StudentCache kernel module to a slab-allocation breakpoint and checks its cache "
                        + "in the Slabinfo view", this::readTheSlabinfo),
                new Step("7b", "debugs the WhereInMemory example to a wake-up breakpoint and checks its mappings in the "
                        + "Process Maps view", this::readTheProcessMaps));
    }

    /** Step 1. */
    private void openTheKernelLabPerspective() {
        ui.run(() -> shell().setBounds(ui.display().getBounds()));
        clickMenu("Window", "Perspective", "Open Perspective", "Other...");
        Shell dialog = ui.shell("Open Perspective", SHORT);
        ui.waitFor("KernelLab in the list of perspectives", SHORT, () -> select(dialog, "KernelLab"));
        journey.screenshot(ui, dialog, "open-perspective");
        ui.click(ui.call(() -> Widgets.enabledButton(dialog, "Open")));
        ui.closed(dialog, "the Open Perspective dialog to close", SHORT);
        ui.waitFor("the KernelLab perspective", SHORT, () -> KernelLabPerspective.ID.equals(page().getPerspective().getId()));
        List<String> views = ui.call(() -> Arrays.stream(page().getViewReferences()).map(IViewReference::getId).toList());
        for (String id : List.of(JavaUI.ID_PACKAGES, IDebugUIConstants.ID_DEBUG_VIEW, IDebugUIConstants.ID_VARIABLE_VIEW,
                IDebugUIConstants.ID_BREAKPOINT_VIEW, KernelLabPerspective.VIEW_RUN_QUEUES, KernelLabPerspective.VIEW_RESULTS,
                KernelLabPerspective.VIEW_SLABINFO)) {
            check(views.contains(id), id + " is not in the KernelLab perspective; it has " + views);
        }
        journey.screenshot(ui, shell(), "kernellab-perspective");
    }

    /** Step 2. */
    private void createAWorkloadProject() throws Exception {
        clickMenu("File", "New", "Other...");
        Shell wizard = ui.shell("New", SHORT);
        ui.waitFor("KernelLab > KernelLab Workload Project in the list of wizards", SHORT, () -> {
            Tree wizards = Widgets.find(wizard, Tree.class, Tree::isVisible);
            TreeItem workloadProject = Widgets.item(expanded(wizards.getItems(), "KernelLab").getItems(),
                    "KernelLab Workload Project");
            Widgets.select(workloadProject);
            return Widgets.enabledButton(wizard, IDialogConstants.NEXT_LABEL);
        });
        journey.screenshot(ui, wizard, "new-wizard");
        ui.run(() -> Widgets.press(wizard, IDialogConstants.NEXT_LABEL));
        ui.waitFor("the project name to be accepted", SHORT, () -> {
            Widgets.firstText(wizard).setText(PROJECT);
            return Widgets.enabledButton(wizard, IDialogConstants.NEXT_LABEL);
        });
        journey.screenshot(ui, wizard, "project-name");
        ui.run(() -> Widgets.press(wizard, IDialogConstants.NEXT_LABEL));
        ui.waitFor("every topic ticked on the examples page, with all its examples", SHORT, () -> {
            Tree examples = Widgets.find(wizard, Tree.class, t -> t.isVisible() && (t.getStyle() & SWT.CHECK) != 0);
            for (Topic topic : Examples.topics()) {
                TreeItem item = Widgets.item(examples.getItems(), topic.title());
                check(item != null, "no topic '" + topic.title() + "' on the page: " + Widgets.texts(examples));
                Widgets.check(item, true);
                List<String> expected = new ArrayList<>(List.of("[x] " + topic.title()));
                topic.examples().forEach(e -> expected.add("[x] " + e.title() + " (" + e.type().getSimpleName() + ")"));
                check(expected.equals(Widgets.checkStates(item)), "ticking " + topic.title() + " did not tick its examples: "
                        + Widgets.checkStates(item));
            }
            return true;
        });
        journey.screenshot(ui, wizard, "examples");
        ui.click(ui.call(() -> Widgets.enabledButton(wizard, IDialogConstants.FINISH_LABEL)));
        ui.closed(wizard, "the wizard to create the project", LONG);
        Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);

        IJavaProject project = JavaCore.create(ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT));
        check(project.exists(), "no Java project " + PROJECT);
        check(Arrays.asList(project.getRawClasspath()).contains(KernelLabApiContainer.entry()),
                "the project does not use the KernelLab API library: " + Arrays.toString(project.getRawClasspath()));
        for (Example example : Examples.all()) {
            check(project.findType(example.type().getName()) != null, example.type().getName() + " was not copied");
        }
        List<String> errors = new ArrayList<>();
        for (IMarker problem : project.getProject().findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE)) {
            if (problem.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR) {
                errors.add(problem.getResource().getName() + ": " + problem.getAttribute(IMarker.MESSAGE, ""));
            }
        }
        check(errors.isEmpty(), "the new project does not compile: " + errors);
        ui.waitFor("the KernelLab perspective after Finish", SHORT,
                () -> KernelLabPerspective.ID.equals(page().getPerspective().getId()));
        IViewPart explorer = showView(JavaUI.ID_PACKAGES);
        ui.waitFor(PROJECT + " in the Package Explorer", SHORT,
                () -> Widgets.item(tree(explorer).getItems(), PROJECT) != null);
        journey.screenshot(ui, shell(), "workload-project");
    }

    /** Step 3. */
    private void addASchedSwitchBreakpoint() throws Exception {
        switchBreakpoint = addEventBreakpoint("sched_switch (context switch)", Map.of("cpu", "0", "hitCount", "3"),
                "add-sched-switch-breakpoint");
        check(switchBreakpoint.kind() == BreakpointKind.SCHED_SWITCH, "kind " + switchBreakpoint.kind());
        check(new KernelEventBreakpoint.Filter(0, null, null, null, null, null, 3).equals(switchBreakpoint.filter()),
                "filters " + switchBreakpoint.filter());
        check("sched_switch on CPU 0, hit count 3".equals(switchBreakpoint.label()), switchBreakpoint.label());
        journey.screenshot(ui, shell(), "breakpoints-view");
    }

    /** Step 4. */
    private void debugTheFactorizerRace() throws Exception {
        race = debugFromThePackageExplorer(FactorizerRace.class);
        ILaunchConfiguration configuration = race.getLaunchConfiguration();
        check(KernelLabLaunching.ID_SIMULATION.equals(configuration.getType().getIdentifier()),
                "launched a " + configuration.getType().getName());
        SimulationSettings settings = SimulationSettings.read(configuration);
        check(PROJECT.equals(settings.projectName()), "project " + settings.projectName());
        check(List.of(WorkloadRow.of(FactorizerRace.class.getName())).equals(settings.workloads()),
                "workloads " + settings.workloads());
        journey.screenshot(ui, shell(), "debug-as");
    }

    /** Step 5. */
    private void inspectTheStop() throws Exception {
        KernelDebugTarget target = targetOf(race);
        ui.waitUntil("the simulation to stop at the breakpoint", LONG, target::isSuspended);
        CpuThread cpu0 = target.thread(0);
        check(Arrays.asList(cpu0.getBreakpoints()).contains(switchBreakpoint),
                "CPU 0 is not stopped at the breakpoint: " + cpu0.getName());
        RunQueuesSnapshot snapshot = SimulationSession.of(race).orElseThrow().server().runQueues().get(30, TimeUnit.SECONDS);
        CpuRunQueue rq0 = snapshot.cpus().get(0);
        check(rq0.queue("wrr").tasks().stream().map(TaskInfo::weight).sorted().toList().equals(IntStream.rangeClosed(1, 20).boxed().toList()),
                "CPU 0's WRR queue should hold the race's 20 children of weights 1 to 20: " + rq0.queue("wrr").tasks());
        check(rq0.totalWeight() == 210 && rq0.queue("rt").tasks().isEmpty() && rq0.queue("cfs").tasks().isEmpty(),
                "CPU 0 should have only the 20 WRR children, total_weight 210: " + rq0);

        IViewPart debugView = showView(IDebugUIConstants.ID_DEBUG_VIEW);
        String threadLabel = cpu0.getName();
        check(THIRD_SWITCH_ON_CPU_0.equals(threadLabel), "CPU 0's label is \"" + threadLabel + "\", expected \""
                + THIRD_SWITCH_ON_CPU_0 + "\"");
        String targetLabel = target.getName();
        String frameLabel = cpu0.getTopStackFrame().getName();
        check("Simulated kernel (4 CPUs) at 0.200000000 s".equals(targetLabel), "the simulated kernel's label: " + targetLabel);
        ui.waitFor("the Debug view to show \"" + threadLabel + "\" with its frame \"" + frameLabel + "\"", SHORT, () -> {
            Tree tree = tree(debugView);
            check(Widgets.item(tree, targetLabel::equals) != null, "no \"" + targetLabel + "\" in " + Widgets.texts(tree));
            TreeItem thread = Widgets.item(tree, threadLabel::equals);
            check(thread != null, "not among " + Widgets.texts(tree));
            Widgets.expand(thread);
            TreeItem frame = Widgets.item(thread.getItems(), frameLabel);
            check(frame != null, "no frame under CPU 0: " + Widgets.texts(tree));
            Widgets.select(frame);
            return true;
        });

        IViewPart variables = showView(IDebugUIConstants.ID_VARIABLE_VIEW);
        String totalWeight = ui.waitFor("rq > wrr > total_weight in the Variables view", SHORT, () -> {
            Tree tree = tree(variables);
            TreeItem wrr = Widgets.item(expanded(tree.getItems(), "rq").getItems(), "wrr");
            check(wrr != null, "no wrr under rq: " + Widgets.texts(tree));
            Widgets.expand(wrr);
            TreeItem item = Widgets.item(wrr.getItems(), "total_weight");
            check(item != null, "no total_weight under wrr: " + Widgets.texts(tree));
            return value(item);
        });
        check(Long.toString(rq0.totalWeight()).equals(totalWeight),
                "the Variables view shows total_weight " + totalWeight + ", the simulator " + rq0.totalWeight());

        RunQueuesView runQueues = (RunQueuesView) showView(RunQueuesView.ID);
        ui.waitFor("the Run Queues view to show the stop", SHORT,
                () -> snapshot.equals(runQueues.shown().orElse(null)) && runQueues.isUpToDate());
        List<List<String>> expected = rq0.queue("wrr").tasks().stream().map(t -> List.of("WRR", Integer.toString(t.pid()),
                (t.pid() == rq0.curr().pid() ? "\u25B6 " : "") + t.comm(), Integer.toString(t.weight()))).toList();
        List<List<String>> shown = ui.call(() -> {
            Table table = runQueues.viewer(0).getTable();
            List<List<String>> rows = new ArrayList<>();
            for (int row = 0; row < table.getItemCount(); row++) {
                rows.add(Widgets.cells(table, row).subList(0, 4));
            }
            return rows;
        });
        check(expected.equals(shown), "Run Queues shows CPU 0 as\n" + shown + "\nthe simulator has\n" + expected);
        String curr = ui.call(() -> runQueues.currentText(0));
        check(String.format("curr: %s [%d] SCHED_WRR", rq0.curr().comm(), rq0.curr().pid()).equals(curr), curr);
        journey.screenshot(ui, shell(), "debug-stop");
    }

    /** Step 6. */
    private void resumeToTheResults() throws Exception {
        IViewPart breakpoints = showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        String label = switchBreakpoint.label();
        ui.waitFor("\"" + label + "\" in the Breakpoints view, to clear its check box", SHORT, () -> {
            TreeItem item = Widgets.item(tree(breakpoints), label::equals);
            check(item != null, "not among " + Widgets.texts(tree(breakpoints)));
            Widgets.check(item, false);
            return true;
        });
        ui.waitUntil("the breakpoint to be disabled", SHORT, () -> !isEnabled(switchBreakpoint));
        showView(IDebugUIConstants.ID_DEBUG_VIEW);
        clickMenu("Run", "Resume");
        KernelDebugTarget target = targetOf(race);
        SimulationSession session = SimulationSession.of(race).orElseThrow();
        ui.waitUntil("the FactorizerRace simulation to run to its end", LONG, () -> session.report().isPresent());
        SimulationReport report = session.report().get();

        ResultsView results = (ResultsView) showView(ResultsView.ID);
        ui.waitFor("the run's report in the Results view", SHORT,
                () -> results.shown().map(ResultsView.Results::finished).orElse(false) && results.isUpToDate());
        List<Map<String, String>> rows = ui.call(() -> Widgets.rows(Widgets.find(partControl(results), Table.class)));
        check(report.tasks().size() == 21, "the race and its 20 children should be in the report: " + report.tasks());
        check(rows.size() == report.tasks().size(), "the Results view has " + rows.size() + " rows for "
                + report.tasks().size() + " tasks: " + rows);
        for (int i = 0; i < rows.size(); i++) {
            TaskReport task = report.tasks().get(i);
            List<String> expected = List.of(Integer.toString(task.pid()), task.comm(), task.policy().name(),
                    Integer.toString(task.weight()), seconds(task.turnaroundNs()), String.valueOf(task.exitStatus()));
            Map<String, String> row = rows.get(i);
            List<String> shown = List.of(row.get("PID"), row.get("Comm"), row.get("Policy"), row.get("Weight"),
                    row.get("Turnaround"), row.get("Exit"));
            check(expected.equals(shown), "row " + i + " of the Results view is " + row + ", the report says " + task);
        }
        List<TaskReport> children = report.tasks().stream().skip(1).sorted(Comparator.comparingInt(TaskReport::weight)).toList();
        check(children.stream().map(TaskReport::weight).toList().equals(IntStream.rangeClosed(1, 20).boxed().toList()),
                "the children's weights: " + children);
        for (int i = 1; i < children.size(); i++) {
            check(children.get(i).turnaroundNs() < children.get(i - 1).turnaroundNs(), "weight " + children.get(i).weight()
                    + " finished no sooner than weight " + children.get(i - 1).weight() + ": " + children);
        }
        check(target.isTerminated(), "the debug target is still alive after the end of the run");
        maximizedScreenshot(results, "results");
    }

    /** Step 7a. */
    private void readTheSlabinfo() throws Exception {
        String cache = StudentCache.CACHE_NAME;
        addEventBreakpoint("kmem_cache_alloc / kmalloc (slab allocation)", Map.of("cache", cache), "add-slab-breakpoint");
        ILaunch launch = debugFromThePackageExplorer(StudentCache.class);
        KernelDebugTarget target = targetOf(launch);
        ui.waitUntil("StudentCache to stop at the slab-allocation breakpoint", LONG, target::isSuspended);
        String slabinfo = SimulationSession.of(launch).orElseThrow().server().readFile(new ProcFileParams("/proc/slabinfo"))
                .get(30, TimeUnit.SECONDS).text();
        String[] fields = slabinfo.lines().filter(l -> l.startsWith(cache + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + cache + " in /proc/slabinfo:\n" + slabinfo)).trim().split("\\s+");
        List<String> expected = List.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[13], fields[14]);

        SlabinfoView view = (SlabinfoView) showView(SlabinfoView.ID);
        ui.run(() -> Widgets.find(partControl(view), Text.class, t -> (t.getStyle() & SWT.SEARCH) != 0).setText(cache));
        List<String> shown = ui.waitFor("the Slabinfo view to list only " + cache, SHORT, () -> {
            Table table = view.viewer().getTable();
            return view.isUpToDate() && table.getItemCount() == 1 ? Widgets.cells(table, 0) : null;
        });
        check(expected.equals(shown), "Slabinfo shows " + shown + ", /proc/slabinfo has " + expected);
        ui.run(() -> Widgets.select(view.viewer().getTable().getItem(0)));
        ui.waitFor("the slabs of " + cache, SHORT, () -> view.detail() != null && cache.equals(view.detail().cache().name()));
        maximizedScreenshot(view, "slabinfo");
        launch.terminate();
    }

    /**
     * Step 7b: WhereInMemory stopped when it wakes from the pause it makes for this (its heap and
     * its 1 MiB block still mapped); Process Maps, with its process chosen in the Choose Process dialog, lists the
     * process's VMAs as /proc/PID/maps does.
     */
    private void readTheProcessMaps() throws Exception {
        String comm = WhereInMemory.class.getSimpleName();
        addEventBreakpoint("sched_wakeup (wake-up)", Map.of("comm", comm), "add-wakeup-breakpoint");
        ILaunch launch = debugFromThePackageExplorer(WhereInMemory.class);
        KernelDebugTarget target = targetOf(launch);
        ui.waitUntil(comm + " to stop when it wakes up", LONG, target::isSuspended);
        KernelLabServer server = SimulationSession.of(launch).orElseThrow().server();
        int pid = server.tasks().get(30, TimeUnit.SECONDS).tasks().stream().filter(t -> comm.equals(t.comm()))
                .mapToInt(TaskInfo::tgid).findFirst().orElseThrow(() -> new AssertionError("no " + comm + " task"));
        String maps = server.readFile(new ProcFileParams("/proc/" + pid + "/maps")).get(30, TimeUnit.SECONDS).text();
        List<List<String>> expected = maps.lines().filter(l -> !l.endsWith("[vsyscall]")).map(l -> {
            String[] f = l.split(" +", 6);
            return List.of(f[0], f[1], f[2], f[3], f[4], f.length > 5 ? f[5].strip() : "");
        }).toList();
        check(expected.stream().anyMatch(l -> l.get(5).equals("[heap]")) && expected.stream().anyMatch(l -> l.get(5)
                .equals("/usr/bin/" + comm)), "/proc/" + pid + "/maps lacks the heap or the program:\n" + maps);

        ProcessMapsView view = (ProcessMapsView) showView(ProcessMapsView.ID);
        String process = ProcessSelectionDialog.label(comm, pid);
        ui.click(ui.call(() -> Widgets.enabledButton(view.getSite().getShell(),
                Messages.ProcessMapsView_chooseButton)));
        Shell chooser = ui.shell(Messages.ProcessSelectionDialog_title, SHORT);
        ui.run(() -> Widgets.firstText(chooser).setText(Integer.toString(pid)));
        ui.waitFor(process + " alone in the Choose Process list", SHORT, () -> {
            Table list = Widgets.find(chooser, Table.class);
            if (list.getItemCount() != 1 || !process.equals(list.getItem(0).getText())) {
                return null;
            }
            Widgets.select(list.getItem(0));
            return Widgets.enabledButton(chooser, IDialogConstants.OK_LABEL);
        });
        journey.screenshot(ui, chooser, "choose-process");
        ui.click(ui.call(() -> Widgets.enabledButton(chooser, IDialogConstants.OK_LABEL)));
        ui.closed(chooser, "the Choose Process dialog to close", SHORT);
        ui.waitFor(process + " in the Process Maps view", SHORT, () -> view.isUpToDate()
                && view.shown().map(state -> state.pid() == pid && state.maps() != null).orElse(false));
        List<List<String>> shown = ui.call(() -> {
            Table table = view.viewer().getTable();
            List<List<String>> rows = new ArrayList<>();
            for (int row = 0; row < table.getItemCount(); row++) {
                rows.add(Widgets.cells(table, row).subList(0, 6));
            }
            return rows;
        });
        check(expected.equals(shown), "Process Maps shows\n" + shown + "\n/proc/" + pid + "/maps has\n" + expected);
        maximizedScreenshot(view, "process-maps");
        launch.terminate();
    }

    /**
     * Adds an event breakpoint as a student does: the Breakpoints view's tool bar button, the
     * dialog's fields, OK; and checks that the view lists it.
     *
     * @param kind the event as the dialog's combo lists it
     * @param fields the other fields by name ({@code cpu}, {@code pid}, {@code comm}, {@code cache}, {@code hitCount} ...)
     */
    private KernelEventBreakpoint addEventBreakpoint(String kind, Map<String, String> fields, String screenshot) {
        IViewPart view = showView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        ToolItem add = ui.waitFor("the Breakpoints view's Add KernelLab Event Breakpoint button", SHORT,
                () -> Widgets.toolItem(toolBar(view), "Add KernelLab Event Breakpoint"));
        Set<IBreakpoint> before = Set.of(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints());
        ui.click(add);
        Shell dialog = ui.shell("Add KernelLab Event Breakpoint", SHORT);
        ui.run(() -> {
            Widgets.choose((Combo) Widgets.tagged(dialog, BREAKPOINT_FIELD, "kind"), kind);
            fields.forEach((field, value) -> ((Text) Widgets.tagged(dialog, BREAKPOINT_FIELD, field)).setText(value));
        });
        journey.screenshot(ui, dialog, screenshot);
        ui.click(ui.call(() -> Widgets.enabledButton(dialog, IDialogConstants.OK_LABEL)));
        ui.closed(dialog, "the dialog to add the breakpoint", SHORT);
        List<IBreakpoint> added = new ArrayList<>(List.of(DebugPlugin.getDefault().getBreakpointManager().getBreakpoints()));
        added.removeAll(before);
        check(added.size() == 1 && added.get(0) instanceof KernelEventBreakpoint, "OK added " + added);
        KernelEventBreakpoint breakpoint = (KernelEventBreakpoint) added.get(0);
        String label = breakpoint.label();
        ui.waitFor("the Breakpoints view to list \"" + label + "\"", SHORT,
                () -> Widgets.item(tree(view), label::equals) != null);
        return breakpoint;
    }

    /**
     * Debugs an example as a student does: expands the project, src and the package in the
     * Package Explorer, opens the file (double click), then right-click > Debug As > KernelLab
     * Simulation.
     *
     * @return the launch it started, once it has its simulated kernel
     */
    private ILaunch debugFromThePackageExplorer(Class<?> example) {
        IViewPart explorer = showView(JavaUI.ID_PACKAGES);
        String file = example.getSimpleName() + ".java";
        TreeItem item = ui.waitFor(file + " in the Package Explorer", SHORT, () -> {
            Tree tree = tree(explorer);
            TreeItem source = expanded(expanded(tree.getItems(), PROJECT).getItems(), "src");
            TreeItem found = Widgets.item(expanded(source.getItems(), example.getPackageName()).getItems(), file);
            check(found != null, "no " + file + " in " + Widgets.texts(tree));
            Widgets.select(found);
            return found;
        });
        ui.run(() -> Widgets.open(item));
        ui.waitFor(file + " open in the editor", SHORT, () -> page().getActiveEditor() != null
                && file.equals(page().getActiveEditor().getTitle()));
        ui.run(() -> Widgets.select(item));
        Set<ILaunch> before = new HashSet<>(List.of(launchManager().getLaunches()));
        List<Menu> opened = new ArrayList<>();
        MenuItem debug = ui.call(() -> {
            Menu popup = item.getParent().getMenu();
            opened.add(popup);
            MenuItem debugAs = Widgets.menuItem(popup, "Debug As");
            opened.add(debugAs.getMenu());
            return Widgets.menuItem(debugAs.getMenu(), "KernelLab Simulation");
        });
        click(debug, opened);
        // the launch that shows first may be Debug UI's placeholder "(waiting for build...)": wait for the simulated kernel
        return ui.waitFor("Debug As > KernelLab Simulation to launch " + example.getSimpleName(), LONG,
                () -> Arrays.stream(launchManager().getLaunches()).filter(l -> !before.contains(l)
                        && ILaunchManager.DEBUG_MODE.equals(l.getLaunchMode())
                        && Arrays.stream(l.getDebugTargets()).anyMatch(KernelDebugTarget.class::isInstance))
                        .findFirst().orElse(null));
    }

    /** Clicks an item of the menu bar, e.g. Window > Perspective > Open Perspective > Other... */
    private void clickMenu(String... path) {
        List<Menu> opened = new ArrayList<>();
        MenuItem item = ui.call(() -> {
            Menu menu = shell().getMenuBar();
            MenuItem found = null;
            for (String label : path) {
                if (found != null) {
                    menu = found.getMenu();
                }
                opened.add(menu);
                found = Widgets.menuItem(menu, label);
            }
            check(found.isEnabled(), String.join(" > ", path) + " is disabled");
            return found;
        });
        click(item, opened);
    }

    /** Clicks a menu item, then closes the menus opened to reach it, innermost first. */
    private void click(MenuItem item, List<Menu> opened) {
        ui.later(() -> {
            for (int i = opened.size() - 1; i >= 0; i--) {
                Widgets.hide(opened.get(i));
            }
            Widgets.click(item);
        });
    }

    /** Selects the item labelled {@code label} in the first table or tree of {@code parent} that has one. */
    private static boolean select(Composite parent, String label) {
        Table table = Widgets.find(parent, Table.class, t -> t.isVisible() && Widgets.item(t.getItems(), label) != null);
        if (table != null) {
            Widgets.select(Widgets.item(table.getItems(), label));
            return true;
        }
        Tree tree = Widgets.find(parent, Tree.class, t -> t.isVisible() && Widgets.item(t.getItems(), label) != null);
        if (tree != null) {
            Widgets.select(Widgets.item(tree.getItems(), label));
            return true;
        }
        return false;
    }

    /** @return the item labelled {@code label}, expanded */
    private static TreeItem expanded(TreeItem[] items, String label) {
        TreeItem item = Widgets.item(items, label);
        check(item != null, "no '" + label + "' among " + Arrays.stream(items).map(TreeItem::getText).toList());
        Widgets.expand(item);
        return item;
    }

    /** @return the value a variables tree shows for a variable: its Value column, or what follows "=" in its label */
    private static String value(TreeItem variable) {
        if (variable.getParent().getColumnCount() > 1) {
            return variable.getText(1).isEmpty() ? null : variable.getText(1);
        }
        String label = variable.getText();
        int equals = label.indexOf('=');
        return equals < 0 ? null : label.substring(equals + 1).strip();
    }

    private void maximizedScreenshot(IViewPart view, String name) {
        IWorkbenchPartReference reference = ui.call(() -> page().getReference(view));
        ui.run(() -> page().setPartState(reference, IWorkbenchPage.STATE_MAXIMIZED));
        try {
            journey.screenshot(ui, shell(), name);
        } finally {
            ui.run(() -> page().setPartState(reference, IWorkbenchPage.STATE_RESTORED));
        }
    }

    private IViewPart showView(String id) {
        return ui.call(() -> page().showView(id));
    }

    /** @return the simulated kernel of a launch that {@link #debugFromThePackageExplorer} returned */
    private static KernelDebugTarget targetOf(ILaunch launch) {
        return Arrays.stream(launch.getDebugTargets()).filter(KernelDebugTarget.class::isInstance)
                .map(KernelDebugTarget.class::cast).findFirst().orElseThrow();
    }

    /** @return the view's control (call on the UI thread) */
    private static Composite partControl(IViewPart view) {
        return (Composite) view.getSite().getService(MPart.class).getWidget();
    }

    /** @return the view's first tree (call on the UI thread) */
    private static Tree tree(IViewPart view) {
        Tree tree = Widgets.find(partControl(view), Tree.class);
        check(tree != null, "no tree in " + view.getTitle());
        return tree;
    }

    /** @return the view's tool bar (call on the UI thread) */
    private static ToolBar toolBar(IViewPart view) {
        IToolBarManager manager = view.getViewSite().getActionBars().getToolBarManager();
        ToolBar toolBar = manager instanceof ToolBarManager m ? m.getControl() : null;
        check(toolBar != null, "no tool bar in " + view.getTitle());
        return toolBar;
    }

    private static IWorkbenchWindow window() {
        return PlatformUI.getWorkbench().getWorkbenchWindows()[0];
    }

    private static IWorkbenchPage page() {
        return window().getActivePage();
    }

    private static Shell shell() {
        return window().getShell();
    }

    private static ILaunchManager launchManager() {
        return DebugPlugin.getDefault().getLaunchManager();
    }

    private static boolean isEnabled(IBreakpoint breakpoint) {
        try {
            return breakpoint.isEnabled();
        } catch (CoreException e) {
            throw new AssertionError(e);
        }
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
