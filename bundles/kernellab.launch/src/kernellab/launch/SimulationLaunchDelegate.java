package kernellab.launch;

import java.io.File;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kernellab.api.Policy;
import kernellab.launch.internal.Messages;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.jdt.launching.AbstractJavaLaunchConfigurationDelegate;
import org.eclipse.jdt.launching.IVMRunner;
import org.eclipse.jdt.launching.VMRunnerConfiguration;
import org.eclipse.osgi.util.NLS;

/**
 * Launches a KernelLab simulation the way JDT launches a Java application: a separate JVM (the
 * configuration's JRE, VM arguments, environment and working directory) running the simulator
 * ({@code kernellab.runner.Main serve}) with the runner, core and api bundles and the workload
 * project's runtime class path, under JDWP in debug mode so Java breakpoints in workload classes
 * work. The IDE then connects to the simulator's loopback socket with a per-launch secret passed
 * in the environment, sends the machine and the workloads, and lets it run; the simulated tasks'
 * output and the kernel log appear in the Console as the {@link SimulationProcess}.
 */
public final class SimulationLaunchDelegate extends AbstractJavaLaunchConfigurationDelegate {

    /** Bundles whose jars make the simulator's class path, with the libraries it uses. */
    static final List<String> SIMULATOR_BUNDLES = List.of("kernellab.runner", "kernellab.core", "kernellab.api", "kernellab.examples",
            "org.eclipse.lsp4j.jsonrpc", "com.google.gson", "picocli", "org.jline", "org.objectweb.asm");

    /** Main class of the simulator JVM. */
    static final String SIMULATOR_MAIN = "kernellab.runner.Main";

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        SimulationSettings settings = SimulationSettings.read(configuration);
        Optional<String> problem = check(settings);
        if (problem.isPresent()) {
            throw new CoreException(Status.error(NLS.bind(Messages.Launch_invalid, configuration.getName(), problem.get())));
        }
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

        List<String> classpath = new ArrayList<>(simulatorClasspath());
        classpath.addAll(Arrays.asList(getClasspathAndModulepath(configuration)[0]));
        VMRunnerConfiguration vm = new VMRunnerConfiguration(SIMULATOR_MAIN, classpath.toArray(String[]::new));
        PortFile portFile = createPortFile();
        vm.setProgramArguments(new String[] {"serve", "--port-file", portFile.path()});
        vm.setVMArguments(DebugPlugin.parseArguments(getVMArguments(configuration)));
        vm.setEnvironment(environmentWith(getEnvironment(configuration), KernelLabProtocol.SECRET_ENV, secret));
        File workingDirectory = verifyWorkingDirectory(configuration);
        if (workingDirectory != null) {
            vm.setWorkingDirectory(workingDirectory.getAbsolutePath());
        }
        setDefaultSourceLocator(launch, configuration);

        IVMRunner runner = getVMRunner(configuration, mode);
        runner.run(vm, launch, monitor);
        IProcess[] processes = launch.getProcesses();
        if (processes.length == 0) {
            return;
        }
        IProcess simulatorJvm = processes[processes.length - 1];
        boolean debug = ILaunchManager.DEBUG_MODE.equals(mode);
        SimulatorConnection.open(launch, configuration.getName(), simulatorJvm, portFile, secret, launchParams(settings, debug),
                settings, debug);
    }

    private static PortFile createPortFile() throws CoreException {
        try {
            return PortFile.create();
        } catch (IOException e) {
            throw new CoreException(Status.error(e.getMessage(), e));
        }
    }

    /** @return the first problem of the settings, the project and the workload classes */
    static Optional<String> check(SimulationSettings settings) {
        Optional<String> problem = WorkloadClasses.checkProject(settings.projectName());
        if (problem.isEmpty()) {
            problem = settings.check();
        }
        for (WorkloadRow workload : settings.workloads()) {
            if (problem.isPresent()) {
                break;
            }
            problem = WorkloadClasses.checkClass(WorkloadClasses.javaProject(settings.projectName()), workload.className());
        }
        if (problem.isEmpty() && settings.hasOwnSchedClass()) {
            problem = WorkloadClasses.checkSchedClass(WorkloadClasses.javaProject(settings.projectName()), settings.schedClass());
        }
        return problem;
    }

    /**
     * The machine and workloads the simulator boots. Under the Java debugger the simulator's
     * watchdog is off: a workload stopped at a breakpoint is not a workload stuck in a loop.
     * The pushed event batches carry no events: the views take a batch only as the sign that the
     * simulation moved and read what they draw with {@code traceEvents}, so pushing every
     * recorded event would only cost the simulator serialising and the IDE reading them.
     */
    static LaunchParams launchParams(SimulationSettings s, boolean debug) {
        MachineSpec machine = new MachineSpec(s.cpuCount(), Long.parseLong(s.memoryMib().strip()) << 20,
                Integer.parseInt(s.hz()), Long.parseLong(s.seed().strip()), Policy.valueOf(s.initPolicy()),
                Long.parseLong(s.wrrBaseSliceMs().strip()), Long.parseLong(s.balancePeriodMs().strip()), s.idleBalance(),
                s.rtThrottling(), null, null, null, debug ? 0L : null, Integer.valueOf(s.pageTableLevels()),
                s.hasOwnSchedClass() ? s.schedClass().strip() : null, null, s.replaceFair(),
                Long.parseLong(s.schedWatchdogMs().strip()));
        List<WorkloadSpec> workloads = new ArrayList<>();
        for (WorkloadRow w : s.workloads()) {
            Policy policy = w.policyOrNull();
            workloads.add(new WorkloadSpec(w.className(), null, Integer.parseInt(w.count().strip()),
                    policy, policy.isRealTime() ? Integer.parseInt(w.priority().strip()) : 0,
                    policy == Policy.SCHED_WRR ? Integer.valueOf(w.weight().strip()) : null,
                    policy.isFair() ? Integer.valueOf(w.nice().strip()) : null,
                    w.affinity().isBlank() ? null : w.affinity().strip(), Integer.valueOf(w.uid().strip()), w.argumentList()));
        }
        return new LaunchParams(machine, workloads, List.of(), new StopCondition(null, true), List.of());
    }

    /** @return the jars (or class folders, in a development workbench) of {@link #SIMULATOR_BUNDLES} */
    public static List<String> simulatorClasspath() throws CoreException {
        List<String> entries = new ArrayList<>();
        for (String id : SIMULATOR_BUNDLES) {
            File location = BundleClasspath.of(id)
                    .orElseThrow(() -> new CoreException(Status.error(NLS.bind(Messages.Launch_runnerMissing, id))));
            entries.add(location.getPath());
        }
        return entries;
    }

    /** @return {@code environment} ({@code null}: the IDE's own) with one more variable */
    private static String[] environmentWith(String[] environment, String name, String value) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment == null) {
            variables.putAll(System.getenv());
        } else {
            for (String entry : environment) {
                int eq = entry.indexOf('=');
                variables.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        variables.put(name, value);
        return variables.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
