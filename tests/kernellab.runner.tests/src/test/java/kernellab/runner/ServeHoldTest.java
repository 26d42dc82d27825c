package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kernellab.runner.fixtures.GatedRoundRobin;
import kernellab.runner.protocol.ClassQueueInfo;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.HoldParams;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.StopKind;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.WorkloadSpec;

/**
 * {@code hold}: while a thread of the simulator is stuck in a scheduling class's hook (as at a
 * Java breakpoint), the read-only requests are answered from the frozen machine, without calling
 * the class's {@code dump}; {@code hold(false)} gives them back to the simulation thread.
 */
class ServeHoldTest {

    @Test
    void aHeldMachineAnswersSnapshotsWithoutCallingTheClass(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        Path waiting = dir.resolve("gate.waiting");
        Files.writeString(gate, "");
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
            MachineSpec machine = new MachineSpec(2, null, null, 7L, null, null, null, null, null, null, null, false, 0L, null,
                    GatedRoundRobin.class.getName(), Map.of("gate", gate.toString()), null, 0L);
            WorkloadSpec hogs = new WorkloadSpec("cpu-bound:20ms", "hog", 3, null, 0, null, null, null, null, List.of());
            server.launch(new LaunchParams(machine, List.of(hogs), List.of(RunCommandTest.testClasses()),
                    new StopCondition(null, true))).get();
            server.resume(new ResumeParams(null)).get();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.HANG_GUARD_SECONDS);
            while (!Files.exists(waiting) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals("CPU 0", Files.readString(waiting), "the first pick waits at the gate");

            CompletableFuture<RunQueuesSnapshot> unheld = server.runQueues();
            assertThrows(TimeoutException.class, () -> unheld.get(300, TimeUnit.MILLISECONDS),
                    "the simulation thread is stuck in pickNext and cannot answer");

            StoppedEvent held = server.hold(new HoldParams(true)).get();
            assertEquals(new StoppedEvent(StopKind.HELD, List.of(), null, 0, 0, "stopped in Java code on CPU 0"), held);
            assertEquals(unheld.get(10, TimeUnit.SECONDS), server.runQueues().get(10, TimeUnit.SECONDS),
                    "the hold answers the waiting request from the frozen machine, as later ones");
            RunQueuesSnapshot frozen = unheld.get();
            assertEquals(0, frozen.timeNs());
            for (CpuRunQueue rq : frozen.cpus()) {
                ClassQueueInfo gated = rq.queue("gated");
                assertEquals(List.of(new ClassQueueInfo.Figure("total_weight", 10L * gated.nrRunning())), gated.figures(),
                        "the kernel's account of CPU " + rq.cpu() + ", no call of the class's dump");
                assertNull(rq.curr(), "CPU " + rq.cpu() + " is still idle in its first pick");
            }
            assertEquals(List.of(List.of(2, 3, 4), List.of()), frozen.cpus().stream()
                    .map(rq -> rq.queue("gated").tasks().stream().map(TaskInfo::pid).toList()).toList(),
                    "the tasks in enqueue order (the class's dump would list them newest first)");
            String schedDebug = server.readFile(new ProcFileParams("/proc/sched_debug")).get(10, TimeUnit.SECONDS).text();
            assertTrue(schedDebug.contains("gated_rq[0]:"), schedDebug);
            assertFalse(schedDebug.contains("dumps"), schedDebug);
            assertEquals(3, server.tasks().get(10, TimeUnit.SECONDS).tasks().stream().filter(t -> t.comm().equals("hog"))
                    .count());
            CompletableFuture<ProcFile> file = server.readFile(new ProcFileParams("/etc/hostname"));

            assertNull(server.hold(new HoldParams(false)).get());
            CompletableFuture<RunQueuesSnapshot> released = server.runQueues();
            assertFalse(file.isDone() || released.isDone(), "a file of the file system and a request after the hold wait");
            Files.delete(gate);
            file.handle((f, e) -> null).get(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            RunQueuesSnapshot after = released.get(Cli.HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            assertEquals(List.of("total_weight", "dumps"), after.cpus().get(0).queue("gated").figures().stream()
                    .map(ClassQueueInfo.Figure::name).toList(), "on the simulation thread the class shows its queue");
            assertEquals("all workloads exited", client.nextExit().reason());
            server.terminate().get();
        }
    }
}
