package kernellab.runner.internal.grade;

import java.util.function.Function;
import java.util.function.Supplier;

import kernellab.api.sched.SchedClassOps;
import kernellab.core.Kernel;
import kernellab.core.trace.TraceListener;

/**
 * What a scenario grades: the class under grade, and the reference WRR it is compared with.
 *
 * @param student makes one instance of it per machine
 * @param reference makes one instance of the reference per machine
 * @param hookBudgetMs real time a call into the class may take before the kernel stops it and disables the class
 */
record Lab(Supplier<? extends SchedClassOps> student, Supplier<? extends SchedClassOps> reference, long hookBudgetMs) {

    /**
     * @param program what to run
     * @return a machine running it with the class under grade
     */
    Bench bench(Program program) {
        return new Bench(program, student, hookBudgetMs, null);
    }

    /**
     * @param program what to run
     * @param checker makes a rule checker that sees the events as they happen
     * @return a machine running it with the class under grade
     */
    Bench bench(Program program, Function<Kernel, TraceListener> checker) {
        return new Bench(program, student, hookBudgetMs, checker);
    }
}
