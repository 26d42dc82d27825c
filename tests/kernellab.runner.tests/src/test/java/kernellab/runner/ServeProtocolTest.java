package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kernellab.runner.fixtures.Greeter;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.EventBatch;
import kernellab.runner.protocol.EventsParams;
import kernellab.runner.protocol.ExportTraceParams;
import kernellab.runner.protocol.ExportTraceResult;
import kernellab.runner.protocol.FrameOwner;
import kernellab.runner.protocol.FrameRun;
import kernellab.runner.protocol.SlabCacheDetail;
import kernellab.runner.protocol.SlabCacheInfo;
import kernellab.runner.protocol.SlabCacheParams;
import kernellab.runner.protocol.SlabInfo;
import kernellab.runner.protocol.SlabSnapshot;
import kernellab.runner.protocol.StepKind;
import kernellab.runner.protocol.StepParams;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.runner.protocol.TraceFormat;
import kernellab.runner.protocol.ZoneInfo;

import kernellab.runner.protocol.BreakpointKind;
import kernellab.runner.protocol.BreakpointSpec;
import kernellab.runner.protocol.BreakpointStatus;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.LaunchResult;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.SetBreakpointsParams;
import kernellab.runner.protocol.ShellParams;
import kernellab.runner.protocol.ShellResult;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.StopKind;
import kernellab.runner.protocol.StoppedEvent;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TaskReport;
import kernellab.runner.protocol.WorkloadSpec;

/** The remote-control protocol over a real loopback socket, against a {@code kernellab serve} process. */
class ServeProtocolTest {

    /**
     * The numbers of one CPU that /proc/sched_debug and the run-queue snapshot both show.
     *
     * @param nrRunning rq nr_running
     * @param currPid curr->pid
     * @param wrrNrRunning wrr_nr_running
     * @param totalWeight wrr total_weight
     * @param wrrTasks the WRR queue as "pid:weight:slice-ns" in FIFO order
     */
    record CpuDebug(int nrRunning, int currPid, int wrrNrRunning, long totalWeight, List<String> wrrTasks) {

        private static final Pattern WRR_ROW = Pattern.compile("^[ >]R\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\.(\\d{6})$",
                Pattern.MULTILINE);

        static List<CpuDebug> parse(String text) {
            List<CpuDebug> cpus = new ArrayList<>();
            String[] sections = text.split("(?m)^cpu#\\d+, 2400\\.000 MHz$");
            for (int i = 1; i < sections.length; i++) {
                String s = sections[i];
                String wrr = s.substring(s.indexOf("wrr_rq["), s.indexOf("runnable tasks:"));
                List<String> rows = new ArrayList<>();
                Matcher m = WRR_ROW.matcher(wrr);
                while (m.find()) {
                    rows.add(m.group(2) + ":" + m.group(3) + ":" + (Long.parseLong(m.group(4)) * 1_000_000 + Long.parseLong(m.group(5))));
                }
                cpus.add(new CpuDebug(field(s, "nr_running"), field(s, "curr->pid"), field(wrr, "wrr_nr_running"),
                        field(wrr, "total_weight"), rows));
            }
            return cpus;
        }

        private static int field(String s, String name) {
            Matcher m = Pattern.compile("^  \\." + Pattern.quote(name) + "\\s*: (\\d+)$", Pattern.MULTILINE).matcher(s);
            if (!m.find()) {
                throw new AssertionError("no " + name + " in " + s);
            }
            return Integer.parseInt(m.group(1));
        }

        static CpuDebug of(CpuRunQueue rq) {
            return new CpuDebug(rq.nrRunning(), rq.curr() == null ? 0 : rq.curr().pid(), rq.queue("wrr").nrRunning(), rq.totalWeight(),
                    rq.queue("wrr").tasks().stream().map(t -> t.pid() + ":" + t.weight() + ":" + t.sliceRemainingNs()).toList());
        }
    }

    static final long MS = 1_000_000L;

    static LaunchParams fourCpusSixHogs() {
        MachineSpec machine = new MachineSpec(4, null, null, 7L, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null);
        WorkloadSpec hogs = new WorkloadSpec("cpu-bound:50ms", "hog", 6, null, 0, 5, null, null, null, List.of());
        return new LaunchParams(machine, List.of(hogs), List.of(), new StopCondition(null, true));
    }

    /**
     * The run of {@link RunCommandTest}: hogs 2-5 start on CPUs 0-3, 6 and 7 wait behind 2 and 3;
     * at 50 ms the idle CPUs 2 and 3 pull 2 and 3 (which only have to exit), 6 and 7 run to 100 ms.
     */
    @Test
    void shellCommandsRunOnTheLaunchedMachine() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
            server.launch(fourCpusSixHogs()).get();

            ShellResult weight = server.shell(new ShellParams("setweight 2 3")).get();
            assertEquals(new ShellResult("sched_setweight(2, 3) = 0\n", null, 0), weight);
            assertEquals(3, server.tasks().get().tasks().stream().filter(t -> t.pid() == 2).findFirst().orElseThrow().weight());
            ShellResult bad = server.shell(new ShellParams("setweight 99 3")).get();
            assertEquals("sched_setweight(99, 3) = -1 ESRCH (No such process)\n", bad.output());
            assertEquals("sched_setweight(99, 3) failed with ESRCH", bad.error());
            ShellResult cat = server.shell(new ShellParams("cat /proc/2/sched")).get();
            assertEquals(server.readFile(new ProcFileParams("/proc/2/sched")).get().text(), cat.output());
            ShellResult unknown = server.shell(new ShellParams("frobnicate")).get();
            assertTrue(unknown.error().contains("frobnicate"), unknown.toString());
        }
    }

    @Test
    void breakpointOnCpu1SnapshotsAndResumeToExit() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);

            LaunchResult launched = server.launch(fourCpusSixHogs()).get();
            assertEquals(4, launched.cpus());
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), launched.tasks().stream().map(TaskInfo::pid).toList());
            assertEquals(List.of(0, 0, 1, 2, 3, 0, 1), launched.tasks().stream().map(TaskInfo::cpu).toList());

            List<BreakpointStatus> statuses = server.setBreakpoints(new SetBreakpointsParams(
                    List.of(BreakpointSpec.of(1, BreakpointKind.SCHED_SWITCH).withCpu(1)))).get();
            assertEquals(List.of(new BreakpointStatus(1, true, null, 0)), statuses);
            server.resume(new ResumeParams(null)).get();

            StoppedEvent stop = client.nextStop();
            assertEquals(StopKind.BREAKPOINT, stop.reason());
            assertEquals(List.of(1), stop.breakpointIds());
            assertEquals(1, stop.cpu());
            assertEquals(0, stop.timeNs());
            assertEquals("sched_switch on CPU 1 prev=swapper/1[0] next=hog[3]", stop.description());
            assertEquals("sched_switch", stop.event().name());
            assertEquals(1, stop.event().cpu());
            assertEquals("<idle>", stop.event().comm());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("prev_comm", "swapper/1");
            fields.put("prev_pid", "0");
            fields.put("prev_prio", "120");
            fields.put("prev_state", "R");
            fields.put("next_comm", "hog");
            fields.put("next_pid", "3");
            fields.put("next_prio", "120");
            assertEquals(fields, stop.event().fields());
            assertEquals(List.copyOf(fields.keySet()), List.copyOf(stop.event().fields().keySet()));

            RunQueuesSnapshot rqs = server.runQueues().get();
            ProcFile schedDebug = server.readFile(new ProcFileParams("/proc/sched_debug")).get();
            assertEquals(rqs.timeNs(), schedDebug.timeNs());
            assertEquals(stop.event(), rqs.cpus().get(1).lastEvent());
            assertEquals(3, rqs.cpus().get(1).curr().pid());
            assertEquals(List.of(3, 7), rqs.cpus().get(1).queue("wrr").tasks().stream().map(TaskInfo::pid).toList());
            List<CpuDebug> text = CpuDebug.parse(schedDebug.text());
            assertEquals(4, text.size());
            for (CpuRunQueue rq : rqs.cpus()) {
                assertEquals(text.get(rq.cpu()), CpuDebug.of(rq), "CPU " + rq.cpu());
            }

            server.setBreakpoints(new SetBreakpointsParams(List.of())).get();
            server.resume(new ResumeParams(null)).get();
            ExitedEvent exit = client.nextExit();
            assertEquals("all workloads exited", exit.reason());
            assertEquals(100 * MS, exit.report().timeNs());
            List<TaskReport> tasks = exit.report().tasks();
            assertEquals(List.of(2, 3, 4, 5, 6, 7), tasks.stream().map(TaskReport::pid).toList());
            for (TaskReport t : tasks) {
                assertEquals(50 * MS, t.cpuTimeNs(), "cpu time of " + t.pid());
                assertEquals(t.pid() >= 6 ? 50 * MS : 0, t.waitTimeNs(), "wait time of " + t.pid());
                assertEquals(t.pid() >= 6 ? 100 * MS : 50 * MS, t.turnaroundNs(), "turnaround of " + t.pid());
                assertEquals(0, t.exitStatus());
                assertEquals(t.pid() <= 3 ? 1 : 0, t.migrations(), "migrations of " + t.pid());
            }
            assertNull(client.stops.poll());
            server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }

    @Test
    void stepsPauseSnapshotsOfMemoryEventsOutputAndTraceExport(@TempDir Path dir) throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            RecordingClient client = new RecordingClient();
            Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                    socket.getOutputStream());
            launcher.startListening();
            KernelLabServer server = launcher.getRemoteProxy();
            KernelLabProtocol.hello(server, serve.secret, "test", 60_000);
            MachineSpec machine = new MachineSpec(2, 64L << 20, 250, 1L, null, null, null, null, null, null, null, null, 0L, null, null, null, null, null);
            WorkloadSpec greeter = new WorkloadSpec(Greeter.class.getName(), null, 1, null, 0, null, null, null, null, List.of("x"));
            WorkloadSpec hog = new WorkloadSpec("cpu-bound", "hog", 1, null, 0, null, null, "1", null, List.of());
            server.launch(new LaunchParams(machine, List.of(greeter, hog), List.of(RunCommandTest.testClasses()),
                    new StopCondition(1000_000 * MS, true))).get();

            server.step(new StepParams(StepKind.EVENT, null)).get();
            StoppedEvent first = client.nextStop();
            assertEquals(StopKind.STEP, first.reason());
            assertEquals(List.of(), first.breakpointIds());
            server.step(new StepParams(StepKind.SWITCH_ON_CPU, 1)).get();
            StoppedEvent onCpu1 = client.nextStop();
            assertEquals("sched_switch on CPU 1 prev=swapper/1[0] next=hog[3]", onCpu1.description());
            server.step(new StepParams(StepKind.EVENT_ON_CPU, 0)).get();
            StoppedEvent onCpu0 = client.nextStop();
            assertEquals(0, onCpu0.cpu());
            assertEquals("sched_process_exit on CPU 0: comm=Greeter pid=2 prio=120", onCpu0.description());
            TraceEventInfo last = server.runQueues().get().cpus().get(0).lastEvent();
            assertEquals(0, last.cpu());
            assertTrue(last.sequence() >= onCpu0.event().sequence(), "the stop comes after the engine event that emitted it");

            server.resume(new ResumeParams(20 * MS)).get();
            StoppedEvent limit = client.nextStop();
            assertEquals(new StoppedEvent(StopKind.TIME_LIMIT, List.of(), null, null, 20 * MS, "time limit reached"), limit);
            assertEquals(List.of("hello from 2 with [x]", "done at 3000000 ns"),
                    client.output.stream().map(o -> o.text().strip()).toList());

            SlabSnapshot slabs = server.slabCaches().get();
            String slabinfo = server.readFile(new ProcFileParams("/proc/slabinfo")).get().text();
            List<String> lines = slabinfo.lines().toList();
            assertEquals(slabs.caches().size() + 2, lines.size());
            for (int i = 0; i < slabs.caches().size(); i++) {
                SlabCacheInfo c = slabs.caches().get(i);
                assertTrue(lines.get(i + 2).matches(Pattern.quote(c.name()) + " +" + c.activeObjs() + " +" + c.numObjs() + " +"
                        + c.objSize() + " +" + c.objPerSlab() + " +" + c.pagesPerSlab() + " : tunables +0 +0 +0 : slabdata +"
                        + c.activeSlabs() + " +" + c.numSlabs() + " +0"), lines.get(i + 2));
            }
            SlabCacheDetail tasks = server.slabCache(new SlabCacheParams("task_struct")).get();
            assertEquals(tasks.cache().activeObjs(), tasks.slabs().stream().mapToLong(SlabInfo::inuse).sum());
            assertEquals(tasks.cache().activeObjs(), tasks.slabs().stream()
                    .mapToLong(sl -> sl.allocated().chars().filter(ch -> ch == '#').count()).sum());

            BuddySnapshot buddy = server.buddy().get();
            String buddyinfo = server.readFile(new ProcFileParams("/proc/buddyinfo")).get().text();
            StringBuilder fromSnapshot = new StringBuilder();
            for (ZoneInfo z : buddy.zones()) {
                fromSnapshot.append(String.format("Node 0, zone %8s ", z.name()));
                z.nrFree().forEach(n -> fromSnapshot.append(String.format("%6d ", n)));
                fromSnapshot.append('\n');
            }
            assertEquals(buddyinfo, fromSnapshot.toString());
            assertEquals(64L << 20 >> 12, buddy.frames().stream().mapToLong(FrameRun::pages).sum());
            assertEquals(buddy.zones().stream().mapToLong(ZoneInfo::freePages).sum(),
                    buddy.frames().stream().filter(f -> f.owner() == FrameOwner.FREE).mapToLong(FrameRun::pages).sum());

            server.resume(new ResumeParams(null)).get();
            server.pause().get();
            StoppedEvent paused = client.nextStop();
            assertEquals(StopKind.PAUSE, paused.reason());
            assertEquals("paused", paused.description());

            EventBatch all = server.traceEvents(new EventsParams(0, 1_000_000)).get();
            assertEquals(1, all.firstAvailable());
            assertEquals(all.lastSequence(), all.events().get(all.events().size() - 1).sequence());
            assertEquals(all.events(), client.events);
            int n = all.events().size();
            EventBatch tail = server.traceEvents(new EventsParams(all.events().get(n - 4).sequence(), 2)).get();
            assertEquals(all.events().subList(n - 3, n - 1), tail.events());

            Path trace = dir.resolve("trace.txt");
            ExportTraceResult exported = server.exportTrace(new ExportTraceParams(trace.toString(), TraceFormat.FTRACE)).get();
            assertEquals(all.events().size(), exported.events());
            List<String> traceLines = Files.readAllLines(trace);
            assertEquals("cpus=2", traceLines.get(0));
            assertEquals(all.events().size() + 1, traceLines.size());
            for (int i = 0; i < all.events().size(); i++) {
                Matcher m = TraceExportTest.FTRACE_LINE.matcher(traceLines.get(i + 1));
                assertTrue(m.matches(), traceLines.get(i + 1));
                assertEquals(all.events().get(i).name(), m.group(6));
            }
            server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }
}
