package kernellab.api;

/**
 * What {@link Syscalls#waitpid(int, int)} returns: the pid of the reaped child and its wait
 * status encoded as Linux does ({@code WIFEXITED}, {@code WEXITSTATUS}, {@code WIFSIGNALED},
 * {@code WTERMSIG} decode it).
 *
 * @param pid the child's pid, or 0 when {@link Syscalls#WNOHANG} was given and no child has
 *        changed state
 * @param status the raw status: exit code {@code << 8} for a normal exit, the signal number for
 *        a task killed by a signal
 */
public record WaitStatus(int pid, int status) {

    /** @return {@code WIFEXITED(status)}: the child called exit or returned from run */
    public boolean exited() {
        return (status & 0x7f) == 0;
    }

    /** @return {@code WEXITSTATUS(status)}: the exit code, meaningful if {@link #exited()} */
    public int exitStatus() {
        return (status >> 8) & 0xff;
    }

    /** @return {@code WIFSIGNALED(status)}: the child was killed by a signal */
    public boolean signaled() {
        return !exited();
    }

    /** @return {@code WTERMSIG(status)}: the signal that killed it, meaningful if {@link #signaled()} */
    public int termSig() {
        return status & 0x7f;
    }
}
