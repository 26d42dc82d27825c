package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadRow;
import kernellab.ui.launch.SimulationLaunchShortcut;

import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
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

    @Test
    void offersNothingForAClassThatIsNoWorkload() throws Exception {
        IType plain = WorkloadProjects.type(project, "Plain");
        SimulationLaunchShortcut shortcut = new SimulationLaunchShortcut();

        assertNull(shortcut.getLaunchConfigurations(new StructuredSelection(plain)));
        assertNull(shortcut.getLaunchableResource(new StructuredSelection(plain)));
    }
}
