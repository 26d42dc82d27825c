package kernellab.runner.internal.grade;

import java.util.ArrayList;
import java.util.List;

/** The checks of one scenario as they are made: each a rule of the lab, passed or not, with what to fix. */
final class Outcome {

    /**
     * @param rule the lab's rule, short
     * @param passed whether it holds
     * @param message what was seen; for a failure, what the rule expects instead
     */
    record Check(String rule, boolean passed, String message) {
    }

    private final List<Check> checks = new ArrayList<>();

    /**
     * @param rule the rule
     * @param passed whether it holds
     * @param message what was seen
     */
    void check(String rule, boolean passed, String message) {
        checks.add(new Check(rule, passed, message));
    }

    /** @return the checks in the order made */
    List<Check> checks() {
        return List.copyOf(checks);
    }
}
