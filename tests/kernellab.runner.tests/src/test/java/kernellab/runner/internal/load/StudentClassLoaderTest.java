package kernellab.runner.internal.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Collections;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kernellab.core.sched.Task;
import kernellab.core.sim.CodeBudget;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.WorkloadSpec;

/** Student classes compiled at test time and loaded through {@link StudentClassLoader}. */
public class StudentClassLoaderTest {

    /** Where the runaway workloads leave their threads (this class comes from the simulator's loader). */
    public static final List<Thread> THREADS = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    /** Compiles each {@code demo.NAME} from its source (after the package line, so its line 1 is line 2) into {@link #dir}. */
    private void compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        List<String> args = new ArrayList<>(List.of("-g", "-d", dir.resolve("classes").toString(), "-cp",
                System.getProperty("java.class.path")));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve("demo").resolve(e.getKey() + ".java");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "package demo;\n" + e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
    }

    private Workloads workloads() {
        return new Workloads(List.of(dir.resolve("classes").toString()));
    }

    private static MachineSpec machine(long watchdogMillis) {
        return new MachineSpec(2, null, null, 42L, null, null, null, null, null, null, null, null, watchdogMillis, null, null, null, null, null);
    }

    private List<Task> run(Simulation sim, String... programs) throws WorkloadException {
        List<WorkloadSpec> specs = new ArrayList<>();
        for (String p : programs) {
            specs.add(WorkloadSpec.of(p));
        }
        List<Task> tasks = sim.launch(specs, workloads());
        assertTrue(sim.advance(Long.MAX_VALUE).ended());
        return tasks;
    }

    @Test
    void systemExitEndsOnlyTheTaskWithItsStatus() throws Exception {
        compile(Map.of("Exiter", """
                public class Exiter implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        sys.compute(1_000_000);
                        try {
                            System.exit(3);
                        } catch (Throwable t) {
                            sys.print("swallowed " + t);
                        }
                        sys.print("after exit");
                    }
                }
                """, "Halter", """
                public class Halter implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        Runtime.getRuntime().halt(4);
                    }
                }
                """));
        List<String> output = new ArrayList<>();
        try (Simulation sim = new Simulation(machine(0), workloads(), new StopCondition(null, true), 1_000_000L, 0)) {
            sim.addOutputListener((t, text) -> output.add(t.comm() + ": " + text));
            List<Task> tasks = run(sim, "demo.Exiter", "cpu-bound:20ms", "demo.Halter");
            assertEquals(List.of(3, 0, 4), tasks.stream().map(Task::shellExitStatus).toList());
            assertEquals(1_000_000L, tasks.get(0).exitTime());
            assertEquals(20_000_000L, tasks.get(1).exitTime());
            assertEquals(List.of(), output);
            assertEquals(List.of(3, 0, 4), sim.report("done").tasks().stream().map(r -> r.exitStatus()).toList());
        }
    }

    @Test
    void startingAThreadIsRefusedAtLoadWithTheSourceLine() throws Exception {
        compile(Map.of("Spawner", """
                public class Spawner implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        Thread t = new Thread(() -> {});
                        t.start();
                        Runtime.getRuntime().addShutdownHook(t);
                        java.util.concurrent.Executors.newFixedThreadPool(2);
                    }
                }
                """));
        WorkloadException e = assertThrows(WorkloadException.class, () -> workloads().workloadClass("demo.Spawner"));
        assertEquals("""
                workload class demo.Spawner is refused:
                demo.Spawner.run(Spawner.java:4): new Thread(...) is not allowed in workload code: the simulated kernel runs \
                one task at a time; use Syscalls.createThread(...) to create a thread, or Syscalls.fork(...) for a process.
                demo.Spawner.run(Spawner.java:5): Thread.start(...) is not allowed in workload code: the simulated kernel runs \
                one task at a time; use Syscalls.createThread(...) to create a thread, or Syscalls.fork(...) for a process.
                demo.Spawner.run(Spawner.java:6): Runtime.addShutdownHook(...) is not allowed in workload code: the \
                simulator's JVM outlives the task; clean up before calling Syscalls.exit(...), or at the end of run().
                demo.Spawner.run(Spawner.java:7): Executors.newFixedThreadPool(...) is not allowed in workload code: the \
                simulated kernel runs one task at a time; use Syscalls.createThread(...) to create a thread, or \
                Syscalls.fork(...) for a process.""", e.getMessage());
    }

    @Test
    void wallClockTimeIsTheSimulatedClock() throws Exception {
        compile(Map.of("Clock", """
                public class Clock implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        sys.compute(5_000_000);
                        sys.print(System.currentTimeMillis() + " " + System.nanoTime() + " " + java.time.Instant.now()
                                + " " + java.time.LocalTime.now(java.time.ZoneOffset.UTC));
                    }
                }
                """));
        List<String> output = new ArrayList<>();
        try (Simulation sim = new Simulation(machine(0), workloads(), new StopCondition(null, true), 1_000_000L, 0)) {
            sim.addOutputListener((t, text) -> output.add(text));
            run(sim, "demo.Clock");
        }
        assertEquals(List.of("5 5000000 1970-01-01T00:00:00.005Z 00:00:00.005"), output);
    }

    @Test
    void unseededRandomnessIsTheMachinesSeededSource() throws Exception {
        compile(Map.of("Dice", """
                public class Dice implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        java.util.List<Integer> l = new java.util.ArrayList<>(java.util.List.of(1, 2, 3, 4, 5, 6));
                        java.util.Collections.shuffle(l);
                        sys.print(Math.random() + " " + new java.util.Random().nextInt(1000) + " "
                                + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000) + " " + l);
                    }
                }
                """));
        List<String> first = dice(42L);
        assertEquals(first, dice(42L));
        assertFalse(first.equals(dice(43L)));
    }

    private List<String> dice(long seed) throws WorkloadException {
        List<String> output = new ArrayList<>();
        MachineSpec m = new MachineSpec(1, null, null, seed, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null);
        try (Simulation sim = new Simulation(m, workloads(), new StopCondition(null, true), 1_000_000L, 0)) {
            sim.addOutputListener((t, text) -> output.add(text));
            run(sim, "demo.Dice");
        }
        assertEquals(1, output.size());
        return output;
    }

    @Test
    void aRunawayLoopIsEndedByTheWatchdogAndItsThreadEndsEvenIfItCatchesThrowable() throws Exception {
        compile(Map.of("Spin", """
                public class Spin implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        kernellab.runner.internal.load.StudentClassLoaderTest.THREADS.add(Thread.currentThread());
                        sys.compute(1_000_000);
                        while (true) {
                        }
                    }
                }
                """, "Stubborn", """
                public class Stubborn implements kernellab.api.Workload {
                    public void run(kernellab.api.Syscalls sys) {
                        kernellab.runner.internal.load.StudentClassLoaderTest.THREADS.add(Thread.currentThread());
                        sys.compute(1_000_000);
                        for (;;) {
                            try {
                                while (true) {
                                }
                            } catch (Throwable t) {
                            }
                        }
                    }
                }
                """));
        try (Simulation sim = new Simulation(machine(100), workloads(), new StopCondition(null, true), 1_000_000L, 0)) {
            List<Task> tasks = run(sim, "demo.Spin", "demo.Stubborn", "cpu-bound:20ms");
            assertEquals(List.of(137, 137, 0), tasks.stream().map(Task::shellExitStatus).toList());
            assertEquals("Spin[2]: killed by the watchdog: ran more than 100 ms of real time without a system call",
                    tasks.get(0).exitReport());
            assertEquals("Stubborn[3]: killed by the watchdog: ran more than 100 ms of real time without a system call",
                    tasks.get(1).exitReport());
            assertEquals(2, THREADS.size());
            for (Thread t : THREADS) {
                t.join(10_000);
                assertFalse(t.isAlive(), t + " still runs");
            }
        }
    }

    /**
     * A scheduling class whose pickNext never returns: the hook's real-time budget (the machine's
     * watchdog limit) stops it in its own frame, the class is disabled with HOOK_TIMEOUT and the
     * tasks finish in the fair class.
     */
    @Test
    void aSchedulingClassHookThatNeverReturnsIsStoppedAndTheClassDisabled() throws Exception {
        compile(Map.of("SpinPick", """
                public class SpinPick extends kernellab.examples.schedclass.RoundRobin {
                    public String name() {
                        return "spin";
                    }
                    public kernellab.api.sched.SchedTask pickNext(int cpu) {
                        while (true) {
                        }
                    }
                }
                """));
        MachineSpec m = new MachineSpec(2, null, null, 1L, null, null, null, null, null, null, null, null, 100L, null,
                "demo.SpinPick", null, null, null);
        try (Simulation sim = new Simulation(m, workloads(), new StopCondition(null, true), 1_000_000L, 0)) {
            List<Task> tasks = run(sim, "cpu-bound:20ms", "cpu-bound:20ms");
            assertEquals(List.of(0, 0), tasks.stream().map(Task::shellExitStatus).toList());
            var exit = sim.kernel().scheduler().policyClassExit();
            assertEquals(kernellab.core.sched.ExtExitKind.HOOK_TIMEOUT, exit.kind());
            assertTrue(exit.message().startsWith("pickNext() stopped: ran "), exit.message());
            assertTrue(exit.message().endsWith("ms of real time, more than its budget of 100 ms"), exit.message());
            assertTrue(exit.dump().contains("\tat demo.SpinPick.pickNext(SpinPick.java:7)"), String.join("\n", exit.dump()));
            assertEquals(List.of("fair", "fair"), tasks.stream().map(Task::schedClassName).toList());
        }
    }

    @Test
    void anArmedBudgetStopsASpinningStudentMethodInItsOwnFrame() throws Exception {
        compile(Map.of("Hook", """
                public class Hook implements Runnable {
                    public void run() {
                        long n = 0;
                        while (true) {
                            n++;
                        }
                    }
                }
                """));
        try (StudentClassLoader loader = new StudentClassLoader(List.of(dir.resolve("classes").toUri().toURL()),
                getClass().getClassLoader())) {
            Runnable hook = (Runnable) loader.loadStudentClass("demo.Hook").getConstructor().newInstance();
            CodeBudget.arm(20_000_000L);
            CodeBudget.BudgetExceeded e;
            try {
                e = assertThrows(CodeBudget.BudgetExceeded.class, hook::run);
            } finally {
                CodeBudget.disarm();
            }
            assertTrue(e.getMessage().matches("stopped: ran \\d+ ms of real time, more than its budget of 20 ms"), e.getMessage());
            StackTraceElement top = e.getStackTrace()[0];
            assertEquals("demo.Hook.run(Hook.java:6)", top.getClassName() + "." + top.getMethodName() + "(" + top.getFileName()
                    + ":" + top.getLineNumber() + ")");
        }
    }

    @Test
    void systemExitOutsideATaskIsAnError() throws Exception {
        compile(Map.of("Quitter", """
                public class Quitter implements Runnable {
                    public void run() {
                        System.exit(1);
                    }
                }
                """));
        try (StudentClassLoader loader = new StudentClassLoader(List.of(dir.resolve("classes").toUri().toURL()),
                getClass().getClassLoader())) {
            Runnable r = (Runnable) loader.loadStudentClass("demo.Quitter").getConstructor().newInstance();
            IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
            assertEquals("System.exit(1) is not allowed here: only a task's workload code can exit, with Syscalls.exit",
                    e.getMessage());
        }
    }

}
