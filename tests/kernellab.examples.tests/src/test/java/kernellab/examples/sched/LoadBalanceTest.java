package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.MachineConfig;
import kernellab.core.trace.SchedTracepoints;
import kernellab.examples.Machine;

class LoadBalanceTest {

    @Test
    void theBalancerMovesOneHogPerPeriodOffCpu0() {
        try (Machine m = Machine.lab()) {
            List<String> balances = new ArrayList<>();
            m.kernel().tracer().addListener(e -> balances.add(e.fieldsText()) && false, SchedTracepoints.SCHED_WRR_LOAD_BALANCE);
            m.launch("balance", new LoadBalance());
            m.runToCompletion(20_000 * MS);
            assertEquals(List.of("balance[2]: released 6 hogs at 100 ms",
                    "balance[3]: hog w10 (pid 3): CPU 0 -> CPU 1 at 2000 ms",
                    "balance[4]: hog w8 (pid 4): CPU 0 -> CPU 2 at 4000 ms",
                    "balance[5]: hog w6 (pid 5): CPU 0 -> CPU 3 at 6000 ms",
                    "balance[3]: hog w10 (pid 3): ran 5700 ms, ended on CPU 1 after 1 migration(s)",
                    "balance[4]: hog w8 (pid 4): ran 4280 ms, ended on CPU 2 after 1 migration(s)",
                    "balance[5]: hog w6 (pid 5): ran 2860 ms, ended on CPU 3 after 1 migration(s)",
                    "balance[7]: hog w2 (pid 7): CPU 0 -> CPU 1 at 7000 ms",
                    "balance[7]: hog w2 (pid 7): ran 900 ms, ended on CPU 1 after 1 migration(s)",
                    "balance[8]: hog w1 (pid 8): CPU 0 -> CPU 2 at 7000 ms",
                    "balance[8]: hog w1 (pid 8): ran 450 ms, ended on CPU 2 after 1 migration(s)",
                    "balance[6]: hog w4 (pid 6): CPU 0 -> CPU 1 at 7000 ms",
                    "balance[6]: hog w4 (pid 6): ran 1810 ms, ended on CPU 1 after 1 migration(s)"), m.output());
            assertEquals(List.of(
                    "jiffies=2000 max_cpu=0 max_weight=31 min_cpu=1 min_weight=0 comm=balance pid=3 weight=10",
                    "jiffies=4000 max_cpu=0 max_weight=21 min_cpu=2 min_weight=0 comm=balance pid=4 weight=8",
                    "jiffies=6000 max_cpu=0 max_weight=13 min_cpu=3 min_weight=0 comm=balance pid=5 weight=6"), balances);
        }
    }

    /** At 500 ms w10 is running its third slice (450–550), so the balancer takes w5. */
    @Test
    void theRunningHogStaysAndAShorterPeriodActsSooner() {
        try (Machine m = new Machine(MachineConfig.builder().balancePeriodMs(500).build())) {
            m.launch("balance", new LoadBalance(), "10", "5");
            m.runToCompletion(20_000 * MS);
            assertEquals(List.of("balance[2]: released 2 hogs at 100 ms",
                    "balance[4]: hog w5 (pid 4): CPU 0 -> CPU 1 at 500 ms"), m.output().subList(0, 2));
            assertEquals(0, m.task(3).nrMigrations());
            assertEquals(1, m.task(4).nrMigrations());
        }
    }
}
