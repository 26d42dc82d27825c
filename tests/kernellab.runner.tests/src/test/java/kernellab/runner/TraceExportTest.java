package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Trace files of a known run, parsed back: the run of {@link RunCommandTest} (six 50 ms hogs
 * with weight 5 on 4 CPUs), whose events are: 6 forks of init, each allocating its 8 kernel
 * objects (task_struct, pid, cred, files, fs, sighand, signal, mm_struct) and a 4-page kernel
 * stack (a 7th page allocation grows a slab), 6 first wake-ups, 6 slice expiries at 50 and
 * 100 ms, 6 exits, and 14 context switches.
 */
class TraceExportTest {

    static final String[] KNOWN_RUN = {"run", "--cpus", "4", "--seed", "7", "-w", "cpu-bound:50ms", "--comm", "hog", "--count",
            "6", "--weight", "5"};

    /** {@code comm-pid [cpu] seconds.micros: event: fields}, as trace-cmd report prints events. */
    static final Pattern FTRACE_LINE = Pattern.compile("^\\s*(\\S.*)-(\\d+)\\s+\\[(\\d{3})\\]\\s+(\\d+)\\.(\\d{6}): (\\w+): (.*)$");

    static final Pattern SCHED_SWITCH = Pattern.compile("prev_comm=(\\S+) prev_pid=(\\d+) prev_prio=(\\d+) prev_state=(\\S+)"
            + " ==> next_comm=(\\S+) next_pid=(\\d+) next_prio=(\\d+)");

    static final Map<String, Integer> KNOWN_COUNTS = new TreeMap<>(Map.ofEntries(Map.entry("kmem_cache_alloc", 48),
            Map.entry("kmem_cache_free", 38), Map.entry("mm_page_alloc", 7), Map.entry("mm_page_free", 4),
            Map.entry("sched_migrate_task", 7), Map.entry("sched_process_exit", 6), Map.entry("sched_process_fork", 6),
            Map.entry("sched_slice_expire", 6), Map.entry("sched_switch", 14), Map.entry("sched_wakeup", 3),
            Map.entry("sched_wakeup_new", 6), Map.entry("sched_wrr_idle_balance", 4)));

    @Test
    void ftraceTextParsesBackWithTheExactEventCounts(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.txt");
        Cli.Result r = run(trace, "--trace", trace.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        assertEquals("cpus=4", lines.get(0));
        Map<String, Integer> counts = new TreeMap<>();
        long lastTime = 0;
        int switchesToIdle = 0;
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = FTRACE_LINE.matcher(line);
            assertTrue(m.matches(), line);
            long time = Long.parseLong(m.group(4)) * 1_000_000 + Long.parseLong(m.group(5));
            assertTrue(time >= lastTime, line);
            lastTime = time;
            assertTrue(Integer.parseInt(m.group(3)) < 4, line);
            counts.merge(m.group(6), 1, Integer::sum);
            if (m.group(6).equals("sched_switch")) {
                Matcher s = SCHED_SWITCH.matcher(m.group(7));
                assertTrue(s.matches(), line);
                if (s.group(6).equals("0")) {
                    switchesToIdle++;
                }
            }
        }
        assertEquals(KNOWN_COUNTS, counts);
        assertEquals(3, switchesToIdle);
        assertEquals(100_000, lastTime);
    }

    @Test
    void chromeJsonParsesBackWithATrackPerCpuSlicesCountersAndInstants(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.json");
        Path report = dir.resolve("report.json");
        Cli.Result r = run(trace, "--trace", trace.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonObject json = JsonParser.parseString(Files.readString(trace)).getAsJsonObject();
        assertEquals("ns", json.get("displayTimeUnit").getAsString());
        JsonArray events = json.getAsJsonArray("traceEvents");
        Map<String, Integer> byPhase = new TreeMap<>();
        Map<String, Integer> instants = new TreeMap<>();
        long[] busyNs = new long[4];
        long[] lastEnd = new long[4];
        for (JsonElement e : events) {
            JsonObject o = e.getAsJsonObject();
            String ph = o.get("ph").getAsString();
            byPhase.merge(ph, 1, Integer::sum);
            assertEquals(1, o.get("pid").getAsInt());
            switch (ph) {
                case "X" -> {
                    int cpu = o.get("tid").getAsInt();
                    long ts = o.get("ts").getAsBigDecimal().movePointRight(3).longValueExact();
                    long dur = o.get("dur").getAsBigDecimal().movePointRight(3).longValueExact();
                    assertTrue(ts >= lastEnd[cpu], "runs on CPU " + cpu + " overlap: " + o);
                    lastEnd[cpu] = ts + dur;
                    busyNs[cpu] += dur;
                    assertEquals(o.getAsJsonObject("args").get("comm").getAsString() + "-"
                            + o.getAsJsonObject("args").get("pid").getAsInt(), o.get("name").getAsString());
                }
                case "i" -> instants.merge(o.get("name").getAsString(), 1, Integer::sum);
                case "C" -> assertTrue(o.get("name").getAsString().matches("CPU [0-3] (nr_running|wrr_total_weight)"), o.toString());
                case "M" -> assertTrue(List.of("process_name", "thread_name", "thread_sort_index").contains(o.get("name").getAsString()));
                default -> throw new AssertionError(o);
            }
        }
        assertEquals(Map.of("C", 58, "M", 9, "X", 11, "i", 11), byPhase);
        assertEquals(Map.of("sched_migrate_task", 7, "sched_wrr_idle_balance", 4), instants);
        JsonArray cpus = JsonParser.parseString(Files.readString(report)).getAsJsonObject().getAsJsonArray("cpus");
        for (int cpu = 0; cpu < 4; cpu++) {
            assertEquals(cpus.get(cpu).getAsJsonObject().get("busyNs").getAsLong(), busyNs[cpu], "busy time of CPU " + cpu);
        }
        assertEquals(List.of(100_000_000L, 100_000_000L, 50_000_000L, 50_000_000L),
                List.of(busyNs[0], busyNs[1], busyNs[2], busyNs[3]));
    }

    private static Cli.Result run(Path trace, String... more) {
        String[] args = new String[KNOWN_RUN.length + more.length];
        System.arraycopy(KNOWN_RUN, 0, args, 0, KNOWN_RUN.length);
        System.arraycopy(more, 0, args, KNOWN_RUN.length, more.length);
        return Cli.run(args);
    }
}
