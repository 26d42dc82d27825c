package kernellab.runner.internal.cli;

import java.io.File;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import kernellab.api.Errno;
import kernellab.core.fs.SeqFiles;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.task.SyntheticWorkload;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.internal.trace.ChromeTraceWriter;
import kernellab.runner.internal.trace.FtraceWriter;
import kernellab.runner.internal.trace.SizeLimit;
import kernellab.runner.internal.trace.TraceSink;
import kernellab.runner.protocol.MachineSpec;
import kernellab.runner.protocol.StopCondition;
import kernellab.runner.protocol.TraceFormat;
import kernellab.runner.protocol.WorkloadSpec;
import kernellab.runner.internal.Messages;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kernellab run}: simulates workloads on a machine without the IDE and prints what was
 * asked for: /proc files at given times and at the end, a trace file, a JSON report.
 */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run workloads on a simulated machine and print /proc files, a trace and a JSON report.", "",
                "Example: kernellab run --cpus 4 -w cpu-bound:200ms --count 6 --weight 5 -w io-bound:1ms:9ms:20"
                        + " --print /proc/sched_debug --report report.json"},
        exitCodeListHeading = "%nExit status (as strace's):%n", exitCodeList = {
                "N:the exit status of the first workload's first task: its exit code, 128+signal if a signal killed it"
                        + " (134: an exception its code did not catch, 137: SIGKILL, e.g. the watchdog), 0 if it still runs at"
                        + " the end",
                "1:the simulator failed, or a file could not be written", "2:bad options or a workload that cannot be loaded",
                "130, 143:interrupted by SIGINT (Ctrl-C) or SIGTERM; the report and the trace are written up to then"})
public final class RunCommand implements Callable<Integer> {

    /** Prints the report: all fields, nulls included, indented. */
    static final Gson REPORT_JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    @Spec
    CommandSpec spec;

    @Mixin
    MachineOptions machine;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nWorkloads (repeat -w; the options after a -w apply to it):%n")
    List<WorkloadOptions> workloads = new ArrayList<>();

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
            description = "Jars and directories with workload classes, separated by ':' (';' on Windows).")
    String classpath;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.Duration.class,
            description = "Stop after this much simulated time, e.g. 2s.")
    Long duration;

    @Option(names = "--until-exit", description = "Stop when all workloads have exited (the default without --duration;"
            + " with it, whichever comes first).")
    boolean untilExit;

    @Option(names = "--print", paramLabel = "FILE",
            description = "Print a file at the end: a /proc file (/proc/sched_debug, /proc/schedstat, /proc/slabinfo,"
                    + " /proc/buddyinfo, /proc/meminfo, /proc/vmstat, /proc/PID/sched, /proc/PID/stat, /proc/PID/maps,"
                    + " /proc/PID/smaps, /proc/PID/status…), slabtop, sched_debug, dmesg or 'pmap [-x|-d|-X|-XX] PID'. Repeatable.")
    List<String> print = new ArrayList<>();

    @Option(names = "--print-at", paramLabel = "TIME:FILE",
            description = "Print a file when the simulated clock reaches TIME, e.g. 500ms:/proc/sched_debug or"
                    + " '20ms:pmap -x 2'. Repeatable.")
    List<String> printAt = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "FILE", description = "Write the trace to FILE.")
    Path trace;

    @Option(names = "--trace-format", paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES}: trace-cmd report text or Chrome trace-event JSON for Perfetto"
                    + " (default: CHROME for a .json file, else FTRACE).")
    TraceFormat traceFormat;

    @Option(names = "--trace-limit", paramLabel = "SIZE", defaultValue = "1G",
            description = "Stop recording the trace, with one warning, when its file reaches this size, e.g. 100M; the file"
                    + " stays well-formed (default: ${DEFAULT-VALUE}).")
    String traceLimitText;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report to FILE ('-' for standard output:"
            + " the tasks' output and --print then go to standard error, so standard output is pure JSON).")
    String report;

    @Option(names = "--sample-period", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "100ms",
            description = "Period of the report's load samples per CPU (default: ${DEFAULT-VALUE}).")
    long samplePeriod;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress line on standard error (default: when on a terminal).")
    Boolean progress;

    private record TimedPrint(long timeNs, String file, String option) {
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), Messages.invalidValue(option, message));
    }

    @Override
    public Integer call() throws IOException {
        MachineSpec m = machine.toSpec();
        if (workloads.isEmpty()) {
            throw new ParameterException(spec.commandLine(), Messages.missingWorkload());
        }
        int cpus = Simulation.config(m).cpus();
        List<WorkloadSpec> specs = new ArrayList<>();
        for (WorkloadOptions w : workloads) {
            specs.add(w.toSpec(this::bad, cpus));
        }
        if (samplePeriod < 1) {
            throw bad("--sample-period", Messages.mustBePositive());
        }
        long traceLimit;
        try {
            traceLimit = Units.parseSize(traceLimitText);
        } catch (IllegalArgumentException e) {
            throw bad("--trace-limit", e.getMessage());
        }
        if (traceLimit < 1) {
            throw bad("--trace-limit", Messages.mustBePositive());
        }
        if (duration == null) {
            for (WorkloadSpec w : specs) {
                if (endless(w.program())) {
                    throw new ParameterException(spec.commandLine(), Messages.neverEnds(w.program()));
                }
            }
        }
        List<TimedPrint> timed = timedPrints();
        List<String> cp = classpath == null ? List.of() : Arrays.asList(classpath.split(File.pathSeparator));
        for (String entry : cp) {
            if (!entry.isEmpty() && !Files.exists(Path.of(entry))) {
                throw bad("--classpath", Messages.noSuchFile(entry));
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean reportOnStdout = "-".equals(report);
        PrintWriter out = reportOnStdout ? err : spec.commandLine().getOut();
        return run(m, specs, timed, cp, out, err, traceLimit);
    }

    /** Boots the machine, checks the workloads and creates the output files: all before the simulation starts. */
    private int run(MachineSpec m, List<WorkloadSpec> specs, List<TimedPrint> timed, List<String> cp, PrintWriter out,
            PrintWriter err, long traceLimit) {
        StopCondition stop = new StopCondition(duration, duration == null || untilExit);
        Workloads classes = new Workloads(cp);
        Simulation booted;
        try {
            booted = new Simulation(m, classes, stop, samplePeriod, 0);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), Messages.commandError("run", e.getMessage()));
        }
        try (Simulation sim = booted) {
            try {
                for (WorkloadSpec w : specs) {
                    classes.check(w);
                }
                checkPids(sim, specs);
                for (String f : print) {
                    checkProcFile(sim, "--print", f);
                }
                for (TimedPrint p : timed) {
                    checkProcFile(sim, "--print-at", p.file());
                }
            } catch (WorkloadException e) {
                throw new ParameterException(spec.commandLine(), Messages.commandError("run", e.getMessage()));
            }
            try (Writer reportOut = "-".equals(report) || report == null ? null : create("--report", Path.of(report));
                    Writer traceFile = trace == null ? null : create("--trace", trace)) {
                return simulate(sim, m, specs, classes, timed, out, err, reportOut, traceFile, traceLimit);
            }
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println(Messages.commandError("run", Messages.cannotWriteFile(cause.getMessage())));
            return 1;
        }
    }

    /** Runs the launched workloads to the end (or a signal) and writes what was asked for; returns the exit status. */
    private int simulate(Simulation sim, MachineSpec m, List<WorkloadSpec> specs, Workloads classes, List<TimedPrint> timed,
            PrintWriter out, PrintWriter err, Writer reportOut, Writer traceFile, long traceLimit) throws IOException {
        Progress bar = new Progress(err, progress != null ? progress : Terminals.interactive());
        sim.addOutputListener((task, text) -> Units.printTaskOutput(out, task, text));
        sim.addLogConsole(r -> {
            bar.clear();
            err.println(r.dmesgLine());
        });
        sim.addDeathListener((task, text) -> {
            bar.clear();
            out.flush();
            err.print(text.endsWith("\n") ? text : text + "\n");
            err.flush();
        });
        Writer traceOut = null;
        TraceSink traceSink = null;
        if (traceFile != null) {
            SizeLimit limited = new SizeLimit(traceFile, traceLimit, () -> {
                bar.clear();
                err.println(Messages.commandError("run", Messages.traceLimitReached(traceLimitText, Units.seconds(sim.now()))));
            });
            traceOut = limited;
            traceSink = limited.limit(traceSink(limited, m));
            sim.recorder().addSink(traceSink);
        }
        try {
            sim.launch(specs, classes);
        } catch (WorkloadException e) {
            throw new ParameterException(spec.commandLine(), Messages.commandError("run", e.getMessage()));
        }
        try (Interrupts signals = new Interrupts(sim)) {
            sim.setSliceListener(bar::update);
            for (TimedPrint p : timed) {
                if (sim.now() < p.timeNs() && sim.advance(p.timeNs()).ended() && sim.now() < p.timeNs()) {
                    bar.clear();
                    err.println(Messages.commandError("run", Messages.printAtAfterEnd(p.option(), Units.seconds(sim.now()))));
                    continue;
                }
                bar.clear();
                printFile(out, sim, p.file());
            }
            if (sim.endReason() == null) {
                sim.advance(Long.MAX_VALUE);
            }
            bar.clear();
            if (traceOut != null) {
                if (Messages.interrupted().equals(sim.endReason())) {
                    traceSink.mark(sim.now(), Messages.interrupted());
                }
                sim.recorder().finish(sim.now());
                traceOut.flush();
            }
            for (String f : print) {
                printFile(out, sim, f);
            }
            out.flush();
            writeReport(sim, reportOut);
        }
        Task first = sim.firstLaunched();
        return first == null || first.exitTime() < 0 ? 0 : first.shellExitStatus();
    }

    /** An output file whose write errors name it ({@code FILE: No space left on device}). */
    private static final class NamedFile extends FilterWriter {
        private final Path file;

        NamedFile(Path file, Writer out) {
            super(out);
            this.file = file;
        }

        private IOException named(IOException e) {
            return new IOException(file + ": " + e.getMessage(), e);
        }

        @Override
        public void write(int c) throws IOException {
            try {
                super.write(c);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            try {
                super.write(cbuf, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            try {
                super.write(str, off, len);
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                super.flush();
            } catch (IOException e) {
                throw named(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                throw named(e);
            }
        }
    }

    /** @return whether a built-in behaviour runs for ever: cpu-bound without a total, io-bound or periodic without rounds */
    private static boolean endless(String program) {
        if (!Workloads.isSynthetic(program)) {
            return false;
        }
        try {
            SyntheticWorkload w = Workloads.synthetic(program);
            return w.kind() == SyntheticWorkload.Kind.CPU_BOUND ? w.burstNs() == 0 : w.rounds() == 0;
        } catch (WorkloadException e) {
            return false;
        }
    }

    /**
     * Refuses a /proc file that no run can have, before the run: procfs has a fixed set of files
     * and of per-process files ({@code /proc/PID/NAME} for a pid not there yet is taken).
     */
    private void checkProcFile(Simulation sim, String option, String path) {
        if (!SeqFiles.covers(path)) {
            return;
        }
        List<String> known = sim.kernel().procFs().paths();
        String[] parts = path.split("/", -1);
        boolean perTask = parts.length == 4 && (parts[2].equals("self") || parts[2].matches("\\d+"))
                && known.contains("/proc/PID/" + parts[3]);
        if (!known.contains(path) && !perTask) {
            throw bad(option, Messages.noSuchFile(path));
        }
    }

    /** Refuses, as fork would with EAGAIN, more tasks than threads-max and pid_max leave room for. */
    private void checkPids(Simulation sim, List<WorkloadSpec> specs) {
        long total = 0;
        for (WorkloadSpec w : specs) {
            total += w.count();
        }
        Scheduler s = sim.kernel().scheduler();
        int free = Math.min(s.fork().pidMax() - 1, s.fork().maxThreads()) - s.fork().pidsInUse();
        if (total > free) {
            throw bad("--count", Messages.tooManyTasks(total, free, s.fork().maxThreads(), s.fork().pidMax()));
        }
    }

    /**
     * Creates an output file before the run, so a bad path is found before any time is spent.
     *
     * @throws ParameterException naming the option and the reason
     */
    private Writer create(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw bad(option, Messages.isADirectory(file));
        }
        try {
            return new NamedFile(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw bad(option, Messages.cannotCreate(file, "no such directory"));
        } catch (AccessDeniedException e) {
            throw bad(option, Messages.cannotCreate(file, "permission denied"));
        } catch (IOException e) {
            throw bad(option, Messages.cannotCreate(file, e.toString()));
        }
    }

    private List<TimedPrint> timedPrints() {
        List<TimedPrint> timed = new ArrayList<>();
        for (String p : printAt) {
            int colon = p.indexOf(':');
            if (colon < 0) {
                throw bad("--print-at", Messages.printAtSyntax(p));
            }
            try {
                timed.add(new TimedPrint(Units.parseDuration(p.substring(0, colon)), p.substring(colon + 1), p));
            } catch (IllegalArgumentException e) {
                throw bad("--print-at", e.getMessage());
            }
        }
        timed.sort(Comparator.comparingLong(TimedPrint::timeNs));
        return timed;
    }

    private TraceSink traceSink(Writer w, MachineSpec m) throws IOException {
        TraceFormat f = traceFormat != null ? traceFormat
                : trace.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? TraceFormat.CHROME
                        : TraceFormat.FTRACE;
        int cpus = Simulation.config(m).cpus();
        return f == TraceFormat.CHROME ? new ChromeTraceWriter(w, cpus) : new FtraceWriter(w, cpus);
    }

    private static void printFile(PrintWriter out, Simulation sim, String file) {
        out.println("==> " + file + " at " + Units.seconds(sim.now()) + " <==");
        try {
            out.print(sim.readFile(file));
        } catch (Errno e) {
            out.println(Simulation.readError(file, e));
        }
    }

    private void writeReport(Simulation sim, Writer file) throws IOException {
        if (report == null) {
            return;
        }
        String json = REPORT_JSON.toJson(sim.report(sim.endReason())) + "\n";
        if (file == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(json);
            stdout.flush();
        } else {
            file.write(json);
            file.flush();
        }
    }
}
