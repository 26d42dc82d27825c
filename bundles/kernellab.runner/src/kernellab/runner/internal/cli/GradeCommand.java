package kernellab.runner.internal.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import kernellab.api.sched.SchedClassOps;
import kernellab.core.MachineConfig;
import kernellab.runner.internal.Messages;
import kernellab.runner.internal.grade.GradeReport;
import kernellab.runner.internal.grade.Grader;
import kernellab.runner.internal.grade.ReportFormat;
import kernellab.runner.internal.grade.Rubric;
import kernellab.runner.internal.grade.RubricException;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kernellab grade}: runs the lab's rubric on a student's SCHED_WRR class and writes the
 * grade: a table, JSON, Gradescope's results.json or JUnit XML. Only the report goes to standard
 * output; diagnostics go to standard error.
 */
@Command(name = "grade", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Grade a SCHED_WRR scheduling class on the lab's rubric (the scenarios, their points and settings).", "",
                "Example: kernellab grade --sched-class lab.MyWrr -cp bin --format gradescope --output results/results.json"},
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:the grade ran (whatever the score)",
                "1:the class could not be loaded, or the report could not be written", "2:bad options or a bad rubric file"})
public final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sched-class", required = true, paramLabel = "CLASS",
            description = "The class to grade: implements kernellab.api.sched.SchedClassOps, on the class path (-cp).")
    String schedClass;

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATH",
            description = "Jars and directories with the class, separated by ':' (';' on Windows).")
    String classpath;

    @Option(names = "--rubric", paramLabel = "FILE",
            description = "The rubric (default: the lab's, shipped with KernelLab; see the help page for its format).")
    Path rubric;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--hook-budget", paramLabel = "DURATION", converter = Converters.Duration.class, defaultValue = "1s",
            description = "Real time one call into the class may take before the kernel disables it (default: ${DEFAULT-VALUE};"
                    + " a class that loops costs this much in each run).")
    long hookBudget;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (hookBudget < 1_000_000L || hookBudget % 1_000_000L != 0) {
            throw new ParameterException(spec.commandLine(), Messages.invalidValue("--hook-budget", Messages.wholeMilliseconds()));
        }
        Rubric r;
        try {
            r = rubric == null ? Rubric.builtIn()
                    : Rubric.parse(rubric.toString(), Files.readString(rubric, StandardCharsets.UTF_8));
        } catch (RubricException e) {
            err.println(Messages.commandError("grade", e.getMessage()));
            return 2;
        } catch (IOException e) {
            err.println(Messages.commandError("grade", "cannot read the rubric: " + e));
            return 2;
        }
        Supplier<SchedClassOps> reference = MachineConfig::defaultSchedClass;
        if (reference.get() == null) {
            err.println(Messages.commandError("grade", "the reference SCHED_WRR (kernellab.examples) is not on the runner's class path"));
            return 1;
        }
        List<String> cp = classpath == null ? List.of() : Arrays.asList(classpath.split(File.pathSeparator));
        Supplier<SchedClassOps> student;
        try {
            student = new Workloads(cp).schedClass(schedClass);
        } catch (WorkloadException e) {
            err.println(Messages.commandError("grade", e.getMessage()));
            return 1;
        }
        GradeReport report = Grader.grade(r, schedClass, student, reference, hookBudget / 1_000_000L);
        String text = format.write(report);
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(Messages.commandError("grade", Messages.cannotWriteFile(output + ": " + e.getMessage())));
                return 1;
            }
        }
        err.println(Messages.commandError("grade", schedClass + ": " + report.score() + " / " + report.maxScore() + " in "
                + report.wallTimeMs() + " ms"));
        return 0;
    }
}
