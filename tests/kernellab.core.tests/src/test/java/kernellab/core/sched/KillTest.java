package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/** kill(2) with the signals' default actions. */
class KillTest {

    private static final long MS = 1_000_000L;

    private static int errno(Runnable call) {
        return assertThrows(Errno.class, call::run).errno();
    }

    @Test
    void defaultActionsEndTheProcessWithTheSignalOrDoNothing() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).kthreads(true).build())) {
            Scheduler s = k.scheduler();
            List<Task> t = k.launch(TaskSpec.of("hog", SyntheticWorkload.cpuBound()).count(3).build());
            k.runUntil(5 * MS);
            Task init = s.init();
            s.signals().kill(init, t.get(0).pid(), Signal.SIGTERM.number());
            s.signals().kill(init, t.get(1).pid(), Signal.SIGCHLD.number());
            s.signals().kill(init, t.get(1).pid(), 0);
            s.signals().kill(init, t.get(2).pid(), Signal.SIGSEGV.number());
            assertEquals(143, t.get(0).shellExitStatus());
            assertEquals("hog[" + t.get(0).pid() + "]: killed by SIGTERM from init[1]", t.get(0).exitReport());
            assertEquals(-1, t.get(1).exitTime(), "SIGCHLD is ignored, signal 0 only checks");
            assertEquals(139, t.get(2).shellExitStatus(), "SIGSEGV's default action (no core file)");
            s.signals().kill(init, t.get(0).pid(), Signal.SIGKILL.number());
            assertEquals(143, t.get(0).shellExitStatus(), "a zombie takes the signal and stays as it was");
            s.signals().kill(init, 1, Signal.SIGKILL.number());
            Task kthread = s.tasks().stream().filter(Task::isKernelThread).findFirst().orElseThrow();
            s.signals().kill(init, kthread.pid(), Signal.SIGKILL.number());
            assertEquals(-1, init.exitTime(), "init is unkillable");
            assertEquals(-1, kthread.exitTime(), "kernel threads ignore signals");
            k.runUntil(10 * MS);
            assertNull(s.task(t.get(0).pid()), "init reaped the killed process");
            assertEquals(Errno.ESRCH, errno(() -> s.signals().kill(init, t.get(0).pid(), Signal.SIGTERM.number())));
        }
    }

    @Test
    void errorsAreTheKernels() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Scheduler s = k.scheduler();
            Task root = k.launch(TaskSpec.of("root", SyntheticWorkload.cpuBound()).build()).get(0);
            Task user = k.launch(TaskSpec.of("user", SyntheticWorkload.cpuBound()).uid(1000).build()).get(0);
            Task other = k.launch(TaskSpec.of("other", SyntheticWorkload.cpuBound()).uid(1001).build()).get(0);
            assertEquals(Errno.EINVAL, errno(() -> s.signals().kill(s.init(), 999, 65)), "EINVAL before ESRCH");
            assertEquals(Errno.EINVAL, errno(() -> s.signals().kill(s.init(), root.pid(), -1)));
            assertEquals(Errno.ESRCH, errno(() -> s.signals().kill(s.init(), 999, 0)));
            assertEquals(Errno.EPERM, errno(() -> s.signals().kill(user, other.pid(), 0)));
            assertEquals(Errno.EPERM, errno(() -> s.signals().kill(user, root.pid(), Signal.SIGKILL.number())));
            s.signals().kill(user, user.pid(), 40);
            assertEquals(128 + 40, user.shellExitStatus(), "a real-time signal terminates");
            assertThrows(IllegalArgumentException.class, () -> s.signals().kill(s.init(), other.pid(), Signal.SIGSTOP.number()));
            assertThrows(IllegalArgumentException.class, () -> s.signals().kill(s.init(), -1, Signal.SIGTERM.number()));
            assertEquals(-1, other.exitTime());
        }
    }

    @Test
    void namesAndNumbersAreLinuxs() {
        assertEquals("SIGTERM", Signal.name(15));
        assertEquals("SIGRT_2", Signal.name(34));
        assertEquals(Signal.SIGKILL, Signal.byName("kill"));
        assertEquals(Signal.SIGUSR1, Signal.byName("SIGUSR1"));
        assertNull(Signal.byName("SIGFOO"));
        assertEquals(Signal.Action.IGN, Signal.action(Signal.SIGWINCH.number()));
        assertEquals(31, Signal.SIGSYS.number());
    }
}
