package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static kernellab.api.Syscalls.O_WRONLY;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Syscalls;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import kernellab.core.trace.SchedTracepoints;

/**
 * RT bandwidth and the RT sysctls as {@code kernel/sched/rt.c}: the period timer started by the
 * first RT enqueue ({@code start_rt_bandwidth}), throttling past the runtime
 * ({@code sched_rt_runtime_exceeded}), {@code sched_rt_handler} and {@code sched_rr_handler}.
 */
class RtBandwidthTest {

    private static final long MS = 1_000_000L;
    private static final String RUNTIME = "/proc/sys/kernel/sched_rt_runtime_us";
    private static final String PERIOD = "/proc/sys/kernel/sched_rt_period_us";
    private static final String RR = "/proc/sys/kernel/sched_rr_timeslice_ms";

    private static Kernel oneCpu(int hz) {
        return new Kernel(MachineConfig.builder().cpus(1).hz(hz).initPolicy(Policy.SCHED_NORMAL).build());
    }

    private static List<String> switches(Kernel k) {
        List<String> lines = new ArrayList<>();
        k.tracer().addListener(e -> lines.add(e.timeNs() / MS + "ms " + e.stringField("prev_comm") + "->"
                + e.stringField("next_comm")) && false, SchedTracepoints.SCHED_SWITCH);
        return lines;
    }

    /**
     * An RT hog started at 300 ms starts the period timer then, not at a multiple of the period:
     * it is throttled at 300 + 951 ms (more than 950 ms of {@code rt_time}), the timer at 1300 ms
     * gives 950 ms back (1 ms is left over) and unthrottles it, and the next throttle comes 950 ms
     * later, at 2250 ms. In between the fair task runs.
     */
    @Test
    void thePeriodTimerStartsAtTheFirstRtEnqueue() {
        try (Kernel k = oneCpu(1000)) {
            List<String> sw = switches(k);
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).build()).get(0);
            k.run(300 * MS);
            k.launch(TaskSpec.of("rt", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 50).build());
            k.run(2_100 * MS);
            assertEquals(List.of("0ms swapper/0->fair", "300ms fair->rt", "1251ms rt->fair", "1300ms fair->rt",
                    "2250ms rt->fair", "2300ms fair->rt"), sw);
            assertEquals((300 + 49 + 50) * MS, fair.sumExecRuntime());
            assertEquals("sched: RT throttling activated", k.scheduler().log().records().get(0).text());
        }
    }

    /**
     * {@code echo 500000 > sched_rt_runtime_us}: the new runtime applies to the running hog at
     * once ({@code sched_rt_global_constraints}), so the fair task gets 499 ms of the first second
     * and 500 ms of the second; {@code -1} ({@code RUNTIME_INF}) ends throttling.
     */
    @Test
    void writingTheRuntimeChangesTheThrottling() {
        try (Kernel k = oneCpu(1000)) {
            k.procFs().write(RUNTIME, "500000\n");
            k.launch(TaskSpec.of("rt", SyntheticWorkload.cpuBound()).policy(Policy.SCHED_FIFO, 50).build());
            Task fair = k.launch(TaskSpec.of("fair", SyntheticWorkload.cpuBound()).build()).get(0);
            k.run(2_000 * MS);
            assertEquals(999 * MS, fair.sumExecRuntime());
            k.procFs().write(RUNTIME, "-1");
            assertEquals("-1\n", k.procFs().read(RUNTIME));
            k.run(2_000 * MS);
            assertEquals(999 * MS, fair.sumExecRuntime());
        }
    }

    /**
     * {@code sched_rt_handler}: the period is 1 … INT_MAX, the runtime −1 … the period
     * ({@code proc_dointvec_minmax}), and a period below the runtime fails
     * {@code sched_rt_global_validate}; a refused write keeps the old values.
     */
    @Test
    void theRtSysctlsRefuseValuesAsSchedRtHandler() {
        try (Kernel k = oneCpu(1000)) {
            assertEquals("950000\n", k.procFs().read(RUNTIME));
            assertEquals("1000000\n", k.procFs().read(PERIOD));
            for (String[] bad : new String[][] {{RUNTIME, "1000001"}, {RUNTIME, "-2"}, {RUNTIME, "abc"}, {RUNTIME, " "},
                    {PERIOD, "0"}, {PERIOD, "949999"}, {PERIOD, "2147483648"}}) {
                Errno e = assertThrows(Errno.class, () -> k.procFs().write(bad[0], bad[1]), bad[0] + " " + bad[1]);
                assertEquals(Errno.EINVAL, e.errno());
            }
            assertEquals("950000\n", k.procFs().read(RUNTIME));
            assertEquals("1000000\n", k.procFs().read(PERIOD));
            k.procFs().write(RUNTIME, " 400000 \n");
            k.procFs().write(PERIOD, "500000");
            assertEquals("400000\n", k.procFs().read(RUNTIME));
            assertEquals("500000\n", k.procFs().read(PERIOD));
            assertEquals(Errno.ENOENT, assertThrows(Errno.class, () -> k.procFs().write("/proc/sys/kernel/nope", "1"))
                    .errno());
            assertEquals(Errno.EINVAL, assertThrows(Errno.class, () -> k.procFs().write("/proc/uptime", "1")).errno());
        }
    }

    /**
     * {@code sched_rr_handler}: the slice is kept in jiffies, rounded up
     * ({@code msecs_to_jiffies}): 10 ms at HZ=250 is 3 jiffies, so two SCHED_RR tasks of equal
     * priority rotate every 12 ms while the file shows 10; 0 resets it to {@code RR_TIMESLICE},
     * shown as 100.
     */
    @Test
    void theRrTimesliceIsConfigurableInJiffies() {
        try (Kernel k = oneCpu(250)) {
            assertEquals("100\n", k.procFs().read(RR));
            k.procFs().write(RR, "10");
            assertEquals("10\n", k.procFs().read(RR));
            List<String> sw = switches(k);
            k.launch(TaskSpec.of("rr", SyntheticWorkload.cpuBound()).count(2).policy(Policy.SCHED_RR, 5).build());
            k.run(40 * MS);
            assertEquals(List.of("0ms swapper/0->rr", "12ms rr->rr", "24ms rr->rr", "36ms rr->rr"), sw);
            k.procFs().write(RR, "0");
            assertEquals("100\n", k.procFs().read(RR));
        }
    }

    /**
     * Programs write a sysctl with {@code open} and {@code write} ({@code proc_sys_write}): root
     * may (mode 0644), the handler's EINVAL is the write's error, another user cannot open it for
     * writing (EACCES).
     */
    @Test
    void programsWriteTheSysctlsWithOpenAndWrite() {
        List<String> log = new ArrayList<>();
        try (Kernel k = oneCpu(1000)) {
            k.launch(TaskSpec.of("root", (Syscalls sys) -> {
                int fd = sys.open(RUNTIME, O_WRONLY);
                log.add("write " + sys.write(fd, "500000\n".getBytes()));
                log.add("too big " + errno(() -> sys.write(fd, "2000000\n".getBytes())));
                sys.close(fd);
            }).build());
            k.launch(TaskSpec.of("user", (Syscalls sys) -> log.add("user " + errno(() -> sys.open(RUNTIME, O_WRONLY))))
                    .uid(1000).build());
            k.runUntilAllExited(1_000 * MS);
            assertEquals("500000\n", k.procFs().read(RUNTIME));
        }
        assertEquals(List.of("write 7", "too big EINVAL", "user EACCES"), log);
    }

    private static String errno(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (Errno e) {
            return e.symbol();
        }
    }
}
