package kernellab.runner.internal.cli;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.internal.trace.ChromeTraceWriter;
import kernellab.runner.internal.trace.FtraceWriter;
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
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:the simulation ran", "1:a file could not be written",
                "2:bad options or a workload that cannot be loaded"})
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

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report to FILE ('-' for standard output).")
    String report;

    @Option(names = "--sample-period", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "100ms",
            description = "Period of the report's load samples per CPU (default: ${DEFAULT-VALUE}).")
    long samplePeriod;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress line on standard error (default: when on a terminal).")
    Boolean progress;

    private record TimedPrint(long timeNs, String file) {
    }

    private ParameterException bad(String option, String message) {
        return new ParameterException(spec.commandLine(), Messages.invalidValue(option, message));
    }

    @Override
    public Integer call() {
        MachineSpec m = machine.toSpec();
        if (workloads.isEmpty()) {
            throw new ParameterException(spec.commandLine(), Messages.missingWorkload());
        }
        List<WorkloadSpec> specs = new ArrayList<>();
        for (WorkloadOptions w : workloads) {
            specs.add(w.toSpec(this::bad));
        }
        if (samplePeriod < 1) {
            throw bad("--sample-period", Messages.mustBePositive());
        }
        List<TimedPrint> timed = timedPrints();
        StopCondition stop = new StopCondition(duration, duration == null || untilExit);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> cp = classpath == null ? List.of() : Arrays.asList(classpath.split(File.pathSeparator));
        Workloads classes = new Workloads(cp);
        Simulation booted;
        try {
            booted = new Simulation(m, classes, stop, samplePeriod, 0);
        } catch (WorkloadException e) {
            err.println(Messages.commandError("run", e.getMessage()));
            return 2;
        }
        try (Simulation sim = booted) {
            try {
                for (WorkloadSpec w : specs) {
                    classes.check(w);
                }
            } catch (WorkloadException e) {
                err.println(Messages.commandError("run", e.getMessage()));
                return 2;
            }
            Progress bar = new Progress(err, progress != null ? progress : Terminals.interactive());
            sim.addOutputListener((task, text) -> Units.printTaskOutput(out, task, text));
            sim.addLogConsole(r -> {
                bar.clear();
                err.println(r.dmesgLine());
            });
            Writer traceOut = null;
            if (trace != null) {
                traceOut = Files.newBufferedWriter(trace, StandardCharsets.UTF_8);
                sim.recorder().addSink(traceSink(traceOut, m));
            }
            try {
                sim.launch(specs, classes);
            } catch (WorkloadException e) {
                err.println(Messages.commandError("run", e.getMessage()));
                return 2;
            }
            sim.setSliceListener(bar::update);
            for (TimedPrint p : timed) {
                if (sim.advance(p.timeNs()).ended() && sim.now() < p.timeNs()) {
                    break;
                }
                bar.clear();
                printFile(out, sim, p.file());
            }
            if (sim.endReason() == null) {
                sim.advance(Long.MAX_VALUE);
            }
            bar.clear();
            if (traceOut != null) {
                sim.recorder().finish(sim.now());
                traceOut.close();
            }
            for (String f : print) {
                printFile(out, sim, f);
            }
            out.flush();
            writeReport(sim, out);
        } catch (IOException | UncheckedIOException e) {
            err.println(Messages.commandError("run", Messages.cannotWriteFile(e)));
            return 1;
        }
        return 0;
    }

    private List<TimedPrint> timedPrints() {
        List<TimedPrint> timed = new ArrayList<>();
        for (String p : printAt) {
            int colon = p.indexOf(':');
            if (colon < 0) {
                throw bad("--print-at", Messages.printAtSyntax(p));
            }
            try {
                timed.add(new TimedPrint(Units.parseDuration(p.substring(0, colon)), p.substring(colon + 1)));
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

    private void writeReport(Simulation sim, PrintWriter out) throws IOException {
        if (report == null) {
            return;
        }
        String json = REPORT_JSON.toJson(sim.report(sim.endReason())) + "\n";
        if (report.equals("-")) {
            out.print(json);
            out.flush();
        } else {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(Path.of(report), StandardCharsets.UTF_8))) {
                w.write(json);
            }
        }
    }
}
