package kernellab.runner.internal.grade;

/** A mistake in a rubric file, with the file and line it is on: {@code rubric.ini:12: unknown key 'x' in [balance]}. */
public final class RubricException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the file
     * @param line the line, from 1
     * @param message what is wrong
     */
    public RubricException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
    }
}
