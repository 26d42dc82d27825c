package kernellab.core.sched;

/**
 * Java code a task runs on its own coroutine, e.g. a student's workload behind a system-call
 * facade. It runs in user mode; every call into the kernel must be bracketed by
 * {@link SyscallEntry#enterSyscall(Task)} and {@link SyscallEntry#exitSyscall(Task)}.
 */
@FunctionalInterface
public interface CoroutineBody {

    /**
     * @param self the task running this code
     * @throws Exception anything; it kills the task with SIGABRT
     */
    void run(Task self) throws Exception;
}
