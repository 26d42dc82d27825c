package kernellab.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.UserFault;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;

/**
 * malloc, free and memory accesses made in a process from outside its code while the machine
 * is stopped, as the runner's shell (or a debugger's {@code call malloc(64)}) makes them, and
 * the OOM killer's victim among them.
 */
class CallsWhileStoppedTest {

    private static final long MS = 1_000_000L;

    private static Task sleeper(Kernel k) {
        Task t = k.launch(TaskSpec.of("sleeper", (Syscalls sys) -> sys.nanosleep(100 * MS)).build()).get(0);
        k.runUntil(MS);
        return t;
    }

    @Test
    void mallocAndFreeUseTheProcesssHeapWithGlibcsChecks() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task t = sleeper(k);
            VirtualMemory vm = k.vm();
            MmStruct mm = vm.mm(t);
            long startBrk = mm.startBrk();
            long p = UserHeap.malloc(vm, t, 100, "shell");
            long q = UserHeap.malloc(vm, t, 100, "shell");
            assertEquals(startBrk + 0x2a0, p, "after the tcache_perthread_struct chunk");
            assertEquals(p + 0x70, q, "a 112-byte chunk");
            assertEquals(startBrk + 0x21000, mm.brk(), "the first sbrk: 132 KiB");
            long big = UserHeap.malloc(vm, t, 200_000, "shell");
            assertEquals(0x10, big & 0xfff, "its own mapping, after the 16-byte chunk header");
            assertNull(UserHeap.free(vm, t, p, "shell"));
            assertEquals("free(): double free detected in tcache 2", UserHeap.free(vm, t, p, "shell"));
            assertEquals("free(): invalid pointer", UserHeap.free(vm, t, q + 8, "shell"));
            assertNull(UserHeap.free(vm, t, 0, "shell"));
            assertNull(UserHeap.free(vm, t, big, "shell"));
            assertEquals("munmap_chunk(): invalid pointer", UserHeap.free(vm, t, big, "shell"));
            assertEquals(p, UserHeap.malloc(vm, t, 100, "shell"), "the freed chunk comes back first");
        }
    }

    @Test
    void aFaultingAccessKillsTheStoppedProcessWithTheKernelsLogLine() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task t = sleeper(k);
            UserFault f = assertThrows(UserFault.class, () -> k.vm().translate(t, 0x10, false));
            k.vm().deliverWhileStopped(t, f);
            assertEquals(139, t.shellExitStatus());
            assertEquals("sleeper[2]: killed by SIGSEGV (SEGV_MAPERR) at 0x10", t.exitReport());
            assertEquals("sleeper[2]: segfault at 10 ip 0000555555555189 sp 00007fffffffecb0 error 4 in sleeper[555555555000+1000]",
                    k.memory().log().lines().get(0));
        }
    }

    @Test
    void theOomKillersVictimDiesOfSigkillWhenTheCallMadeForItEnds() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).memoryBytes(24L << 20).build())) {
            Task big = sleeper(k);
            Task small = k.launch(TaskSpec.of("small", (Syscalls sys) -> sys.nanosleep(100 * MS)).build()).get(0);
            k.runUntil(2 * MS);
            VirtualMemory vm = k.vm();
            long p = UserHeap.malloc(vm, big, 64L << 20, "shell");
            UserFault f = assertThrows(UserFault.class, () -> {
                for (long off = 0; off < 64L << 20; off += 4096) {
                    vm.translate(big, p + off, true);
                }
            });
            assertEquals(Signal.SIGKILL, f.signal(), "the faulting process is the biggest: the OOM killer chose it");
            assertEquals(-1, big.exitTime(), "only marked (mark_oom_victim) while the call runs");
            assertFalse(vm.killOomVictim(small));
            assertEquals(-1, small.exitTime());
            assertTrue(vm.killOomVictim(big));
            assertEquals(137, big.shellExitStatus());
            assertEquals("sleeper[2]: killed by the OOM killer", big.exitReport());
            assertTrue(vm.killOomVictim(big), "still the victim, dead");
            assertEquals("sleeper[2]: killed by the OOM killer", big.exitReport());
            assertTrue(k.memory().log().lines().stream().anyMatch(l -> l.startsWith("Out of memory: Killed process 2 (sleeper) ")),
                    String.join("\n", k.memory().log().lines()));
        }
    }
}
