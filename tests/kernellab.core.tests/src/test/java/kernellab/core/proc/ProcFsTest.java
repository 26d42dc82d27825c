package kernellab.core.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;

/**
 * The scheduler's /proc files for a known machine at 123 ms: CPU 0 runs a (pid 2, weight 5) for
 * 50 ms, then b (pid 4, weight 10, pinned) for 100 ms; CPU 1 runs a (pid 3, weight 5) and starves
 * the fair task f (pid 5, nice 5), whose vruntime is min_vruntime plus its first virtual slice
 * (12 ms scaled by 1024/335 = 36.680597 ms).
 */
class ProcFsTest {

    private Kernel k;

    @BeforeEach
    void boot() {
        k = new Kernel(MachineConfig.builder().cpus(2).build());
        k.launch(TaskSpec.of("a", SyntheticWorkload.cpuBound()).weight(5).count(2).build());
        k.launch(TaskSpec.of("b", SyntheticWorkload.cpuBound()).weight(10).affinity(0).build());
        k.launch(TaskSpec.of("f", SyntheticWorkload.ioBound(3_000_000, 4_000_000, 0)).policy(Policy.SCHED_NORMAL)
                .nice(5).build());
        k.run(123_000_000L);
    }

    @AfterEach
    void shutdown() {
        k.close();
    }

    @Test
    void schedDebug() {
        assertEquals("""
                Sched Debug Version: v0.11, 5.4.0-kernellab #1
                ktime                                   : 123.000000
                sched_clk                               : 123.000000
                cpu_clk                                 : 123.000000
                jiffies                                 : 123

                sysctl_sched
                  .sysctl_sched_latency                    : 12.000000
                  .sysctl_sched_min_granularity            : 1.500000
                  .sysctl_sched_wakeup_granularity         : 2.000000
                  .sysctl_sched_child_runs_first           : 0
                  .sysctl_sched_wrr_base_slice             : 10.000000
                  .sysctl_sched_tunable_scaling            : 1 (logarithmic)

                cpu#0, 2400.000 MHz
                  .nr_running                    : 2
                  .nr_switches                   : 2
                  .nr_uninterruptible            : 0
                  .curr->pid                     : 4
                  .clock                         : 123.000000
                  .clock_task                    : 123.000000
                  .yld_count                     : 0
                  .sched_count                   : 2
                  .sched_goidle                  : 0
                  .ttwu_count                    : 0
                  .ttwu_local                    : 0

                cfs_rq[0]:
                  .MIN_vruntime                  : 0.000001
                  .min_vruntime                  : 0.000000
                  .max_vruntime                  : 0.000001
                  .spread                        : 0.000000
                  .spread0                       : 0.000000
                  .nr_running                    : 0
                  .load                          : 0

                rt_rq[0]:
                  .rt_nr_running                 : 0
                  .rt_throttled                  : 0
                  .rt_time                       : 0.000000
                  .rt_runtime                    : 950.000000

                wrr_rq[0]:
                  .wrr_nr_running                : 2
                  .total_weight                  : 15
                 S           task   PID weight       time-slice
                ------------------------------------------------
                >R              b     4     10        27.000000
                 R              a     2      5        50.000000

                runnable tasks:
                 S           task   PID         tree-key  switches  prio     wait-time             sum-exec        sum-sleep
                -----------------------------------------------------------------------------------------------------------
                 S           init     1         0.000000         0   120         0.000000         0.000000         0.000000
                 R              a     2         0.000000         1   120         0.000000        50.000000         0.000000
                >R              b     4         0.000000         0   120        50.000000        73.000000         0.000000

                cpu#1, 2400.000 MHz
                  .nr_running                    : 2
                  .nr_switches                   : 1
                  .nr_uninterruptible            : 0
                  .curr->pid                     : 3
                  .clock                         : 123.000000
                  .clock_task                    : 123.000000
                  .yld_count                     : 0
                  .sched_count                   : 1
                  .sched_goidle                  : 0
                  .ttwu_count                    : 0
                  .ttwu_local                    : 0

                cfs_rq[1]:
                  .MIN_vruntime                  : 36.680597
                  .min_vruntime                  : 36.680597
                  .max_vruntime                  : 36.680597
                  .spread                        : 0.000000
                  .spread0                       : 36.680597
                  .nr_running                    : 1
                  .load                          : 343040

                rt_rq[1]:
                  .rt_nr_running                 : 0
                  .rt_throttled                  : 0
                  .rt_time                       : 0.000000
                  .rt_runtime                    : 950.000000

                wrr_rq[1]:
                  .wrr_nr_running                : 1
                  .total_weight                  : 5
                 S           task   PID weight       time-slice
                ------------------------------------------------
                >R              a     3      5        27.000000

                runnable tasks:
                 S           task   PID         tree-key  switches  prio     wait-time             sum-exec        sum-sleep
                -----------------------------------------------------------------------------------------------------------
                >R              a     3         0.000000         0   120         0.000000       123.000000         0.000000
                 R              f     5        36.680597         0   125         0.000000         0.000000         0.000000

                """, k.procFs().read("/proc/sched_debug"));
    }

    @Test
    void schedstat() {
        assertEquals("""
                version 15
                timestamp 123
                cpu0 0 0 2 0 0 0 123000000 50000000 2
                cpu1 0 0 1 0 0 0 123000000 0 1
                """, k.procFs().read("/proc/schedstat"));
    }

    @Test
    void pidSchedOfARunningWrrTask() {
        assertEquals("""
                b (4, #threads: 1)
                -------------------------------------------------------------------
                se.exec_start                                :           123.000000
                se.vruntime                                  :             0.000000
                se.sum_exec_runtime                          :            73.000000
                se.nr_migrations                             :                    0
                sched_info.run_delay                         :            50.000000
                sched_info.pcount                            :                    1
                nr_switches                                  :                    0
                nr_voluntary_switches                        :                    0
                nr_involuntary_switches                      :                    0
                se.load.weight                               :              1048576
                policy                                       :                    7
                prio                                         :                  120
                wrr.weight                                   :                   10
                wrr.time_slice                               :            27.000000
                clock-delta                                  :                    0
                """, k.procFs().read("/proc/4/sched"));
    }

    @Test
    void pidSchedOfAFairTaskHasNoWrrLines() {
        assertEquals("""
                f (5, #threads: 1)
                -------------------------------------------------------------------
                se.exec_start                                :             0.000000
                se.vruntime                                  :            36.680597
                se.sum_exec_runtime                          :             0.000000
                se.nr_migrations                             :                    0
                sched_info.run_delay                         :             0.000000
                sched_info.pcount                            :                    0
                nr_switches                                  :                    0
                nr_voluntary_switches                        :                    0
                nr_involuntary_switches                      :                    0
                se.load.weight                               :               343040
                policy                                       :                    0
                prio                                         :                  125
                clock-delta                                  :                    0
                """, k.procFs().read("/proc/5/sched"));
    }

    @Test
    void pidStatHasTheKernelsFieldOrder() {
        assertEquals("""
                4 (b) R 1 4 4 0 -1 4194304 0 0 0 0 7 0 0 0 20 0 1 0 0 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 7 0 0 0 0 0 0 0 0 0 0 0
                """, k.procFs().read("/proc/4/stat"));
        assertEquals("""
                1 (init) S 0 1 1 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 0 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 7 0 0 0 0 0 0 0 0 0 0 0
                """, k.procFs().read("/proc/1/stat"));
    }

    @Test
    void uptimeAndMissingFiles() {
        assertEquals("0.12 0.00\n", k.procFs().read("/proc/uptime"));
        assertEquals("b\n", k.procFs().read("/proc/4/comm"));
        assertEquals(Errno.ENOENT, assertThrows(Errno.class, () -> k.procFs().read("/proc/99/sched")).errno());
        assertEquals(Errno.ENOENT, assertThrows(Errno.class, () -> k.procFs().read("/proc/nothing")).errno());
    }

    @Test
    void otherSubsystemsRegisterTheirFiles() {
        k.procFs().register("/proc/buddyinfo", () -> "Node 0, zone   Normal\n");
        k.procFs().registerPerTask("status", t -> "Name:\t" + t.comm() + "\n");
        assertEquals("Node 0, zone   Normal\n", k.procFs().read("/proc/buddyinfo"));
        assertEquals("Name:\tf\n", k.procFs().read("/proc/5/status"));
    }
}
