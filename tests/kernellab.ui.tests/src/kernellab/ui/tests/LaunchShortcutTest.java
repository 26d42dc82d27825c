package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.core.expressions.EvaluationContext;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.internal.ui.DebugUIPlugin;
import org.eclipse.debug.internal.ui.launchConfigurations.LaunchShortcutExtension;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IType;
import org.eclipse.jface.viewers.StructuredSelection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Run As / Debug As > KernelLab Simulation on a workload class creates, then reuses, its configuration. */
class LaunchShortcutTest {

    private static IJavaProject project;

    @BeforeAll
    static void createWorkloadProject() throws Exception {
        project = WorkloadProjects.create("shortcut-workloads", WorkloadProjects.hog("Hog"),
                WorkloadProjects.hog("OtherHog"), "public class Plain {\n}\n");
    }

    @AfterEach
    void deleteConfigurations() throws Exception {
        for (ILaunchConfiguration c : DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurations()) {
            c.delete();
        }
    }

    @Test
    void createsAConfigurationWithTheLabDefaults() throws Exception {
        ILaunchConfiguration configuration = SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "Hog"));

        assertEquals(KernelLabLaunching.ID_SIMULATION, configuration.getType().getIdentifier());
        assertEquals("Hog", configuration.getName());
        SimulationSettings settings = SimulationSettings.read(configuration);
        assertEquals("shortcut-workloads", settings.projectName());
        assertEquals(List.of(WorkloadRow.of("demo.Hog")), settings.workloads());
        assertEquals("0", settings.workloads().get(0).uid(), "root, as on the command line");
        assertEquals("4", settings.cpus());
        assertEquals("1000", settings.hz());
        assertEquals("SCHED_WRR", settings.initPolicy());
        assertEquals("10", settings.wrrBaseSliceMs());
        assertEquals("2000", settings.balancePeriodMs());
        assertTrue(settings.check().isEmpty(), settings.check().toString());
        assertArrayEquals(new Object[] {WorkloadProjects.type(project, "Hog").getResource()},
                configuration.getMappedResources());
    }

    @Test
    void reusesTheMatchingConfigurationForTheClassAndItsFile() throws Exception {
        IType hog = WorkloadProjects.type(project, "Hog");
        ILaunchConfiguration created = SimulationLaunchShortcut.createConfiguration(hog);
        SimulationLaunchShortcut.createConfiguration(WorkloadProjects.type(project, "OtherHog"));
        SimulationLaunchShortcut shortcut = new SimulationLaunchShortcut();

        assertArrayEquals(new ILaunchConfiguration[] {created},
                shortcut.getLaunchConfigurations(new StructuredSelection(hog)));
        assertArrayEquals(new ILaunchConfiguration[] {created},
                shortcut.getLaunchConfigurations(new StructuredSelection(hog.getCompilationUnit())));
        assertEquals(hog.getResource(), shortcut.getLaunchableResource(new StructuredSelection(hog)));
    }

    /** Debug As / Run As in a context menu list the shortcut when its enablement expression holds for the selection. */
    @Test
    void theContextMenusOfferItOnWorkloadClassesAndTheirFilesOnly() throws Exception {
        LaunchShortcutExtension shortcut = DebugUIPlugin.getDefault().getLaunchConfigurationManager().getLaunchShortcuts()
                .stream().filter(s -> "kernellab.ui.launch.shortcut".equals(s.getId())).findFirst().orElseThrow();
        IType hog = WorkloadProjects.type(project, "Hog");
        assertTrue(offers(shortcut, hog));
        assertTrue(offers(shortcut, hog.getCompilationUnit()));
        assertFalse(offers(shortcut, WorkloadProjects.type(project, "Plain").getCompilationUnit()));
    }

    /** Evaluates the shortcut's enablement as ContextualLaunchAction does when Debug As opens. */
    private static boolean offers(LaunchShortcutExtension shortcut, Object selected) throws Exception {
        List<Object> selection = List.of(selected);
        EvaluationContext context = new EvaluationContext(null, selection);
        context.setAllowPluginActivation(true);
        context.addVariable("selection", selection);
        return shortcut.evalEnablementExpression(context, shortcut.getContextualLaunchEnablementExpression());
    }

    @Test
    void offersNothingForAClassThatIsNoWorkload() throws Exception {
        IType plain = WorkloadProjects.type(project, "Plain");
        SimulationLaunchShortcut shortcut = new SimulationLaunchShortcut();

        assertNull(shortcut.getLaunchConfigurations(new StructuredSelection(plain)));
        assertNull(shortcut.getLaunchableResource(new StructuredSelection(plain)));
    }
}
