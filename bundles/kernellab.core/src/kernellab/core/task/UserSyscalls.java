package kernellab.core.task;

import java.util.BitSet;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.api.WaitStatus;
import kernellab.api.Workload;
import kernellab.core.sched.CoroutineBody;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

/**
 * The system-call facade handed to a user {@link Workload}: each method enters the kernel as
 * the calling task, runs the scheduler's implementation and returns to user mode (giving the
 * CPU up first if a reschedule is pending, like the return path to user space).
 */
public final class UserSyscalls implements Syscalls {

    private final Scheduler scheduler;
    private final Task task;
    private final BiConsumer<Task, String> output;

    /**
     * @param scheduler the kernel
     * @param task the task whose code receives this facade
     * @param output where {@link #print(String)} goes
     */
    public UserSyscalls(Scheduler scheduler, Task task, BiConsumer<Task, String> output) {
        this.scheduler = scheduler;
        this.task = task;
        this.output = output;
    }

    /**
     * @param scheduler the kernel
     * @param workload user code
     * @param output where its output goes
     * @return a coroutine body running the workload with a facade of its own task
     */
    public static CoroutineBody body(Scheduler scheduler, Workload workload, BiConsumer<Task, String> output) {
        return self -> workload.run(new UserSyscalls(scheduler, self, output));
    }

    private <T> T call(Supplier<T> op) {
        scheduler.enterSyscall(task);
        T result;
        try {
            result = op.get();
        } catch (Errno e) {
            scheduler.exitSyscall(task);
            throw e;
        }
        scheduler.exitSyscall(task);
        return result;
    }

    private void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        });
    }

    @Override
    public int getpid() {
        return call(task::tgid);
    }

    @Override
    public int gettid() {
        return call(task::pid);
    }

    @Override
    public int getppid() {
        return call(task::ppid);
    }

    @Override
    public int getuid() {
        return call(task::uid);
    }

    @Override
    public List<String> argv() {
        return task.argv();
    }

    @Override
    public int fork(Workload child) {
        return call(() -> scheduler.fork(task, false, body(scheduler, child, output)));
    }

    @Override
    public int createThread(Workload thread) {
        return call(() -> scheduler.fork(task, true, body(scheduler, thread, output)));
    }

    @Override
    public void exit(int status) {
        scheduler.enterSyscall(task);
        scheduler.exit(task, status);
    }

    @Override
    public WaitStatus waitpid(int pid, int options) {
        return call(() -> scheduler.waitpid(task, pid, options));
    }

    @Override
    public void schedSetscheduler(int pid, Policy policy, int priority) {
        run(() -> scheduler.setScheduler(task, pid, policy, priority));
    }

    @Override
    public Policy schedGetscheduler(int pid) {
        return call(() -> scheduler.findTask(task, pid).policy());
    }

    @Override
    public void schedSetparam(int pid, int priority) {
        run(() -> scheduler.setParam(task, pid, priority));
    }

    @Override
    public int schedGetparam(int pid) {
        return call(() -> scheduler.findTask(task, pid).rtPriority());
    }

    @Override
    public void schedSetweight(int pid, int weight) {
        run(() -> scheduler.setWeight(task, pid, weight));
    }

    @Override
    public int schedGetweight(int pid) {
        return call(() -> scheduler.getWeight(task, pid));
    }

    @Override
    public void schedYield() {
        run(() -> scheduler.yield(task));
    }

    @Override
    public int nice(int increment) {
        return call(() -> {
            scheduler.setNice(task, 0, task.nice() + increment, Errno.EPERM);
            return task.nice();
        });
    }

    @Override
    public void setpriority(int which, int who, int prio) {
        run(() -> {
            if (which != PRIO_PROCESS) {
                throw new Errno(Errno.EINVAL);
            }
            scheduler.setNice(task, who, prio, Errno.EACCES);
        });
    }

    @Override
    public int getpriority(int which, int who) {
        return call(() -> {
            if (which != PRIO_PROCESS) {
                throw new Errno(Errno.EINVAL);
            }
            return scheduler.findTask(task, who).nice();
        });
    }

    @Override
    public void schedSetaffinity(int pid, BitSet mask) {
        run(() -> scheduler.setAffinity(task, pid, mask));
    }

    @Override
    public BitSet schedGetaffinity(int pid) {
        return call(() -> scheduler.findTask(task, pid).cpusAllowed());
    }

    @Override
    public int schedGetcpu() {
        return call(task::cpu);
    }

    @Override
    public void compute(long ns) {
        run(() -> scheduler.compute(task, ns));
    }

    @Override
    public void nanosleep(long ns) {
        run(() -> scheduler.sleep(task, ns, false));
    }

    @Override
    public void io(long ns) {
        run(() -> scheduler.sleep(task, ns, true));
    }

    @Override
    public long clockGettime(int clockId) {
        return call(() -> scheduler.clockGettime(task, clockId));
    }

    @Override
    public Rusage getrusage(int who) {
        return call(() -> scheduler.getrusage(task, who));
    }

    @Override
    public void print(String text) {
        run(() -> output.accept(task, text));
    }
}
