package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.junit.jupiter.api.Test;

import kernellab.runner.fixtures.MemoryHog;
import kernellab.runner.fixtures.MemoryToucher;
import kernellab.runner.protocol.ExitedEvent;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.protocol.KernelLabServer;
import kernellab.runner.protocol.LaunchParams;
import kernellab.runner.protocol.LaunchResult;
import kernellab.runner.protocol.LogLine;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkLevel;
import kernellab.runner.protocol.PageWalkParams;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ProcessMaps;
import kernellab.runner.protocol.ProcessMapsParams;
import kernellab.runner.protocol.ResumeParams;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.StopKind;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TaskReport;
import kernellab.runner.protocol.VmaInfo;
import kernellab.runner.protocol.WorkloadSpec;

/** The memory requests of the protocol and the kernel log notifications, over a real socket against {@code kernellab serve}. */
class ServeMemoryTest {

    private static final long MS = 1_000_000L;

    /** A connection with the hello done. */
    private record Connection(KernelLabServer server, RecordingClient client) {
    }

    private static Connection connect(ServeProcess serve, Socket socket) throws Exception {
        RecordingClient client = new RecordingClient();
        Launcher<KernelLabServer> launcher = KernelLabProtocol.clientLauncher(client, socket.getInputStream(),
                socket.getOutputStream());
        launcher.startListening();
        KernelLabProtocol.hello(launcher.getRemoteProxy(), serve.secret, "test", 60_000);
        return new Connection(launcher.getRemoteProxy(), client);
    }

    private static MachineSpec machine(long memory, boolean kthreads) {
        return new MachineSpec(1, memory, null, 1L, null, null, null, null, null, null, null, kthreads ? Boolean.TRUE : null, 0L,
                null, null, null, null, null);
    }

    private static ResponseError error(CompletableFuture<?> request) {
        ExecutionException e = assertThrows(ExecutionException.class, request::get);
        return ((ResponseErrorException) e.getCause()).getResponseError();
    }

    /** The /proc/PID/maps line of a VMA as show_map_vma prints it. */
    private static String mapsLine(VmaInfo v) {
        String line = String.format("%08x-%08x %s %08x %s %d ", v.start(), v.end(), v.perms(), v.offset(), v.dev(), v.inode());
        return v.name().isEmpty() ? line : line + " ".repeat(Math.max(1, 73 - line.length())) + v.name();
    }

    /**
     * {@link MemoryToucher} stopped at 1 ms, on a machine with kernel threads (so it is pid 5):
     * every VMA of processMaps is a line of /proc/5/maps, column by column; the page walk of a
     * written page finds its anonymous frame, of a page only read the zero page, of an untouched
     * page in the same page table an empty PTE, of ld.so (under another PMD entry) a missing
     * table, of an unmapped address no VMA. A missing pid and a kernel thread are ESRCH errors.
     */
    @Test
    void processMapsMatchProcMapsAndPageWalksExplainWhatTheyFind() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            Connection c = connect(serve, socket);
            WorkloadSpec toucher = new WorkloadSpec(MemoryToucher.class.getName(), "toucher", 1, null, 0, null, null, null, null,
                    List.of());
            LaunchResult launched = c.server.launch(new LaunchParams(machine(64L << 20, true), List.of(toucher),
                    List.of(RunCommandTest.testClasses()), new StopCondition(null, true))).get();
            int pid = launched.tasks().stream().filter(t -> t.comm().equals("toucher")).findFirst().orElseThrow().pid();
            assertEquals(5, pid, "after kthreadd, ksoftirqd/0 and kworker/0:0");
            c.server.resume(new ResumeParams(MS)).get();
            assertEquals(StopKind.TIME_LIMIT, c.client.nextStop().reason());

            ProcessMaps maps = c.server.processMaps(new ProcessMapsParams(pid)).get();
            String procMaps = c.server.readFile(new ProcFileParams("/proc/" + pid + "/maps")).get().text();
            List<String> fromSnapshot = new ArrayList<>();
            for (VmaInfo v : maps.vmas()) {
                fromSnapshot.add(mapsLine(v));
            }
            List<String> procLines = List.of(procMaps.split("\n"));
            assertEquals(procLines.subList(0, procLines.size() - 1), fromSnapshot, "all but [vsyscall], which is no VMA");
            assertEquals(22, maps.vmas().size());
            assertEquals(maps.mapCount(), maps.vmas().size());
            assertEquals(4 + 256 + 4, maps.vmas().stream().mapToLong(VmaInfo::rssKb).sum());
            assertEquals(81, maps.minorFaults());
            assertEquals(1, maps.majorFaults());
            assertEquals(4, maps.pageTableLevels());

            VmaInfo written = maps.vmas().stream().filter(v -> v.rssKb() == 256).findFirst().orElseThrow();
            PageWalk touched = c.server.pageWalk(new PageWalkParams(pid, written.start() + 0x123)).get();
            assertEquals(List.of("PGD", "PUD", "PMD", "PTE"), touched.levels().stream().map(PageWalkLevel::level).toList());
            assertTrue(touched.levels().stream().allMatch(PageWalkLevel::present));
            assertEquals(touched.pfn(), (touched.levels().get(3).entry() & 0x000f_ffff_ffff_f000L) >>> 12);
            assertEquals(touched.pfn() << 12 | 0x123, touched.physicalAddress());
            assertEquals(String.format("%x-%x rw-p", written.start(), written.end()), touched.vma());
            assertEquals(String.format("maps page frame 0x%x (anon page, mapped 1 time), writable, physical address 0x%x",
                    touched.pfn(), touched.physicalAddress()), touched.explanation());

            VmaInfo readOnly = maps.vmas().stream().filter(v -> v.perms().equals("r--p") && v.inode() == 0 && v.name().isEmpty())
                    .findFirst().orElseThrow();
            PageWalk zero = c.server.pageWalk(new PageWalkParams(pid, readOnly.start())).get();
            assertEquals(String.format("maps page frame 0x%x (a special frame (the zero page, [vvar] or [vvar_vclock])), read-only,"
                    + " physical address 0x%x", zero.pfn(), zero.physicalAddress()), zero.explanation());

            PageWalk untouched = c.server.pageWalk(new PageWalkParams(pid, written.end() - 0x1000)).get();
            assertEquals(List.of(true, true, true, false), untouched.levels().stream().map(PageWalkLevel::present).toList());
            assertEquals(-1, untouched.pfn());
            assertEquals("PTE is empty: the page was never touched; demand paging allocates it on the first access",
                    untouched.explanation());

            VmaInfo ldso = maps.vmas().stream().filter(v -> v.name().endsWith("ld-linux-x86-64.so.2")).findFirst().orElseThrow();
            PageWalk noTable = c.server.pageWalk(new PageWalkParams(pid, ldso.start())).get();
            assertEquals(3, noTable.levels().size());
            assertEquals("no table below the PMD yet: the page was never touched; demand paging allocates it on the first access",
                    noTable.explanation());

            PageWalk unmapped = c.server.pageWalk(new PageWalkParams(pid, 0x1000)).get();
            assertNull(unmapped.vma());
            assertEquals("no VMA holds 0x1000: an access is a segmentation fault (SIGSEGV)", unmapped.explanation());

            ResponseError missing = error(c.server.processMaps(new ProcessMapsParams(99)));
            assertEquals(KernelLabProtocol.ERROR_NO_SUCH_FILE, missing.getCode());
            assertEquals("no process 99: No such process", missing.getMessage());
            ResponseError kthread = error(c.server.pageWalk(new PageWalkParams(2, 0x1000)));
            assertEquals(KernelLabProtocol.ERROR_NO_SUCH_FILE, kthread.getCode());
            assertEquals("process 2 has no address space: No such process", kthread.getMessage());

            c.server.resume(new ResumeParams(null)).get();
            ExitedEvent exited = c.client.nextExit();
            TaskReport report = exited.report().tasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow();
            assertEquals(81, report.minorFaults());
            assertEquals(1, report.majorFaults());
            TaskInfo zombie = c.server.tasks().get().tasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow();
            assertEquals("Z", zombie.state());
            assertEquals(81, zombie.minorFaults(), "the zombie has no mm but keeps its counts");
            c.server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }

    /**
     * Two {@link MemoryHog}s on 16 MiB: the OOM killer kills each in turn, logging two lines each
     * time from inside the faulting task's system call; the client gets every line of dmesg, in
     * order, before the exit notification, and after each kill the line that says why the task died.
     */
    @Test
    void kernelLogLinesArriveInOrderAsTheyArePrinted() throws Exception {
        try (ServeProcess serve = new ServeProcess(); Socket socket = serve.connect()) {
            Connection c = connect(serve, socket);
            WorkloadSpec hogs = new WorkloadSpec(MemoryHog.class.getName(), "hog", 2, null, 0, null, null, null, null, List.of());
            c.server.launch(new LaunchParams(machine(16L << 20, false), List.of(hogs), List.of(RunCommandTest.testClasses()),
                    new StopCondition(null, true))).get();
            c.server.resume(new ResumeParams(null)).get();
            c.client.nextExit();
            List<String> received = c.client.log.stream().map(LogLine::text).toList();
            String dmesg = c.server.readFile(new ProcFileParams("dmesg")).get().text();
            assertEquals(List.of(dmesg.split("\n")), received.stream().filter(l -> l.startsWith("[")).toList());
            assertEquals(List.of("hog[2]: killed by SIGKILL at 0x7ffff6e4d010", "hog[3]: killed by SIGKILL at 0x7ffff6e52010"),
                    received.stream().filter(l -> !l.startsWith("[")).toList(), "each killed task says why after the kernel's lines");
            assertEquals("hog[2]: killed by SIGKILL at 0x7ffff6e4d010", received.get(3));
            assertEquals(2, received.stream().filter(l -> l.contains("] Out of memory: Killed process")).count(), dmesg);
            c.server.terminate().get();
            assertEquals(0, serve.awaitExit());
        }
    }
}
