package kernellab.core.sched;

/** Task states with the letters {@code ps} and {@code /proc/PID/stat} print. */
public enum TaskState {
    /** TASK_RUNNING: running or on a run queue. */
    RUNNING('R'),
    /** TASK_INTERRUPTIBLE: sleeping (nanosleep, waitpid). */
    INTERRUPTIBLE('S'),
    /** TASK_UNINTERRUPTIBLE: blocked in I/O. */
    UNINTERRUPTIBLE('D'),
    /** EXIT_ZOMBIE: exited, not yet reaped by its parent. */
    ZOMBIE('Z'),
    /** EXIT_DEAD: reaped. */
    DEAD('X');

    private final char letter;

    TaskState(char letter) {
        this.letter = letter;
    }

    /** @return the state letter, e.g. {@code 'R'} */
    public char letter() {
        return letter;
    }
}
