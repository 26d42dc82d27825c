package kernellab.core.sched;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.core.sim.Coroutine;
import kernellab.core.trace.SchedTracepoints;

/**
 * Process creation ({@code kernel/fork.c}): pid allocation, {@code copy_process},
 * {@code kernel_clone} for fork and threads, the kernel-owned tasks of boot
 * ({@code rest_init}: init and kthreadd's threads) and programs launched as children of init.
 * A new task runs once {@link #wakeUpNewTask} has placed it.
 */
public final class Fork {

    /** x86_64's {@code THREAD_SIZE}: a task's kernel stack. */
    private static final long THREAD_SIZE = 16 << 10;
    /** {@code MIN_THREADS}: the least {@code max_threads}. */
    private static final long MIN_THREADS = 20;
    /** {@code MAX_THREADS} ({@code FUTEX_TID_MASK}): the most. */
    private static final long FUTEX_TID_MASK = 0x3fffffff;

    private final Scheduler scheduler;
    private final int pidMax;
    private final int maxThreads;
    /** Tasks not yet reaped per uid ({@code ucounts}' {@code UCOUNT_RLIMIT_NPROC}), for RLIMIT_NPROC. */
    private final Map<Integer, Integer> tasksOfUser = new HashMap<>();
    private int lastPid;

    Fork(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.pidMax = Math.min(4_194_304, Math.max(32_768, 1024 * scheduler.nrCpus));
        this.maxThreads = (int) Math.clamp(scheduler.config.memoryBytes() / (THREAD_SIZE * 8), MIN_THREADS,
                FUTEX_TID_MASK);
    }

    /**
     * @return {@code pid_max}: pids are below it ({@code PID_MAX_DEFAULT}, or 1024 per CPU on a
     *         large machine, as {@code pid_idr_init} sets it); fork fails with EAGAIN when none is free
     */
    public int pidMax() {
        return pidMax;
    }

    /**
     * @return {@code threads-max} ({@code max_threads}, as {@code set_max_threads} sizes it: the
     *         thread structures, 16 KiB stacks, may take at most an eighth of memory): fork fails
     *         with EAGAIN once this many tasks exist, for root too; {@code RLIMIT_NPROC}, the
     *         limit of a user's tasks except root's, is half of it ({@code init_task}'s default)
     */
    public int maxThreads() {
        return maxThreads;
    }

    /** @return how many pids are in use: the tasks not yet reaped, init included */
    public int pidsInUse() {
        return scheduler.tasks.size();
    }

    /**
     * {@code copy_process}'s limits: {@code nr_threads >= max_threads} for everyone, and the
     * user's {@code RLIMIT_NPROC} unless root ({@code capable(CAP_SYS_RESOURCE)}); both EAGAIN.
     * Zombies still count, as they do until they are reaped.
     */
    private void checkThreadLimits(Task parent) {
        if (scheduler.tasks.size() >= maxThreads) {
            throw new Errno(Errno.EAGAIN);
        }
        if (parent.uid != 0 && tasksOfUser.getOrDefault(parent.uid, 0) >= maxThreads / 2) {
            throw new Errno(Errno.EAGAIN);
        }
    }

    /** Counts a task for its uid (or stops counting it, with {@code delta} −1). */
    private void countUser(int uid, int delta) {
        tasksOfUser.merge(uid, delta, (a, b) -> a + b == 0 ? null : a + b);
    }

    /** {@code release_task}'s {@code dec_rlimit_ucounts}: a reaped task no longer counts for its user. */
    void released(Task t) {
        countUser(t.uid, -1);
    }

    /**
     * {@code rest_init}: init (pid 1, sleeping in wait) and, if configured, kthreadd (pid 2) with
     * a ksoftirqd and a kworker bound to each CPU.
     *
     * @return init
     */
    Task restInit() {
        BitSet all = new BitSet();
        all.set(0, scheduler.nrCpus);
        Task init = newKernelOwnedTask(null, "init", false, scheduler.config.initPolicy(), all);
        if (scheduler.config.kthreads()) {
            Policy policy = scheduler.config.kthreadPolicy();
            Task kthreadd = newKernelOwnedTask(null, "kthreadd", true, policy, all);
            for (int cpu = 0; cpu < scheduler.nrCpus; cpu++) {
                BitSet one = new BitSet();
                one.set(cpu);
                newKernelOwnedTask(kthreadd, "ksoftirqd/" + cpu, true, policy, one).cpu = cpu;
                newKernelOwnedTask(kthreadd, "kworker/" + cpu + ":0", true, policy, one).cpu = cpu;
            }
        }
        return init;
    }

    /** Creates a task that sleeps until woken (init waits for children, kernel threads for work). */
    private Task newKernelOwnedTask(Task parent, String comm, boolean kernelThread, Policy policy, BitSet allowed) {
        Task t = new Task(allocPid(), null, kernelThread, false, scheduler);
        t.comm = comm;
        t.parent = parent;
        if (parent != null) {
            parent.children.add(t);
        }
        t.policy = policy;
        t.staticPrio = 120;
        t.cpusAllowed = allowed;
        t.cpu = allowed.nextSetBit(0);
        t.scx.weight = scheduler.ext == null ? ExtEntity.DEFAULT_WEIGHT : scheduler.ext.kernel.defaultWeight();
        scheduler.setPrioAndClass(t);
        t.schedClass.switchedTo(t);
        t.rt.timeSlice = scheduler.rtSysctls.rrTimesliceNs();
        t.state = TaskState.INTERRUPTIBLE;
        t.waiting = true;
        t.waitingFor = -1;
        t.startTime = scheduler.engine.now();
        register(t);
        return t;
    }

    /** {@code alloc_pid}: the next free pid after the last one, wrapping to 300 at {@code pid_max}. */
    private int allocPid() {
        for (int i = 0; i < pidMax; i++) {
            lastPid = lastPid + 1 >= pidMax ? 300 : lastPid + 1;
            if (!scheduler.tasks.containsKey(lastPid)) {
                return lastPid;
            }
        }
        throw new Errno(Errno.EAGAIN);
    }

    private void register(Task t) {
        scheduler.tasks.put(t.pid, t);
        countUser(t.uid, 1);
        scheduler.allTasks.add(t);
        if (Scheduler.isUserTask(t)) {
            scheduler.userTasksAlive++;
        }
    }

    /**
     * {@code copy_process}: creates a process or thread as a copy of {@code parent}. The child
     * inherits policy, priorities, class weight, affinity, uid and comm; its class gives it a
     * fresh time slice when it is placed. It does not run until {@link #wakeUpNewTask(Task)}.
     *
     * @param parent the forking task
     * @param thread {@code true} for a thread in the parent's thread group (CLONE_THREAD)
     * @param behaviour synthetic behaviour, or {@code null} if {@code body} is given
     * @param body Java code to run on a coroutine, or {@code null} if {@code behaviour} is given
     * @return the new task
     * @throws Errno EAGAIN if no pid is free
     */
    public Task copyProcess(Task parent, boolean thread, Behaviour behaviour, CoroutineBody body) {
        return copyProcess(parent, thread, behaviour, body, parent.comm);
    }

    private Task copyProcess(Task parent, boolean thread, Behaviour behaviour, CoroutineBody body, String comm) {
        checkThreadLimits(parent);
        Task leader = thread ? parent.groupLeader : null;
        Task p = new Task(allocPid(), leader, parent.kernelThread, false, scheduler);
        p.comm = comm;
        p.uid = parent.uid;
        p.argv = parent.argv;
        if (thread) {
            p.parent = parent.groupLeader.parent;
            leader.threads.add(p);
        } else {
            p.parent = parent;
            parent.children.add(p);
        }
        p.policy = parent.policy;
        p.rtPriority = parent.rtPriority;
        p.staticPrio = parent.staticPrio;
        p.scx.weight = parent.scx.weight;
        p.cpusAllowed = (BitSet) parent.cpusAllowed.clone();
        p.cpu = parent.cpu;
        p.se.vruntime = parent.se.vruntime;
        scheduler.setPrioAndClass(p);
        p.rt.timeSlice = scheduler.rtSysctls.rrTimesliceNs();
        p.startTime = scheduler.engine.now();
        p.behaviour = behaviour;
        if (body != null) {
            p.coroutine = scheduler.engine.newCoroutine(p.comm + "-" + p.pid, () -> runCoroutine(p, body));
        }
        register(p);
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_PROCESS_FORK)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_PROCESS_FORK).field("comm", parent.comm).field("pid", parent.pid)
                    .field("child_comm", p.comm).field("child_pid", p.pid).emit();
        }
        for (TaskLifecycleListener l : scheduler.lifecycleListeners) {
            l.onFork(parent, p);
        }
        return p;
    }

    /**
     * {@code wake_up_new_task}: places a new task with its class's {@code selectTaskRq} and makes
     * it runnable; it may preempt the CPU's running task.
     *
     * @param p a task from {@link #copyProcess}
     */
    public void wakeUpNewTask(Task p) {
        int cpu = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_FORK);
        p.cpu = cpu;
        p.schedClass.taskFork(p, p.parent);
        RunQueue rq = scheduler.rqs[cpu];
        scheduler.activateTask(rq, p, 0);
        if (scheduler.tracer.enabled(SchedTracepoints.SCHED_WAKEUP_NEW)) {
            scheduler.tracer.event(SchedTracepoints.SCHED_WAKEUP_NEW, cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("prio", p.prio).field("target_cpu", cpu).emit();
        }
        scheduler.checkPreemptCurr(rq, p);
        p.schedClass.taskWoken(rq, p);
    }

    /**
     * {@code fork}/{@code clone(CLONE_THREAD)} from a coroutine task ({@code kernel_clone}).
     *
     * @param t the caller
     * @param thread whether to create a thread
     * @param body the child's code
     * @return the child's pid
     */
    public int kernelClone(Task t, boolean thread, CoroutineBody body) {
        Task child = copyProcess(t, thread, null, body);
        wakeUpNewTask(child);
        return child.pid;
    }

    /**
     * Launches a task as a child of init, with attributes set before it first runs (what a
     * shell does between fork and exec).
     *
     * @param comm command name
     * @param argv arguments
     * @param behaviour synthetic behaviour, or {@code null}
     * @param body coroutine code, or {@code null}
     * @param attrs policy, priority, weight, nice, affinity and uid; {@code null} entries inherit from init
     * @return the new task, already runnable
     */
    public Task launch(String comm, List<String> argv, Behaviour behaviour, CoroutineBody body, LaunchAttributes attrs) {
        Task init = scheduler.init;
        scheduler.currentCpu = init.cpu;
        Task p = copyProcess(init, false, behaviour, body, truncateComm(comm));
        p.argv = List.copyOf(argv);
        if (attrs.uid() != null) {
            countUser(p.uid, -1);
            p.uid = attrs.uid();
            countUser(p.uid, 1);
        }
        if (attrs.nice() != null) {
            p.staticPrio = 120 + SchedSyscalls.clampNice(attrs.nice());
        }
        if (attrs.policy() != null) {
            p.policy = attrs.policy();
            p.rtPriority = attrs.policy().isRealTime() ? attrs.priority() : 0;
            scheduler.setPrioAndClass(p);
            if (p.schedClass != init.schedClass) {
                p.schedClass.enterAtLaunch(p);
            }
        }
        if (attrs.weight() != null) {
            p.scx.weight = attrs.weight();
        }
        if (attrs.affinity() != null) {
            BitSet m = (BitSet) attrs.affinity().clone();
            m.clear(scheduler.nrCpus, Math.max(scheduler.nrCpus, m.length()));
            if (m.isEmpty()) {
                throw new IllegalArgumentException("affinity has no CPU of the machine: " + attrs.affinity());
            }
            p.cpusAllowed = m;
            p.cpu = m.nextSetBit(0);
        }
        scheduler.setPrioAndClass(p);
        wakeUpNewTask(p);
        return p;
    }

    /** @return the name cut to {@code TASK_COMM_LEN - 1} characters */
    private static String truncateComm(String comm) {
        return comm.length() > 15 ? comm.substring(0, 15) : comm;
    }

    /**
     * The life of a coroutine task: its workload code, then {@code exit_group(0)} for a process
     * or {@code exit(0)} for a thread, or SIGABRT with the stack trace for an uncaught exception.
     */
    private void runCoroutine(Task t, CoroutineBody body) {
        Coroutine c = t.coroutine;
        c.enterUser();
        Throwable failure = null;
        try {
            body.run(t);
        } catch (Coroutine.Killed killed) {
            return;
        } catch (Throwable e) {
            failure = e;
        }
        if (!c.enterKernel()) {
            return;
        }
        scheduler.currentCpu = t.cpu;
        Exit exit = scheduler.exit();
        if (failure != null) {
            exit.doExit(t, 0, Signal.SIGABRT.number(), UncaughtException.report(t, failure));
        } else if (t == t.groupLeader) {
            exit.doGroupExit(t, 0);
        } else {
            exit.doExit(t, 0, 0, null);
        }
        c.finish();
    }
}
