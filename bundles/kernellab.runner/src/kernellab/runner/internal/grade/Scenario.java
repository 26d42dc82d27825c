package kernellab.runner.internal.grade;

import java.util.List;

/** A scenario of the rubric: runs programs on the simulated machine and checks the lab's rules on what happened. */
interface Scenario {

    /**
     * Runs the scenario's programs with the class under grade and checks its rules.
     *
     * @param lab the class under grade
     * @param out receives the checks
     * @throws ClassDisabled if the kernel disabled the class in one of the runs
     */
    void run(Lab lab, Outcome out);

    /** @return the scenario's deterministic runs, for the differential check */
    List<Program> programs();
}
