package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import kernellab.examples.Example;
import kernellab.examples.Examples;
import kernellab.examples.Topic;
import kernellab.launch.SimulationProcess;
import kernellab.launch.WorkloadClasses;
import kernellab.launch.classpath.KernelLabApiContainer;
import kernellab.ui.KernelLabPerspective;
import kernellab.ui.launch.SimulationLaunchShortcut;
import kernellab.ui.robot.Widgets;
import kernellab.ui.wizards.NewWorkloadProjectWizard;
import kernellab.ui.wizards.NewWorkloadWizard;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jdt.core.IClasspathEntry;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IMethod;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.IWizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** New > KernelLab Workload Project and New > Workload, clicked through as a student does. */
class WizardsTest {

    private WizardDialog dialog;

    @AfterEach
    void close() throws Exception {
        if (dialog != null && dialog.getShell() != null) {
            dialog.close();
        }
    }

    @Test
    void theProjectWizardMakesAWorkloadProjectInTheKernelLabPerspective() throws Exception {
        NewWorkloadProjectWizard wizard = new NewWorkloadProjectWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        dialog = open(wizard);
        Widgets.firstText(dialog.getShell()).setText("lab-workloads");
        Workbench.spin(200);
        Screenshots.save(dialog.getShell(), "new-workload-project");
        Widgets.press(dialog.getShell(), "&Next >");
        Tree examples = Widgets.find(dialog.getShell(), Tree.class, t -> t.isVisible() && (t.getStyle() & SWT.CHECK) != 0);
        Text description = (Text) Widgets.tagged(dialog.getShell(), "kernellab.examplesPage", "description");
        assertEquals(unchecked(Examples.topics()), Widgets.checkStates(examples), "nothing is checked at first");
        assertEquals("Select an example to read what it shows, its class and its arguments.", description.getText());

        TreeItem scheduling = Widgets.item(examples.getItems(), "Scheduling (SCHED_WRR lab)");
        Widgets.check(scheduling, true);
        assertEquals(List.of("[x] Scheduling (SCHED_WRR lab)", "[x] CPU hogs at different WRR weights (CpuHogs)",
                "[x] Trial-division prime factorizer (Factorizer)", "[x] Prime factorizer at weights 1-20 (FactorizerRace)",
                "[x] CPU-bound vs I/O-bound (CpuVsIo)", "[x] Thread placement: the thread-group tie-break (ThreadPlacement)",
                "[x] Load balancing (LoadBalance)", "[x] RT vs WRR vs NORMAL (PriorityClasses)",
                "[x] Test program for the weight system calls (WeightSyscalls)"), Widgets.checkStates(scheduling),
                "checking a topic checks its examples");
        Widgets.check(Widgets.item(scheduling.getItems(), "Test program for the weight system calls (WeightSyscalls)"), false);
        assertEquals(List.of("[-] Scheduling (SCHED_WRR lab)", "[x] CPU hogs at different WRR weights (CpuHogs)",
                "[x] Trial-division prime factorizer (Factorizer)", "[x] Prime factorizer at weights 1-20 (FactorizerRace)",
                "[x] CPU-bound vs I/O-bound (CpuVsIo)", "[x] Thread placement: the thread-group tie-break (ThreadPlacement)",
                "[x] Load balancing (LoadBalance)", "[x] RT vs WRR vs NORMAL (PriorityClasses)",
                "[ ] Test program for the weight system calls (WeightSyscalls)"), Widgets.checkStates(scheduling),
                "a topic with some of its examples checked is grayed");
        TreeItem kernel = Widgets.item(examples.getItems(), "Memory: kernel (kmalloc, slab caches, pages)");
        Widgets.check(Widgets.item(kernel.getItems(), "A slab cache for your own struct (StudentCache)"), true);
        Widgets.check(Widgets.item(kernel.getItems(), "alloc_pages at several orders (PageOrders)"), true);
        assertEquals(List.of("[-] Memory: kernel (kmalloc, slab caches, pages)",
                "[x] A slab cache for your own struct (StudentCache)", "[x] alloc_pages at several orders (PageOrders)",
                "[ ] kmalloc of various sizes (KmallocSizes)"), Widgets.checkStates(kernel),
                "checking some examples checks their topic, grayed");
        Widgets.check(Widgets.item(kernel.getItems(), "kmalloc of various sizes (KmallocSizes)"), true);
        assertEquals(List.of("[x] Memory: kernel (kmalloc, slab caches, pages)",
                "[x] A slab cache for your own struct (StudentCache)", "[x] alloc_pages at several orders (PageOrders)",
                "[x] kmalloc of various sizes (KmallocSizes)"), Widgets.checkStates(kernel),
                "checking the last one checks the topic fully");
        assertEquals(unchecked(Examples.topics().subList(1, 2)),
                Widgets.checkStates(Widgets.item(examples.getItems(), Examples.topics().get(1).title())));
        Widgets.collapse(Widgets.item(examples.getItems(), "Memory: user space (malloc, mmap, demand paging, copy-on-write)"));

        Widgets.select(Widgets.item(scheduling.getItems(), "Prime factorizer at weights 1-20 (FactorizerRace)"));
        assertEquals("""
                Twenty factorizers compete for CPU 0; each prints its turnaround, falling with its weight.
                Class: kernellab.examples.sched.FactorizerRace (a user-space workload, run as a process)
                Arguments: the number to factor (default 59259784889544), then the children's weights (default 20 down to 1)""",
                description.getText());
        Workbench.spin(200);
        Screenshots.save(dialog.getShell(), "new-workload-project-examples");
        Widgets.select(Widgets.item(kernel.getItems(), "A slab cache for your own struct (StudentCache)"));
        assertEquals("""
                kmem_cache_create/alloc/free/destroy; the cache's line in /proc/slabinfo.
                Class: kernellab.examples.memory.StudentCache (a kernel module, loaded with insmod)
                Arguments: none""", description.getText());
        Widgets.select(kernel);
        assertEquals("Kernel modules, loaded with insmod, that use the slab layer, kmalloc and the page allocator; "
                + "they print to the kernel log (dmesg).", description.getText());

        Widgets.press(dialog.getShell(), "&Deselect All");
        assertEquals(unchecked(Examples.topics()), Widgets.checkStates(examples));
        Widgets.press(dialog.getShell(), "&Select All");
        assertTrue(Widgets.checkStates(examples).stream().allMatch(s -> s.startsWith("[x] ")),
                () -> "Select All checks every topic and example: " + Widgets.checkStates(examples));
        Widgets.press(dialog.getShell(), "&Finish");
        Workbench.waitFor(() -> wizard.created() != null, 30_000, "the project");

        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("lab-workloads");
        IJavaProject javaProject = JavaCore.create(project);
        assertTrue(javaProject.exists());
        assertTrue(Arrays.asList(javaProject.getRawClasspath()).contains(KernelLabApiContainer.entry()),
                Arrays.toString(javaProject.getRawClasspath()));
        IClasspathEntry api = Arrays.stream(javaProject.getResolvedClasspath(true))
                .filter(e -> e.getPath().lastSegment().startsWith("kernellab.api")).findFirst().orElseThrow();
        assertNotNull(javaProject.findType("kernellab.api.Syscalls"), "the API resolves: " + api);
        assertEquals(KernelLabPerspective.ID, PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .getPerspective().getId());

        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertNoErrors(project);
        for (Example example : Examples.all()) {
            assertNotNull(javaProject.findType(example.type().getName()), example.type().getName() + " is in the project");
        }
        IType factorizer = javaProject.findType("kernellab.examples.sched.Factorizer");
        assertNotNull(factorizer, "the scheduling examples are in the project");
        ILaunch launch = Workbench.launchInBackground(SimulationLaunchShortcut.createConfiguration(factorizer),
                ILaunchManager.RUN_MODE);
        SimulationProcess simulation = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        Workbench.waitFor(simulation::isTerminated, 120_000, "the Factorizer example to run to its end");
        String output = simulation.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(output.contains("59259784889544: 2 2 2 3 1234577 2000003"), output);
        assertTrue(output.contains("Simulation ended (all workloads exited)"), output);

        IType where = javaProject.findType("kernellab.examples.addressspace.WhereInMemory");
        assertNotNull(where, "the memory examples are in the project");
        launch = Workbench.launchInBackground(SimulationLaunchShortcut.createConfiguration(where), ILaunchManager.RUN_MODE);
        SimulationProcess whereRun = (SimulationProcess) Arrays.stream(launch.getProcesses())
                .filter(SimulationProcess.class::isInstance).findFirst().orElseThrow();
        Workbench.waitFor(whereRun::isTerminated, 120_000, "the WhereInMemory example to run to its end");
        output = whereRun.getStreamsProxy().getOutputStreamMonitor().getContents();
        assertTrue(output.contains("555555559000-55555557a000 rw-p 00000000 00:00 0                          [heap]  <- "
                + "malloc(16), malloc(16) again"), output);
    }

    /** @return the lines of these topics and their examples as {@link Widgets#checkStates} shows them unchecked */
    private static List<String> unchecked(List<Topic> topics) {
        List<String> lines = new ArrayList<>();
        for (Topic topic : topics) {
            lines.add("[ ] " + topic.title());
            topic.examples().forEach(e -> lines.add("[ ] " + e.title() + " (" + e.type().getSimpleName() + ")"));
        }
        return lines;
    }

    private static void assertNoErrors(IProject project) throws Exception {
        IMarker[] problems = project.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_INFINITE);
        assertTrue(Arrays.stream(problems).noneMatch(m -> m.getAttribute(IMarker.SEVERITY, 0) == IMarker.SEVERITY_ERROR),
                Arrays.stream(problems).map(m -> m.getResource().getName() + ": " + m.getAttribute(IMarker.MESSAGE, ""))
                        .toList().toString());
    }

    @Test
    void theWorkloadWizardWritesAUserSpaceWorkloadThatCompiles() throws Exception {
        IJavaProject project = WorkloadProjects.create("wizard-workloads");
        NewWorkloadWizard wizard = new NewWorkloadWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project.getProject().getFolder("src")));
        dialog = open(wizard);
        wizard.page().setPackageFragment(project.getPackageFragmentRoot(project.getProject().getFolder("src"))
                .getPackageFragment("demo"), true);
        wizard.page().setTypeName("MyHog", true);
        Workbench.spin(200);
        Screenshots.save(dialog.getShell(), "new-workload");
        Widgets.press(dialog.getShell(), "&Finish");
        Workbench.waitFor(() -> type(project, "demo.MyHog") != null, 30_000, "the class");

        project.getProject().build(IncrementalProjectBuilder.FULL_BUILD, null);
        IType type = project.findType("demo.MyHog");
        assertEquals(List.of("Workload"), Arrays.asList(type.getSuperInterfaceNames()));
        assertTrue(type.getCompilationUnit().getSource().contains("public void run(Syscalls sys)"),
                type.getCompilationUnit().getSource());
        assertNoErrors(project.getProject());
    }

    @Test
    void theWorkloadWizardWritesASchedulingClassThatCompilesAgainstTheApiAlone() throws Exception {
        IJavaProject project = WorkloadProjects.create("wizard-schedclass");
        NewWorkloadWizard wizard = new NewWorkloadWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project.getProject().getFolder("src")));
        dialog = open(wizard);
        wizard.page().setPackageFragment(project.getPackageFragmentRoot(project.getProject().getFolder("src"))
                .getPackageFragment("demo"), true);
        wizard.page().setTypeName("MyWrr", true);
        Button schedClass = (Button) Widgets.tagged(dialog.getShell(), "kernellab.workloadKind",
                "kernellab.api.sched.SchedClassOps");
        assertEquals("&Scheduling class (kernellab.api.sched.SchedClassOps: serves SCHED_WRR, choose it on the Scheduler tab)",
                schedClass.getText());
        ((Button) Widgets.tagged(dialog.getShell(), "kernellab.workloadKind", "kernellab.api.Workload")).setSelection(false);
        schedClass.setSelection(true);
        Widgets.click(schedClass);
        Workbench.spin(200);
        Screenshots.save(dialog.getShell(), "new-workload-schedclass");
        Widgets.press(dialog.getShell(), "&Finish");
        Workbench.waitFor(() -> type(project, "demo.MyWrr") != null, 30_000, "the class");

        project.getProject().build(IncrementalProjectBuilder.FULL_BUILD, null);
        IType type = project.findType("demo.MyWrr");
        String source = type.getCompilationUnit().getSource();
        assertEquals(List.of("SchedClassOps"), Arrays.asList(type.getSuperInterfaceNames()));
        assertEquals(List.of("name", "enqueue", "dequeue", "pickNext"),
                Arrays.stream(type.getMethods()).map(IMethod::getElementName).toList(),
                "the hooks without a default, and only those: " + source);
        for (String stub : List.of("public String name()", "public void enqueue(int cpu, SchedTask p, QueueReason reason)",
                "public void dequeue(int cpu, SchedTask p, QueueReason reason)", "public SchedTask pickNext(int cpu)")) {
            assertTrue(source.contains(stub), stub + " in " + source);
        }
        assertTrue(Arrays.stream(project.getRawClasspath()).allMatch(e -> e.getEntryKind() != IClasspathEntry.CPE_PROJECT),
                "the project has the API library and the JRE, nothing of the kernel");
        assertNoErrors(project.getProject());
        assertTrue(WorkloadClasses.checkSchedClass(project, "demo.MyWrr").isEmpty(), "the Scheduler tab accepts it");
    }

    private static IType type(IJavaProject project, String name) {
        try {
            return project.findType(name);
        } catch (Exception e) {
            return null;
        }
    }

    private static WizardDialog open(IWizard wizard) {
        WizardDialog dialog = new WizardDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Workbench.spin(200);
        return dialog;
    }
}
