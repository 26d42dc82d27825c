package kernellab.journey;

/**
 * One step of the journey.
 *
 * @param id its number in the issue, e.g. {@code 3} or {@code 7b}
 * @param title what the student does, as the report names it
 * @param action what the robot does; it throws when what it sees is not what a student should see
 */
record Step(String id, String title, Ui.Action action) {
}
