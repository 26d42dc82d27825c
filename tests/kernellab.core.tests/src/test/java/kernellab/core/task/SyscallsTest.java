package kernellab.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.api.WaitStatus;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;

class SyscallsTest {

    private static final long MS = 1_000_000L;

    /** Runs one workload on a fresh 4-CPU machine until every task exited; returns the launched task. */
    private static Task runAlone(int uid, Workload w) {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            Task t = k.launch(TaskSpec.of("w", w).uid(uid).build()).get(0);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(10_000 * MS).kind());
            return t;
        }
    }

    private static String errno(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (Errno e) {
            return e.symbol();
        }
    }

    @Test
    void everySchedulingErrnoCase() {
        List<String> results = new ArrayList<>();
        Task t = runAlone(1000, sys -> {
            int other = sys.fork(s -> s.nanosleep(100 * MS));
            results.add("weight 0: " + errno(() -> sys.schedSetweight(0, 0)));
            results.add("weight 21: " + errno(() -> sys.schedSetweight(0, 21)));
            results.add("lower weight: " + errno(() -> sys.schedSetweight(0, 4)));
            results.add("raise weight: " + errno(() -> sys.schedSetweight(0, 5)));
            results.add("weight now: " + sys.schedGetweight(0));
            results.add("wrr prio 1: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_WRR, 1)));
            results.add("fifo prio 0: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_FIFO, 0)));
            results.add("fifo prio 100: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_FIFO, 100)));
            results.add("fifo as user: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_FIFO, 10)));
            results.add("no such pid: " + errno(() -> sys.schedSetweight(4242, 3)));
            results.add("negative pid: " + errno(() -> sys.schedGetscheduler(-1)));
            results.add("init as user: " + errno(() -> sys.schedSetweight(1, 1)));
            results.add("nice -1: " + errno(() -> sys.nice(-1)));
            results.add("setpriority -5: " + errno(() -> sys.setpriority(Syscalls.PRIO_PROCESS, 0, -5)));
            results.add("setpriority which: " + errno(() -> sys.setpriority(7, 0, 5)));
            results.add("nice +3: " + sys.nice(3));
            results.add("to normal: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_NORMAL, 0)));
            results.add("getweight normal: " + errno(() -> sys.schedGetweight(0)));
            results.add("setweight normal: " + errno(() -> sys.schedSetweight(0, 3)));
            results.add("back to wrr: " + errno(() -> sys.schedSetscheduler(0, Policy.SCHED_WRR, 0)));
            results.add("default weight: " + sys.schedGetweight(0));
            results.add("child lower: " + errno(() -> sys.schedSetweight(other, 2)));
            results.add("affinity empty: " + errno(() -> sys.schedSetaffinity(0, new BitSet())));
            BitSet beyond = new BitSet();
            beyond.set(9);
            results.add("affinity beyond: " + errno(() -> sys.schedSetaffinity(0, beyond)));
            results.add("affinity of init: " + errno(() -> sys.schedSetaffinity(1, sys.schedGetaffinity(0))));
            results.add("waitpid child: " + sys.waitpid(other, 0));
            results.add("waitpid none: " + errno(() -> sys.waitpid(-1, 0)));
            results.add("waitpid options: " + errno(() -> sys.waitpid(-1, 8)));
            results.add("policy 4: " + errno(() -> Policy.fromNumber(4)));
            results.add("sleep -1: " + errno(() -> sys.nanosleep(-1)));
            results.add("compute -1: " + errno(() -> sys.compute(-1)));
            results.add("clock 9: " + errno(() -> sys.clockGettime(9)));
            results.add("rusage 5: " + errno(() -> sys.getrusage(5)));
        });
        assertEquals(0, t.shellExitStatus(), t.exitReport());
        assertEquals(List.of("weight 0: EINVAL", "weight 21: EINVAL", "lower weight: ok", "raise weight: EPERM",
                "weight now: 4", "wrr prio 1: EINVAL", "fifo prio 0: EINVAL", "fifo prio 100: EINVAL",
                "fifo as user: EPERM", "no such pid: ESRCH", "negative pid: EINVAL", "init as user: EPERM",
                "nice -1: EPERM", "setpriority -5: EACCES", "setpriority which: EINVAL", "nice +3: 3",
                "to normal: ok", "getweight normal: EINVAL", "setweight normal: EINVAL", "back to wrr: ok",
                "default weight: 10", "child lower: ok", "affinity empty: EINVAL", "affinity beyond: EINVAL",
                "affinity of init: EPERM", "waitpid child: WaitStatus[pid=3, status=0]", "waitpid none: ECHILD",
                "waitpid options: EINVAL", "policy 4: EINVAL", "sleep -1: EINVAL", "compute -1: EINVAL",
                "clock 9: EINVAL", "rusage 5: EINVAL"), results);
    }

    @Test
    void rootMayRaiseWeightsAndSelectRealTime() {
        List<String> results = new ArrayList<>();
        runAlone(0, sys -> {
            sys.schedSetweight(0, 20);
            results.add("weight " + sys.schedGetweight(0));
            sys.schedSetscheduler(0, Policy.SCHED_RR, 42);
            results.add(sys.schedGetscheduler(0) + " " + sys.schedGetparam(0));
            sys.schedSetparam(0, 43);
            results.add("param " + sys.schedGetparam(0));
            results.add("nice " + sys.nice(-5));
            sys.setpriority(Syscalls.PRIO_PROCESS, 0, -20);
            results.add("prio " + sys.getpriority(Syscalls.PRIO_PROCESS, 0));
            results.add("init " + sys.schedGetscheduler(1));
        });
        assertEquals(List.of("weight 20", "SCHED_RR 42", "param 43", "nice -5", "prio -20", "init SCHED_WRR"), results);
    }

    @Test
    void forkInheritsPolicyWeightAndAffinityButNotTheRemainingSlice() {
        List<String> results = new ArrayList<>();
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            Task parent = k.launch(TaskSpec.of("parent", (Workload) sys -> {
                BitSet m = new BitSet();
                m.set(1);
                m.set(2);
                sys.schedSetaffinity(0, m);
                sys.schedSetweight(0, 3);
                sys.compute(12 * MS);
                int child = sys.fork(s -> {
                    results.add("child " + s.getpid() + " ppid " + s.getppid() + " " + s.schedGetscheduler(0) + " w"
                            + s.schedGetweight(0) + " cpus " + s.schedGetaffinity(0) + " uid " + s.getuid());
                    s.exit(7);
                });
                results.add("forked " + child);
                WaitStatus st = sys.waitpid(child, 0);
                results.add("status " + st.exited() + " " + st.exitStatus());
            }).uid(1000).build()).get(0);
            List<Long> slices = new ArrayList<>();
            k.tracer().addListener(e -> {
                slices.add(k.scheduler().task((int) e.longField("pid")).sliceLeft() / MS);
                slices.add(parent.sliceLeft() / MS);
                slices.add(e.longField("target_cpu"));
                return false;
            }, kernellab.core.trace.SchedTracepoints.SCHED_WAKEUP_NEW);
            k.runUntilAllExited(1000 * MS);
            assertEquals(List.of(30L, 88L, 2L), slices,
                    "the child: a fresh 3 x 10 ms slice on the lightest allowed CPU; the parent: its weight-10 slice minus 12 ms");
        }
        assertEquals(List.of("forked 3", "child 3 ppid 2 SCHED_WRR w3 cpus {1, 2} uid 1000", "status true 7"), results);
    }

    @Test
    void threadsShareTheTgidAndReturningFromMainEndsTheGroup() {
        List<String> results = new ArrayList<>();
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            Task main = k.launch(TaskSpec.of("mt", (Workload) sys -> {
                int tid = sys.createThread(s -> {
                    results.add("thread pid " + s.getpid() + " tid " + s.gettid());
                    s.compute(1000 * MS);
                    results.add("never");
                });
                sys.compute(5 * MS);
                results.add("main pid " + sys.getpid() + " tid " + sys.gettid() + " created " + tid);
            }).build()).get(0);
            k.runUntilAllExited(2000 * MS);
            Task thread = k.scheduler().allTasks().stream().filter(t -> t.pid() == 3).findFirst().orElseThrow();
            assertEquals(main.pid(), thread.tgid());
            assertEquals(5 * MS, main.exitTime());
            assertEquals(5 * MS, thread.exitTime());
            assertEquals(5 * MS, thread.sumExecRuntime());
        }
        assertEquals(List.of("thread pid 2 tid 3", "main pid 2 tid 2 created 3"), results);
    }

    @Test
    void anUncaughtExceptionKillsOnlyThatTaskWithSigabrtAndKeepsTheStackTrace() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task bad = k.launch(TaskSpec.of("bad", (Workload) sys -> {
                sys.compute(3 * MS);
                throw new IllegalStateException("boom");
            }).build()).get(0);
            Task good = k.launch(TaskSpec.of("good", (Workload) sys -> sys.compute(20 * MS)).build()).get(0);
            k.runUntilAllExited(1000 * MS);
            assertEquals(134, bad.shellExitStatus());
            assertEquals(6, bad.waitStatus());
            assertTrue(bad.exitReport().startsWith("Exception in task bad [2] \"main\": java.lang.IllegalStateException: boom\n"
                    + "\tat kernellab.core.task.SyscallsTest.lambda$"), bad.exitReport());
            assertEquals(2, bad.exitReport().lines().count(), bad.exitReport());
            assertEquals(0, good.shellExitStatus());
            assertEquals(20 * MS, good.sumExecRuntime());
            assertNull(good.exitReport());
        }
    }

    @Test
    void theWatchdogKillsARunawayWorkloadAndTheOthersGoOn() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).watchdogMillis(100).build())) {
            AtomicInteger spins = new AtomicInteger();
            Task runaway = k.launch(TaskSpec.of("runaway", (Workload) sys -> {
                sys.compute(MS);
                while (!Thread.currentThread().isInterrupted()) {
                    spins.incrementAndGet();
                }
                sys.compute(MS);
            }).build()).get(0);
            Task good = k.launch(TaskSpec.of("good", (Workload) sys -> sys.compute(20 * MS)).build()).get(0);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(1000 * MS).kind());
            assertEquals(128 + 9, runaway.shellExitStatus());
            assertEquals("runaway[2]: killed by the watchdog: ran more than 100 ms of real time without a system call",
                    runaway.exitReport());
            assertEquals(MS, runaway.sumExecRuntime());
            assertEquals(0, good.shellExitStatus());
            assertEquals(21 * MS, good.exitTime());
            assertTrue(spins.get() > 0);
        }
    }

    @Test
    void aLoopOfSystemCallsThatNeverLetsTimePassIsKilledAsALivelock() {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task spinner = k.launch(TaskSpec.of("spinner", (Workload) sys -> {
                sys.compute(MS);
                while (true) {
                    sys.getpid();
                }
            }).build()).get(0);
            Task good = k.launch(TaskSpec.of("good", (Workload) sys -> sys.compute(20 * MS)).build()).get(0);
            assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(1000 * MS).kind());
            assertEquals(137, spinner.shellExitStatus());
            assertEquals("spinner[2]: killed: 10000000 system calls without letting simulated time pass"
                    + " (a livelock, e.g. a sched_yield loop)", spinner.exitReport());
            assertEquals(MS, spinner.exitTime());
            assertEquals(21 * MS, good.exitTime());
        }
    }

    @Test
    void computeSleepAndIoAdvanceTheSimulatedClock() {
        List<Long> times = new ArrayList<>();
        Task t = runAlone(0, sys -> {
            times.add(sys.clockGettime(Syscalls.CLOCK_MONOTONIC));
            sys.compute(3 * MS);
            times.add(sys.clockGettime(Syscalls.CLOCK_MONOTONIC));
            sys.nanosleep(5 * MS);
            times.add(sys.clockGettime(Syscalls.CLOCK_MONOTONIC));
            sys.io(7 * MS);
            times.add(sys.clockGettime(Syscalls.CLOCK_MONOTONIC));
            times.add(sys.clockGettime(Syscalls.CLOCK_THREAD_CPUTIME_ID));
            times.add(sys.getrusage(Syscalls.RUSAGE_SELF).nvcsw());
        });
        assertEquals(List.of(0L, 3 * MS, 8 * MS, 15 * MS, 3 * MS, 2L), times);
        assertEquals(15 * MS, t.turnaround());
    }

    @Test
    void printGoesToTheOutputListeners() {
        List<String> out = new ArrayList<>();
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            k.addOutputListener((task, text) -> out.add(task.comm() + "[" + task.pid() + "]: " + text));
            k.launch(TaskSpec.of("hello", (Workload) sys -> sys.print("args " + sys.argv())).args("a", "b").build());
            k.runUntilAllExited(MS);
        }
        assertEquals(List.of("hello[2]: args [a, b]"), out);
    }

    @Test
    void systemCallsFromAForeignThreadAreRejected() {
        List<String> results = new ArrayList<>();
        runAlone(0, sys -> {
            Thread th = new Thread(() -> {
                try {
                    sys.getpid();
                    results.add("allowed");
                } catch (IllegalStateException e) {
                    results.add("rejected");
                }
            });
            th.start();
            th.join();
        });
        assertEquals(List.of("rejected"), results);
    }

    @Test
    void exitStatusAndZombiesAreReapedByInit() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            Task t = k.launch(TaskSpec.of("x", (Workload) sys -> sys.exit(300)).build()).get(0);
            k.runUntilAllExited(MS);
            assertEquals(300 & 0xff, t.shellExitStatus());
            k.run(MS);
            assertEquals('X', t.state().letter());
            assertNull(k.scheduler().task(t.pid()));
            assertFalse(k.scheduler().init().children().contains(t));
        }
    }

    @Test
    void anOrphanIsReparentedToInitWhichReapsIt() {
        List<String> results = new ArrayList<>();
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(2).build())) {
            Task parent = k.launch(TaskSpec.of("parent", (Workload) sys -> {
                sys.fork(c -> {
                    results.add("ppid before " + c.getppid());
                    c.nanosleep(10 * MS);
                    results.add("ppid after " + c.getppid());
                    c.exit(3);
                });
                sys.compute(MS);
            }).build()).get(0);
            k.run(5 * MS);
            Task child = k.scheduler().task(3);
            assertEquals('X', parent.state().letter(), "init reaped the parent");
            assertEquals(1, child.ppid());
            assertEquals(List.of(child), k.scheduler().init().children());
            k.runUntilAllExited(100 * MS);
            k.run(MS);
            assertEquals(3, child.shellExitStatus());
            assertEquals('X', child.state().letter());
            assertNull(k.scheduler().task(3));
            assertEquals(List.of(), k.scheduler().init().children());
        }
        assertEquals(List.of("ppid before 2", "ppid after 1"), results);
    }

    @Test
    void runRejectsCallsFromWorkloadCode() {
        try (Kernel k = new Kernel(MachineConfig.builder().build())) {
            List<Throwable> errors = new ArrayList<>();
            k.launch(TaskSpec.of("sneaky", (Workload) sys -> {
                try {
                    k.run(MS);
                } catch (IllegalStateException e) {
                    errors.add(e);
                }
            }).build());
            k.runUntilAllExited(MS);
            assertEquals(1, errors.size());
            assertThrows(IllegalStateException.class, () -> {
                throw errors.get(0);
            });
        }
    }
}
