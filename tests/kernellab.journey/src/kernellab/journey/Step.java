package kernellab.journey;

/**
 * One step of the journey.
 *
 * @param id its number in the issue, e.g. {@code 3} or {@code 7b}
 * @param title what the student does, as the report names it
 * @param action what the robot does; throws {@link Skipped} when the step cannot be done yet
 */
record Step(String id, String title, Ui.Action action) {

    /** Thrown by a step that cannot be done in this build; the report says why, and it is not a pass. */
    static final class Skipped extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Skipped(String why) {
            super(why);
        }
    }
}
