package kernellab.core;

import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.LogLevel.KERN_INFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.mm.KernelCaches;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.MmTracepoints;
import kernellab.core.proc.ProcSlabinfo;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskState;
import kernellab.core.sim.StopReason;

/** The memory subsystem inside a running machine: slabinfo follows fork and exit, modules load in insmod's context. */
class MemorySubsystemTest {

    private static final long MS = 1_000_000L;

    private static long liveTasks(Kernel k) {
        return k.scheduler().allTasks().stream().filter(t -> !t.isIdleTask() && t.state() != TaskState.DEAD)
                .count();
    }

    @Test
    void bootedMachineHasItsTasksInTheTaskStructCacheAndTheConfiguredMemory() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).memoryBytes(64L << 20).build())) {
            KernelCaches c = k.memory().kernelCaches();
            assertEquals(liveTasks(k), c.taskStruct().inuseObjects());
            assertTrue(k.procFs().read("/proc/meminfo").startsWith("MemTotal:          65532 kB\n"));
            assertTrue(k.procFs().read("/proc/slabinfo").startsWith("slabinfo - version: 2.1\n"));
            assertTrue(k.procFs().read("/proc/buddyinfo").startsWith("Node 0, zone      DMA "));
        }
    }

    @Test
    void forkAndExitMoveSlabinfo() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            KernelCaches c = k.memory().kernelCaches();
            long tasks = c.taskStruct().inuseObjects();
            long mms = c.mmStruct().inuseObjects();
            k.launch(TaskSpec.of("forker", (Syscalls sys) -> {
                for (int i = 0; i < 3; i++) {
                    sys.fork(s -> s.nanosleep(100 * MS));
                }
                sys.createThread(s -> s.nanosleep(100 * MS));
                sys.nanosleep(50 * MS);
                for (int i = 0; i < 3; i++) {
                    sys.waitpid(-1, 0);
                }
            }).build());
            k.run(20 * MS);
            assertEquals(tasks + 5, c.taskStruct().inuseObjects(), "forker, three children and a thread");
            assertEquals(mms + 4, c.mmStruct().inuseObjects(), "the thread shares the forker's mm");
            String line = ProcSlabinfo.line(c.taskStruct().stats());
            assertTrue(line.startsWith(String.format("task_struct       %6d", tasks + 5)), line);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(10_000 * MS).kind());
            for (KmemCache cache : List.of(c.mmStruct(), c.files(), c.fs(), c.signal(), c.sighand(), c.cred())) {
                assertTrue(cache.inuseObjects() <= liveTasks(k), cache.name());
            }
            assertEquals(mms, c.mmStruct().inuseObjects());
            assertEquals(liveTasks(k), c.taskStruct().inuseObjects());
        }
    }

    @Test
    void insmodRunsTheModuleInTheInsmodTasksContext() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            long[] p = new long[1];
            Task insmod = k.memory().insmod("hello", kc -> {
                p[0] = kc.kmalloc(64, GFP_KERNEL);
                kc.printk(KERN_INFO, "hello: %d bytes", kc.ksize(p[0]));
                kc.kfree(p[0]);
                kc.kfree(p[0]);
                long page = kc.getFreePage(GFP_KERNEL);
                kc.freePage(page);
                kc.freePage(page);
                return 0;
            });
            k.runUntilAllExited(1000 * MS);
            assertEquals(0, insmod.waitStatus());
            assertEquals(List.of("hello"), k.memory().modules().lsmod());
            List<String> log = k.memory().log().lines();
            assertEquals("hello: 64 bytes", log.get(0));
            assertEquals("BUG kmalloc-64 (Not tainted): Object already free", log.get(2));
            assertTrue(log.stream().anyMatch(l -> l.matches("BUG: Bad page state in process insmod  pfn:[0-9a-f]{5}")), log.toString());
            assertTrue(k.memory().log().dmesg().startsWith("[    0.00"), k.memory().log().dmesg());
            Task rmmod = k.memory().rmmod("nosuch");
            k.runUntilAllExited(2000 * MS);
            assertEquals(1, rmmod.shellExitStatus());
        }
    }

    @Test
    void aKmallocBreakpointStopsTheEngineAfterTheModulesSystemCall() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            k.tracer().addListener(e -> e.stringField("call_site").equals("bp_init [bp]"), MmTracepoints.KMALLOC);
            Task insmod = k.memory().insmod("bp", kc -> {
                kc.kfree(kc.kmalloc(200, GFP_KERNEL));
                return 0;
            });
            StopReason stop = k.run(1000 * MS);
            assertEquals(StopReason.Kind.BREAKPOINT, stop.kind());
            assertEquals(String.format("%16s-%-7d [%03d] %5d.%06d: kmalloc: call_site=bp_init [bp] ptr=%s bytes_req=200 bytes_alloc=256 "
                    + "gfp_flags=GFP_KERNEL node=-1 accounted=false", "insmod", insmod.pid(), stop.event().cpu(),
                    stop.timeNs() / 1_000_000_000L, stop.timeNs() % 1_000_000_000L / 1000, stop.event().stringField("ptr")),
                    stop.event().toString());
            assertEquals(List.of("bp"), k.memory().modules().lsmod(),
                    "the engine stops when the init_module call that emitted the event returns");
            assertTrue(insmod.state() != TaskState.ZOMBIE && insmod.state() != TaskState.DEAD, "insmod has not exited yet");
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(1000 * MS).kind());
            assertEquals(0, insmod.waitStatus());
        }
    }
}
