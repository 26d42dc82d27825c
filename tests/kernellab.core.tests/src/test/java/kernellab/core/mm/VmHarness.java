package kernellab.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;
import kernellab.core.sim.StopReason;

/** A machine for address-space tests: launches workloads, collects their output, reads /proc. */
final class VmHarness implements AutoCloseable {

    static final long MS = 1_000_000L;

    final Kernel k;
    final StringBuilder out = new StringBuilder();

    VmHarness() {
        this(MachineConfig.builder().cpus(1).build());
    }

    VmHarness(MachineConfig config) {
        k = new Kernel(config);
        k.addOutputListener((t, s) -> out.append(s));
    }

    Task launch(String comm, Workload w) {
        return k.launch(TaskSpec.of(comm, w).build()).get(0);
    }

    void runToEnd() {
        assertEquals(StopReason.Kind.CONDITION, k.runUntilAllExited(k.now() + 600_000 * MS).kind());
    }

    VirtualMemory vm() {
        return k.vm();
    }

    String maps(int pid) {
        return k.procFs().read("/proc/" + pid + "/maps");
    }

    /** The lines of /proc/PID/maps whose start lies in {@code [lo, hi)}. */
    String region(int pid, long lo, long hi) {
        StringBuilder sb = new StringBuilder();
        for (String line : maps(pid).split("\n")) {
            long start = Long.parseUnsignedLong(line.substring(0, line.indexOf('-')), 16);
            if (Long.compareUnsigned(start, lo) >= 0 && Long.compareUnsigned(start, hi) < 0) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Snapshots taken by workload code while it runs. */
    static final class Log {
        final List<String> entries = new ArrayList<>();

        void add(Object o) {
            entries.add(String.valueOf(o));
        }

        String get(int i) {
            return entries.get(i);
        }
    }

    @Override
    public void close() {
        k.close();
    }
}
