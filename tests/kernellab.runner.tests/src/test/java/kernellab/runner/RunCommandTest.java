package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.runner.fixtures.CacheModule;
import kernellab.runner.fixtures.Greeter;
import kernellab.runner.fixtures.MemoryToucher;

/** {@code kernellab run} as a separate process. */
class RunCommandTest {

    static String resource(String name) throws IOException {
        try (InputStream in = RunCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The directory (or jar) the test classes are in, as the class path of workload classes. */
    static String testClasses() throws URISyntaxException {
        return Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /**
     * Six CPU-bound tasks of 50 ms CPU with weight 5 (a 50 ms slice) on 4 CPUs: WRR places them
     * 2,3,4,5 on CPUs 0-3 and 6,7 on CPUs 0 and 1; at 50 ms every slice expires as the work
     * ends, idle CPUs 2 and 3 pull tasks 2 and 3 that only have to exit, 6 and 7 run until 100 ms.
     * While all six competed (0–50 ms) tasks 2–5 had a CPU each and 6 and 7 waited: measured
     * shares 1/4 and 0, where weighted fair sharing of the four CPUs would give each 1/6.
     */
    @Test
    void wrrRunOnFourCpusPrintsTheFilesAndTheReport() throws IOException {
        Cli.Result r = Cli.run("run", "--cpus", "4", "--seed", "7", "-w", "cpu-bound:50ms", "--comm", "hog", "--count", "6",
                "--weight", "5", "--print-at", "25ms:/proc/schedstat", "--print-at", "25ms:/proc/6/sched", "--print",
                "/proc/schedstat", "--print", "/proc/7/stat", "--sample-period", "50ms", "--report", "-");
        assertEquals(0, r.exitCode());
        assertPrintsOnStderrAndReportOnStdout(resource("run-wrr-4cpus.txt"), r);
    }

    /**
     * With {@code --report -} standard output is the report alone; what would go there (the
     * tasks' output, --print) goes to standard error.
     *
     * @param expected the prints, then the report from its line {@code &#123;} on
     */
    static void assertPrintsOnStderrAndReportOnStdout(String expected, Cli.Result r) {
        int json = expected.indexOf("\n{\n") + 1;
        assertEquals(expected.substring(0, json), r.err());
        assertEquals(expected.substring(json), r.out());
    }

    /** The minimal class of the examples serves SCHED_WRR: /proc/sched_debug shows its queue as rr_rq. */
    @Test
    void aSchedulingClassChosenWithSchedClassServesPolicy7() {
        Cli.Result r = Cli.run("run", "--cpus", "1", "--sched-class", "kernellab.examples.schedclass.RoundRobin", "-w",
                "cpu-bound:30ms", "--count", "2", "--weight", "3", "--duration", "15ms", "--print", "/proc/sched_debug");
        assertEquals("", r.err());
        assertEquals(0, r.exitCode());
        String out = r.out();
        assertTrue(out.contains("""
                rr_rq[0]:
                  .rr_nr_running                 : 2
                  .total_weight                  : 6
                 S           task   PID weight       time-slice
                ------------------------------------------------
                 R      cpu-bound     2      3        10.000000
                >R      cpu-bound     3      3         5.000000
                """), out);
        assertTrue(out.contains("  .sysctl_sched_rr_base_slice"), out);
    }

    /** A class the kernel disables: the dump on stderr, the run goes on, the report says why. */
    @Test
    void aDisabledClassIsReportedOnStderrAndInTheReport() {
        Cli.Result r = Cli.run("run", "--cpus", "2", "--sched-class", "kernellab.examples.schedclass.BrokenPick", "-w",
                "cpu-bound:200ms", "--count", "2", "-w", "cpu-bound:200ms", "--count", "2", "--affinity", "1", "--report", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("sched_ext: BPF scheduler \"broken\" disabled (invalid result)\n"), r.err());
        assertTrue(r.err().contains("sched_ext: broken: pickNext(0) returned cpu-bound[4], which is queued on CPU 1, not on CPU 0\n"),
                r.err());
        assertTrue(r.out().contains("""
                  "schedClass": {
                    "name": "broken",
                    "disabled": true,
                    "exitKind": "INVALID_RESULT",
                    "exitCode": 1025,
                    "message": "pickNext(0) returned cpu-bound[4], which is queued on CPU 1, not on CPU 0",
                    "timeNs": 100000000,
                """), r.out());
    }

    @Test
    void aSchedClassNotOnTheClassPathIsOneLineAndExit2() {
        Cli.Result r = Cli.run("run", "--sched-class", "demo.Nope", "-w", "cpu-bound:1ms");
        assertEquals(2, r.exitCode());
        assertEquals("kernellab run: scheduling class demo.Nope cannot be loaded: not found on the class path (give it with"
                + " --classpath)\nTry 'kernellab run --help' for more information.\n", r.err());
    }

    @Test
    void aWorkloadClassFromTheClassPathRunsAndPrints() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "--cpus", "2", "-cp", testClasses(), "-w", Greeter.class.getName(), "--count", "2", "--arg",
                "a", "--arg", "b c", "--policy", "SCHED_NORMAL", "--print", "/proc/2/comm", "--report", "-");
        assertEquals(3, r.exitCode(), r.err());
        assertEquals("""
                [Greeter 2] hello from 2 with [a, b c]
                [Greeter 3] hello from 3 with [a, b c]
                [Greeter 2] done at 3000000 ns
                [Greeter 3] done at 3000000 ns
                ==> /proc/2/comm at 0.003000 <==
                Greeter
                """, r.err());
        String out = r.out();
        assertTrue(out.startsWith("{\n"), out);
        assertEquals(2, out.split("\"exitStatus\": 3,", -1).length - 1, out);
        assertEquals(2, out.split("\"policy\": \"SCHED_NORMAL\",", -1).length - 1, out);
    }

    /**
     * {@link MemoryToucher} maps 64 pages and writes each, maps 16 more and reads each, reads its
     * own text: at 1 ms /proc/2/maps and pmap's three forms show the 64 written pages merged
     * with the TLS block below libc (268K, RSS and Dirty 256K), the read-only mapping with no
     * RSS (the zero page is not counted), 4K of text and 4K of stack resident; after the exit
     * the zombie has no mappings. The report keeps the faults of the reaped task: 81 minor
     * (exec's stack, 64 new pages, 16 zero-page mappings) and 1 major (the text read from disk).
     */
    @Test
    void aMemoryWorkloadsMapsPmapAndFaultsSurviveItsExit() throws Exception {
        Cli.Result r = Cli.run("run", "--cpus", "1", "-cp", testClasses(), "-w", MemoryToucher.class.getName(), "--comm",
                "toucher", "--print-at", "1ms:/proc/2/maps", "--print-at", "1ms:pmap -x 2", "--print-at", "1ms:pmap -d 2",
                "--print-at", "1ms:pmap 2", "--print", "pmap 2", "--print", "pmap 99", "--print", "pmap -q 2", "--report", "-");
        assertEquals(0, r.exitCode());
        assertPrintsOnStderrAndReportOnStdout(resource("run-memory.txt"), r);
    }

    /**
     * pmap -X and -XX and /proc/PID/smaps_rollup of the same workload at 1 ms: the smaps columns
     * of procps-ng's print_extended_maps (heading and the footer's totals), the rollup's header
     * and its Rss, the sum of the mappings' (4K of text, 256K written, 4K of stack).
     */
    @Test
    void pmapXAndXxAndSmapsRollupReadTheSmapsFields() throws Exception {
        Cli.Result r = Cli.run("run", "--cpus", "1", "-cp", testClasses(), "-w", MemoryToucher.class.getName(), "--comm",
                "toucher", "--print-at", "1ms:pmap -X 2", "--print-at", "1ms:pmap -XX 2", "--print-at", "1ms:/proc/2/smaps_rollup");
        assertEquals("", r.err());
        assertEquals(0, r.exitCode());
        List<String> lines = r.out().lines().toList();
        assertEquals("         Address Perm   Offset Device   Inode Size Rss Pss Pss_Dirty Referenced Anonymous KSM LazyFree"
                + " ShmemPmdMapped FilePmdMapped Shared_Hugetlb Private_Hugetlb Swap SwapPss Locked THPeligible Mapping",
                lines.get(2));
        assertTrue(lines.contains("                                              2964 264 264       260        264       260   0"
                + "        0              0             0              0               0    0       0      0           0 KB "),
                r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("         Address Perm   Offset Device   Inode Size KernelPageSize")
                && l.endsWith("THPeligible                 VmFlags Mapping")), r.out());
        assertTrue(lines.contains("555555554000-7ffffffff000 ---p 00000000 00:00 0                          [rollup]"), r.out());
        assertTrue(lines.contains("Rss:                 264 kB"), r.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                                   | Unknown option: '--bogus'
            --cpus=0                                  | Invalid value for option '--cpus': must be 1..1024 but was 0
            --cpus=four                               | Invalid value for option '--cpus': 'four' is not an int
            --memory=12X                              | Invalid value for option '--memory': '12X' is not a size (bytes, or a number with K, M or G, e.g. 256M)
            --memory=1000                             | Invalid value for option '--memory': must be a multiple of 4K, at least 1M, but was 1000 bytes
            --hz=500                                  | Invalid value for option '--hz': expected one of [100, 250, 300, 1000] but was 500
            --seed=x                                  | Invalid value for option '--seed': 'x' is not a long
            --init-policy=SCHED_FIFO                  | Invalid value for option '--init-policy': expected one of [SCHED_WRR, SCHED_NORMAL] but was SCHED_FIFO
            --init-policy=fast                        | Invalid value for option '--init-policy': expected one of [SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_WRR] but was 'fast'
            --wrr-base-slice=10                       | Invalid value for option '--wrr-base-slice': '10' is not a duration (a number with ns, us, ms or s, e.g. 100ms)
            --wrr-base-slice=1500us                   | Invalid value for option '--wrr-base-slice': must be a whole number of milliseconds, at least 1ms
            --balance-period=0ms                      | Invalid value for option '--balance-period': must be a whole number of milliseconds, at least 1ms
            --rt-runtime=2s                           | Invalid value for option '--rt-runtime': must not exceed the RT period (1000ms) but was 2000ms
            --duration=soon                           | Invalid value for option '--duration': 'soon' is not a duration (a number with ns, us, ms or s, e.g. 100ms)
            --print-at=/proc/sched_debug              | Invalid value for option '--print-at': expected TIME:FILE, e.g. 500ms:/proc/sched_debug, but was '/proc/sched_debug'
            --print-at=5:/proc/sched_debug            | Invalid value for option '--print-at': '5' is not a duration (a number with ns, us, ms or s, e.g. 100ms)
            --trace-format=pdf                        | Invalid value for option '--trace-format': expected one of [FTRACE, CHROME] (case-insensitive) but was 'pdf'
            --sample-period=0ms                       | Invalid value for option '--sample-period': must be positive
            --count=0                                 | Invalid value for option '--count': must be at least 1 but was 0
            --policy=SCHED_TURBO                      | Invalid value for option '--policy': expected one of [SCHED_NORMAL, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_WRR] but was 'SCHED_TURBO'
            --policy=SCHED_FIFO                       | Invalid value for option '--priority': must be 1..99 for SCHED_FIFO but was 0
            --priority=5                              | Invalid value for option '--priority': applies to SCHED_FIFO and SCHED_RR only
            --weight=25                               | Invalid value for option '--weight': must be 1..20 but was 25
            --nice=20                                 | Invalid value for option '--nice': must be -20..19 but was 20
            --affinity=0-                             | Invalid value for option '--affinity': '0-' is not a CPU list (e.g. 0-2,5)
            --uid=-1                                  | Invalid value for option '--uid': must not be negative but was -1
            --page-table-levels=5                     | Invalid value for option '--page-table-levels': expected one of [2, 3, 4] but was 5
            --affinity=7                              | Invalid value for option '--affinity': '7' has no CPU of the machine (CPUs 0-3)
            --count=100000                            | Invalid value for option '--count': 100000 tasks do not fit: at most 2047 more (threads-max is 2048, from the memory size; pid_max is 32768)
            --classpath=/does/not/exist               | Invalid value for option '--classpath': /does/not/exist: No such file or directory
            --report=/does/not/exist/r.json           | Invalid value for option '--report': /does/not/exist/r.json: cannot be created (no such directory)
            --trace=/                                 | Invalid value for option '--trace': /: Is a directory
            --print=/proc/nosuch                      | Invalid value for option '--print': /proc/nosuch: No such file or directory
            --print-at=1ms:/proc/2/nosuch             | Invalid value for option '--print-at': /proc/2/nosuch: No such file or directory
            --trace-limit=0                           | Invalid value for option '--trace-limit': must be positive
            --trace-limit=lots                        | Invalid value for option '--trace-limit': 'lots' is not a size (bytes, or a number with K, M or G, e.g. 256M)
            """)
    void everyBadFlagExitsWith2NamingTheFlag(String flag, String message) {
        Cli.Result r = Cli.run("run", "-w", "cpu-bound:1ms", flag);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals(message + "\nTry 'kernellab run --help' for more information.\n", r.err());
    }

    @Test
    void aPrintAtAfterTheEndIsAWarningAndTheOthersArePrinted() {
        Cli.Result r = Cli.run("run", "-w", "cpu-bound:2ms", "--print-at", "5s:/proc/uptime", "--print-at", "1ms:/proc/2/comm");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("==> /proc/2/comm at 0.001000 <==\ncpu-bound\n", r.out());
        assertEquals("kernellab run: warning: --print-at 5s:/proc/uptime not printed: the run ended at 0.002000 s\n", r.err());
    }

    /** A report or trace that cannot be written (a full disk) is exit status 1, naming the file. */
    @Test
    void aFileThatCannotBeWrittenIsExitStatus1() {
        Cli.Result r = Cli.run("run", "-w", "cpu-bound:1ms", "--report", "/dev/full");
        assertEquals(1, r.exitCode());
        assertEquals("kernellab run: cannot write /dev/full: No space left on device\n", r.err());
    }

    @Test
    void servesPortFileInAMissingDirectoryIsAUsageError() throws Exception {
        Process p = Cli.start(List.of("serve", "--port-file", "/does/not/exist/port"),
                java.util.Map.of(kernellab.runner.protocol.KernelLabProtocol.SECRET_ENV, "s3cret"));
        String err = Cli.drain(p.getErrorStream()).join();
        assertEquals(2, p.waitFor());
        assertEquals("Invalid value for option '--port-file': /does/not/exist/port: cannot be created"
                + " (no such directory: /does/not/exist)\nTry 'kernellab serve --help' for more information.\n",
                err);
    }

    @Test
    void aKernelModuleIsLoadedWithInsmodAndStaysLoaded() throws URISyntaxException {
        Cli.Result r = Cli.run("run", "-cp", testClasses(), "-w", CacheModule.class.getName(), "--print", "/proc/slabinfo",
                "--print", "dmesg", "--report", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("fixture_cache          3     39    104   39    1 : tunables")),
                r.err());
        assertTrue(r.err().contains("] fixture: 3 objects\n"), r.err());
        assertTrue(r.out().contains("\"comm\": \"insmod\""), r.out());
        Cli.Result twice = Cli.run("run", "-cp", testClasses(), "-w", CacheModule.class.getName(), "--count", "2");
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("kernel module " + CacheModule.class.getName() + " is loaded once: its count must be 1"),
                twice.err());
    }

    @Test
    void aMissingWorkloadIsAUsageError() {
        Cli.Result r = Cli.run("run", "--cpus", "2");
        assertEquals(2, r.exitCode());
        assertEquals("Missing required option: '--workload=PROGRAM'\nTry 'kernellab run --help' for more information.\n",
                r.err());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no.such.Workload                                  | kernellab run: workload class no.such.Workload cannot be loaded: not found on the class path (give it with --classpath) and not a built-in behaviour (cpu-bound[:TOTAL], io-bound:BURST:IO[:ROUNDS], periodic:PERIOD:WORK[:ROUNDS])
            kernellab.runner.fixtures.NotAWorkload            | kernellab run: workload class kernellab.runner.fixtures.NotAWorkload implements neither kernellab.api.Workload nor kernellab.api.KernelModule
            kernellab.runner.fixtures.NoDefaultConstructor    | kernellab run: workload class kernellab.runner.fixtures.NoDefaultConstructor has no public no-argument constructor
            io-bound:1ms                                      | kernellab run: bad synthetic workload 'io-bound:1ms': wrong number of parameters (expected cpu-bound[:TOTAL], io-bound:BURST:IO[:ROUNDS], periodic:PERIOD:WORK[:ROUNDS])
            periodic:10ms:2                                   | kernellab run: bad synthetic workload 'periodic:10ms:2': '2' is not a duration (a number with ns, us, ms or s, e.g. 100ms) (expected cpu-bound[:TOTAL], io-bound:BURST:IO[:ROUNDS], periodic:PERIOD:WORK[:ROUNDS])
            """)
    void aWorkloadThatCannotBeUsedIsNamedWithTheReason(String program, String message) throws URISyntaxException {
        Cli.Result r = Cli.run("run", "-cp", testClasses(), "-w", program);
        assertEquals(2, r.exitCode());
        assertEquals("", r.out());
        assertEquals(message + "\nTry 'kernellab run --help' for more information.\n", r.err());
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("run", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().startsWith("Usage: kernellab run [-hV]"), help.out());
        assertTrue(help.out().contains("--policy=POLICY        Scheduling policy, one of SCHED_NORMAL,"), help.out());
        Cli.Result version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("kernellab 0.1.0 (simulator protocol 3, Java "), version.out());
        Cli.Result none = Cli.run();
        assertEquals(2, none.exitCode());
        assertEquals("kernellab: a command is required\nTry 'kernellab --help' for more information.\n", none.err());
        Cli.Result unknown = Cli.run("frobnicate", "--help");
        assertEquals(2, unknown.exitCode());
        assertEquals("", unknown.out());
        assertEquals("kernellab: 'frobnicate' is not a command (run, shell, serve, grade, help)\n"
                + "Try 'kernellab --help' for more information.\n", unknown.err());
    }
}
