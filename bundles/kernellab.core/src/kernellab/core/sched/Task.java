package kernellab.core.sched;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import kernellab.api.Policy;
import kernellab.core.sim.Coroutine;
import kernellab.core.sim.Event;

/**
 * A task: the simulated {@code task_struct}. One per thread; threads of a process share the
 * thread-group id {@link #tgid()}. Fields are changed only by the scheduler, except the page-fault
 * counters, which the memory manager's fault handler counts ({@link #accountFault}); readers (the
 * {@code /proc} renderers, the runner, the IDE) use the accessors while the engine is stopped
 * or from trace listeners.
 */
public final class Task {

    // identity
    final int pid;
    final int tgid;
    String comm;
    Task parent;
    final Task groupLeader;
    final List<Task> children = new ArrayList<>();
    final List<Task> threads = new ArrayList<>();
    int uid;
    final boolean kernelThread;
    final boolean idleTask;
    List<String> argv = List.of();

    // scheduling attributes
    TaskState state = TaskState.RUNNING;
    Policy policy;
    int rtPriority;
    int staticPrio;
    int prio;
    /** State in the fair class, {@code p->se}: vruntime and load weight. */
    final SchedEntity se = new SchedEntity();
    /** State in the real-time class, {@code p->rt}: the FIFO link and the SCHED_RR slice. */
    final SchedRtEntity rt = new SchedRtEntity();
    /** State in the class of policy 7, {@code p->scx}: weight and slice. */
    final ExtEntity scx = new ExtEntity(this);
    BitSet cpusAllowed;
    SchedClass schedClass;

    // run-queue linkage
    int cpu;
    boolean onRq;
    boolean onCpu;

    // accounting
    long execStart;
    long sumExecRuntime;
    long utime;
    long stime;
    long runDelay;
    long lastQueued = -1;
    long pcount;
    long nvcsw;
    long nivcsw;
    long nrMigrations;
    long minFlt;
    long majFlt;
    long startTime;
    long exitTime = -1;
    long cutime;
    long cstime;
    long cminFlt;
    long cmajFlt;
    long cnvcsw;
    long cnivcsw;
    int exitCode;
    int exitSignal;
    String exitReport;

    // execution
    Behaviour behaviour;
    Coroutine coroutine;
    long workRemaining;
    long workStartedAt;
    int migrateTo = -1;
    int waitingFor;
    boolean waiting;
    boolean yielded;
    long lastSyscallTime = -1;
    int syscallsWithoutTime;
    final Event wakeTimer;

    Task(int pid, Task groupLeader, boolean kernelThread, boolean idleTask, Scheduler scheduler) {
        this.pid = pid;
        this.groupLeader = groupLeader == null ? this : groupLeader;
        this.tgid = this.groupLeader.pid;
        this.kernelThread = kernelThread;
        this.idleTask = idleTask;
        this.wakeTimer = new Event() {
            @Override
            protected void fire() {
                scheduler.tryToWakeUp(Task.this);
            }
        };
    }

    /** @return process id of this thread (its tid) */
    public int pid() {
        return pid;
    }

    /** @return thread-group id: the pid of the process */
    public int tgid() {
        return tgid;
    }

    /** @return command name (at most 15 characters, like TASK_COMM_LEN) */
    public String comm() {
        return comm;
    }

    /** @return the parent task, {@code null} for the idle tasks and init */
    public Task parent() {
        return parent;
    }

    /** @return pid of the parent, 0 if none */
    public int ppid() {
        return parent == null ? 0 : parent.tgid;
    }

    /** @return the thread-group leader (this task for a process' main thread) */
    public Task groupLeader() {
        return groupLeader;
    }

    /** @return the live and zombie children (not threads) */
    public List<Task> children() {
        return List.copyOf(children);
    }

    /**
     * @return the task's thread group, the leader first and then its other threads in the order
     *         they were created, exited ones included ({@code for_each_thread}); a copy, so the
     *         caller may end threads while it walks it
     */
    List<Task> threadGroup() {
        List<Task> group = new ArrayList<>(groupLeader.threads.size() + 1);
        group.add(groupLeader);
        group.addAll(groupLeader.threads);
        return group;
    }

    /**
     * @return the tasks of this task's thread group that have not exited, the leader included;
     *         0 once the whole group has exited (it walks without copying: the placement of the
     *         class of policy 7 asks it at every wake-up)
     */
    int liveThreads() {
        int n = groupLeader.exitTime < 0 ? 1 : 0;
        for (Task t : groupLeader.threads) {
            if (t.exitTime < 0) {
                n++;
            }
        }
        return n;
    }

    /** @return number of live threads in this task's thread group (at least 1, as a zombie still shows one) */
    public int threadCount() {
        return Math.max(liveThreads(), 1);
    }

    /** @return the user id the task runs as */
    public int uid() {
        return uid;
    }

    /** @return whether the task runs as root, which passes the permission checks ({@code capable()}) */
    boolean isRoot() {
        return uid == 0;
    }

    /** @return whether this is a kernel thread (kthreadd and its children) */
    public boolean isKernelThread() {
        return kernelThread;
    }

    /** @return whether this is a CPU's idle task (pid 0, swapper/N) */
    public boolean isIdleTask() {
        return idleTask;
    }

    /** @return the command-line arguments */
    public List<String> argv() {
        return argv;
    }

    /** @return the state */
    public TaskState state() {
        return state;
    }

    /** @return the scheduling policy */
    public Policy policy() {
        return policy;
    }

    /** @return real-time priority 1–99, 0 for other policies */
    public int rtPriority() {
        return rtPriority;
    }

    /** @return static priority, 100–139 (120 + nice) */
    public int staticPrio() {
        return staticPrio;
    }

    /** @return effective kernel priority: 0–98 for RT (99 − rt_priority), else the static priority */
    public int prio() {
        return prio;
    }

    /** @return nice value −20…19 */
    public int nice() {
        return staticPrio - 120;
    }

    /**
     * @return the weight in the class of policy 7 (SCHED_WRR): inherited at fork, kept while
     *         under another policy, set to the class's default on switching to it
     */
    public int weight() {
        return scx.weight;
    }

    /** @return what is left of the slice in the class of policy 7, in ns */
    public long sliceLeft() {
        return scx.slice;
    }

    /** @return the name of the scheduling class that schedules the task now, e.g. {@code "wrr"}, {@code "fair"} */
    public String schedClassName() {
        return schedClass.name();
    }

    /** @return whether the task's class has weights ({@code sched_setweight} applies to it): the class of policy 7 */
    public boolean hasClassWeight() {
        return schedClass.hasWeights();
    }

    /** @return what is left of the current SCHED_RR time slice, in ns */
    public long rrSliceRemaining() {
        return rt.timeSlice;
    }

    /** @return virtual runtime (fair class), ns */
    public long vruntime() {
        return se.vruntime;
    }

    /** @return load weight (fair class: from nice, 3 for SCHED_IDLE) */
    public int loadWeight() {
        return se.loadWeight;
    }

    /** @return a copy of the allowed CPUs */
    public BitSet cpusAllowed() {
        return (BitSet) cpusAllowed.clone();
    }

    /** @return the CPU whose run queue the task is (or was last) on */
    public int cpu() {
        return cpu;
    }

    /** @return whether the task is on a run queue (runnable or running) */
    public boolean onRq() {
        return onRq;
    }

    /** @return whether the task is running on its CPU now */
    public boolean onCpu() {
        return onCpu;
    }

    /** @return when the task's runtime was last charged while running ({@code se.exec_start}), ns */
    public long execStart() {
        return execStart;
    }

    /** @return total CPU time consumed, ns ({@code se.sum_exec_runtime}) */
    public long sumExecRuntime() {
        return sumExecRuntime;
    }

    /** @return user CPU time, ns */
    public long utime() {
        return utime;
    }

    /** @return system CPU time, ns (kernel threads) */
    public long stime() {
        return stime;
    }

    /** @return user CPU time of reaped children, ns, on a group leader */
    public long cutime() {
        return cutime;
    }

    /** @return system CPU time of reaped children, ns, on a group leader */
    public long cstime() {
        return cstime;
    }

    /** @return minor page faults of reaped children ({@code cmin_flt}), on a group leader */
    public long cminFlt() {
        return cminFlt;
    }

    /** @return major page faults of reaped children ({@code cmaj_flt}), on a group leader */
    public long cmajFlt() {
        return cmajFlt;
    }

    /** @return time spent runnable but waiting on a run queue, ns ({@code sched_info.run_delay}) */
    public long runDelay() {
        return runDelay;
    }

    /** @return number of times the task was given a CPU ({@code sched_info.pcount}) */
    public long pcount() {
        return pcount;
    }

    /** @return voluntary context switches (blocked) */
    public long nvcsw() {
        return nvcsw;
    }

    /** @return involuntary context switches (preempted, yielded) */
    public long nivcsw() {
        return nivcsw;
    }

    /** @return number of migrations between CPUs */
    public long nrMigrations() {
        return nrMigrations;
    }

    /** @return minor page faults of this thread ({@code min_flt}), kept after it exited and was reaped */
    public long minFlt() {
        return minFlt;
    }

    /** @return major page faults of this thread ({@code maj_flt}), kept after it exited and was reaped */
    public long majFlt() {
        return majFlt;
    }

    /**
     * Counts a handled page fault, as {@code mm_account_fault} does into {@code current->min_flt}
     * or {@code maj_flt}. The counters live in the task, not in its address space, so they
     * survive exit (which drops the mm) and reaping, and the run's report still has them.
     *
     * @param major whether the fault had to read the page from a file
     */
    public void accountFault(boolean major) {
        if (major) {
            majFlt++;
        } else {
            minFlt++;
        }
    }

    /** @return simulated time of creation, ns */
    public long startTime() {
        return startTime;
    }

    /** @return simulated time of exit, ns, or −1 while alive */
    public long exitTime() {
        return exitTime;
    }

    /** @return turnaround time (exit − start), ns, or −1 while alive */
    public long turnaround() {
        return exitTime < 0 ? -1 : exitTime - startTime;
    }

    /** @return the wait status the parent sees: {@code code << 8}, or the signal number */
    public int waitStatus() {
        return exitSignal != 0 ? exitSignal : (exitCode & 0xff) << 8;
    }

    /** @return exit status as a shell shows it: the code, or 128 + signal (134 for SIGABRT) */
    public int shellExitStatus() {
        return exitSignal != 0 ? 128 + exitSignal : exitCode & 0xff;
    }

    /**
     * @return why the task died when it did not exit normally (the Java stack trace of the
     *         exception that killed it, or the watchdog's message), else {@code null}
     */
    public String exitReport() {
        return exitReport;
    }

    @Override
    public String toString() {
        return comm + "-" + pid;
    }
}
