package kernellab.runner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Policy;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.SimulationReport;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.TaskReport;
import kernellab.runner.protocol.WorkloadSpec;

/** The share of its CPU a task got while it competed, against what its WRR weight entitles it to. */
class CpuSharesTest {

    /**
     * Three CPU hogs of weight 5 and one of weight 15, each with 300 ms of work, on one CPU with
     * a 10 ms base slice: while all four compete (total weight 30) the heavy one gets 150 ms of
     * every 300 ms round, half the CPU, and is done at 600 ms; then the three light ones share it
     * equally until 1200 ms. Over the whole run each had a quarter of the CPU time; over the time
     * it competed the heavy one had 1/2 and each light one 300/1200 = 1/4 (1/6, then 1/3), as the
     * weights say.
     */
    @Test
    void aTaskOfWeight15AmongThreeOfWeight5GetsHalfTheCpuWhileTheyCompete() throws Exception {
        MachineSpec machine = new MachineSpec(1, 64L << 20, 1000, 1L, Policy.SCHED_WRR, 10L, null, null, null, null, null, false,
                0L, null, null, null, null, null);
        try (Simulation sim = new Simulation(machine, new Workloads(List.of()), new StopCondition(null, true), 10_000_000L,
                1 << 16)) {
            sim.launch(List.of(new WorkloadSpec("cpu-bound:300ms", "light", 3, null, 0, 5, null, null, null, List.of()),
                    new WorkloadSpec("cpu-bound:300ms", "heavy", 1, null, 0, 15, null, null, null, List.of())),
                    new Workloads(List.of()));
            sim.advance(Long.MAX_VALUE);
            SimulationReport report = sim.report("exit");
            List<CpuShares.Share> shares = CpuShares.of(report);

            assertEquals(List.of("light", "light", "light", "heavy"), shares.stream().map(CpuShares.Share::comm).toList());
            for (CpuShares.Share s : shares) {
                double due = s.weight() == 15 ? 0.5 : 0.25;
                assertEquals(due, s.measured(), 0.01, s.toString());
                assertEquals(due, s.expected(), 0.02, s.toString());
            }
            for (TaskReport t : report.tasks()) {
                assertEquals(300_000_000L, t.cpuTimeNs(), t.toString());
                assertEquals(0, t.cpu());
                assertEquals(0, t.startTimeNs());
            }
        }
    }

    @Test
    void measuredIsCpuTimeOverRunnableTime() {
        assertEquals(0.25, CpuShares.measured(100, 300));
        assertEquals(1.0, CpuShares.measured(100, 0));
        assertEquals(0.0, CpuShares.measured(0, 0));
    }

    /**
     * total_weight holds from one sample to the next; time outside the lifetime, or when the total
     * does not hold the weight (the task was not on that queue), does not count.
     */
    @Test
    void expectedAveragesWeightOverTotalOnTheTasksQueueOverItsLifetime() {
        List<LoadSample> samples = List.of(new LoadSample(0, 4, 30), new LoadSample(10, 4, 30), new LoadSample(20, 3, 15),
                new LoadSample(30, 1, 3), new LoadSample(40, 3, 15));
        assertEquals(5.0 / 30, CpuShares.expected(5, samples, 10, 20), 1e-12);
        assertEquals((5.0 / 30 * 15 + 5.0 / 15 * 10) / 25, CpuShares.expected(5, samples, 5, 30), 1e-12);
        assertEquals((5.0 / 30 * 20 + 5.0 / 15 * 10 + 5.0 / 15 * 20) / 50, CpuShares.expected(5, samples, 0, 60), 1e-12,
                "the last sample holds until the end");
        assertTrue(Double.isNaN(CpuShares.expected(5, samples, 30, 35)));
    }

    @Test
    void onlyWrrTasksHaveAnExpectedShare() {
        TaskReport normal = new TaskReport(2, 2, 1, "fair", Policy.SCHED_NORMAL, 10, 0, 100, 100, 200, 0, 0, 1, 0, 1, 0, 0, 0, 0,
                null);
        SimulationReport report = new SimulationReport(2, 200, 10, "exit", List.of(normal),
                List.of(new CpuReport(0, 100, 1, List.of(new LoadSample(100, 1, 0)))), null);
        CpuShares.Share share = CpuShares.of(report).get(0);
        assertEquals(0.5, share.measured());
        assertFalse(share.hasExpected());
    }
}
