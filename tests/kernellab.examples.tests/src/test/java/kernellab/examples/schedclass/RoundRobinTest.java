package kernellab.examples.schedclass;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.core.MachineConfig;
import kernellab.examples.Machine;
import kernellab.examples.sched.CpuHogs;

/** The minimal class runs the lab's examples: its queues show like the reference's, weights do not matter. */
class RoundRobinTest {

    private static Machine roundRobin() {
        return new Machine(MachineConfig.builder().schedClass(RoundRobin::new).build());
    }

    @Test
    void hogsOfEveryWeightGetEqualShares() {
        try (Machine m = roundRobin()) {
            m.launch("hogs", new CpuHogs());
            m.runToCompletion(10_000 * MS);
            assertEquals(List.of("hogs[3]: hog weight  1: cpu  900 ms of 3600 ms (25.0%)",
                    "hogs[4]: hog weight  5: cpu  900 ms of 3600 ms (25.0%)",
                    "hogs[5]: hog weight 10: cpu  900 ms of 3600 ms (25.0%)",
                    "hogs[6]: hog weight 20: cpu  900 ms of 3600 ms (25.0%)"), m.output());
        }
    }

    @Test
    void schedDebugShowsTheClassQueueUnderItsName() {
        try (Machine m = roundRobin()) {
            m.launch("hogs", new CpuHogs(), "2", "3");
            m.kernel().run(15 * MS);
            String debug = m.read("/proc/sched_debug");
            String cpu0 = debug.substring(debug.indexOf("rr_rq[0]:"), debug.indexOf("runnable tasks:", debug.indexOf("rr_rq[0]:")));
            assertEquals("""
                    rr_rq[0]:
                      .rr_nr_running                 : 2
                      .total_weight                  : 5
                     S           task   PID weight       time-slice
                    ------------------------------------------------
                     R           hogs     3      2        10.000000
                    >R           hogs     4      3         5.000000

                    """, cpu0, "the class shows no dump of its own: the kernel's list in enqueue order");
        }
    }

    @Test
    void theSameSeedGivesTheSameTraceTwice() {
        assertEquals(trace(7), trace(7));
    }

    private static List<String> trace(long seed) {
        try (Machine m = new Machine(MachineConfig.builder().seed(seed).schedClass(RoundRobin::new).build())) {
            List<String> events = new java.util.ArrayList<>();
            m.kernel().tracer().addListener(e -> events.add(e.toString()) && false);
            m.launch("hogs", new CpuHogs(), "2", "3", "7");
            m.runToCompletion(10_000 * MS);
            return events;
        }
    }
}
