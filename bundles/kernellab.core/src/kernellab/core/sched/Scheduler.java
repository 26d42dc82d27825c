package kernellab.core.sched;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.api.WaitStatus;
import kernellab.api.sched.SchedClassOps;
import kernellab.core.MachineConfig;
import kernellab.core.printk.KernelLog;
import kernellab.core.sim.Coroutine;
import kernellab.core.sim.Engine;
import kernellab.core.sim.Event;
import kernellab.core.sim.StopReason;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceContext;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.Tracer;

/**
 * The core scheduler ({@code kernel/sched/core.c}) together with the process life cycle of
 * {@code kernel/fork.c} and {@code kernel/exit.c}: per-CPU run queues, the periodic tick,
 * {@code schedule()}, wake-ups, migrations, fork/exit/wait and the scheduling system calls.
 *
 * <p>Everything here runs on the simulation thread, either inside an {@link Event} or inside a
 * system call of the task that holds control; nothing is concurrent.
 */
public final class Scheduler implements TraceContext {

    /**
     * System calls a task may make in a row while simulated time stands still before it is
     * killed as a livelock: system calls cost no simulated time, so a loop of them that never
     * computes or sleeps would otherwise freeze the clock.
     */
    public static final int LIVELOCK_SYSCALLS = 10_000_000;

    final MachineConfig config;
    final Engine engine;
    final Tracer tracer;
    final int nrCpus;
    final long tickNs;
    final RunQueue[] rqs;
    final KernelLog log;
    /** The scheduling classes in priority order: RT, the class of policy 7 (if one is loaded), fair, idle. */
    private final SchedClass[] classes;
    private final ExtSchedClass ext;

    private final TreeMap<Integer, Task> tasks = new TreeMap<>();
    private final List<Task> allTasks = new ArrayList<>();
    private final List<TaskLifecycleListener> lifecycleListeners = new ArrayList<>();
    private final int pidMax;
    private final int maxThreads;
    private int lastPid;
    private final Task init;
    private final Event balanceTimer;
    int currentCpu;
    private int userTasksAlive;
    private boolean stopWhenAllExited;

    /**
     * Boots the scheduler: idle tasks, init (pid 1, sleeping in wait) and, if configured,
     * kthreadd (pid 2) with per-CPU kernel threads. The class of policy 7 is made with the
     * configuration's {@link MachineConfig#schedClass()} and initialised before any task.
     *
     * @param config the machine
     * @param engine the event engine
     * @throws IllegalArgumentException if the class of policy 7 cannot be made or has a bad name
     */
    public Scheduler(MachineConfig config, Engine engine) {
        this.config = config;
        this.engine = engine;
        this.tracer = new Tracer(this);
        this.log = new KernelLog(engine::now);
        this.nrCpus = config.cpus();
        this.tickNs = config.tickNs();
        this.pidMax = Math.min(4_194_304, Math.max(32_768, 1024 * nrCpus));
        this.maxThreads = (int) Math.clamp(config.memoryBytes() / (THREAD_SIZE * 8), MIN_THREADS, FUTEX_TID_MASK);
        SchedClassOps ops = config.schedClass().get();
        this.ext = ops == null ? null : new ExtSchedClass(this, ops, config.schedParams());
        IdleSchedClass idle = new IdleSchedClass(this);
        this.classes = ext == null
                ? new SchedClass[] {new RtSchedClass(this), new FairSchedClass(this), idle}
                : new SchedClass[] {new RtSchedClass(this), ext, new FairSchedClass(this), idle};
        this.rqs = new RunQueue[nrCpus];
        if (ext != null) {
            ext.init();
        }
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            Task swapper = new Task(0, null, true, true, this);
            swapper.comm = "swapper/" + cpu;
            swapper.policy = Policy.SCHED_NORMAL;
            swapper.staticPrio = 120;
            swapper.prio = 120;
            swapper.loadWeight = FairSchedClass.NICE_0_LOAD;
            swapper.cpusAllowed = new BitSet();
            swapper.cpusAllowed.set(cpu);
            swapper.cpu = cpu;
            swapper.schedClass = idle;
            swapper.onCpu = true;
            rqs[cpu] = new RunQueue(cpu, swapper, this);
        }
        BitSet all = new BitSet();
        all.set(0, nrCpus);
        this.init = newKernelOwnedTask(null, "init", false, config.initPolicy(), all);
        if (config.kthreads()) {
            Task kthreadd = newKernelOwnedTask(null, "kthreadd", true, config.kthreadPolicy(), all);
            for (int cpu = 0; cpu < nrCpus; cpu++) {
                BitSet one = new BitSet();
                one.set(cpu);
                newKernelOwnedTask(kthreadd, "ksoftirqd/" + cpu, true, config.kthreadPolicy(), one).cpu = cpu;
                newKernelOwnedTask(kthreadd, "kworker/" + cpu + ":0", true, config.kthreadPolicy(), one).cpu = cpu;
            }
        }
        this.balanceTimer = new Event() {
            @Override
            protected void fire() {
                loadBalanceTimer();
            }
        };
        if (nrCpus > 1) {
            engine.schedule(balanceTimer, config.balancePeriodNs());
        }
    }

    /** Creates a task that sleeps until woken (init waits for children, kernel threads for work). */
    private Task newKernelOwnedTask(Task parent, String comm, boolean kernelThread, Policy policy, BitSet allowed) {
        Task t = new Task(allocPid(), null, kernelThread, false, this);
        t.comm = comm;
        t.parent = parent;
        if (parent != null) {
            parent.children.add(t);
        }
        t.policy = policy;
        t.staticPrio = 120;
        t.cpusAllowed = allowed;
        t.cpu = allowed.nextSetBit(0);
        t.scx.weight = ext == null ? ExtEntity.DEFAULT_WEIGHT : ext.kernel.defaultWeight();
        setPrioAndClass(t);
        t.schedClass.switchedTo(t);
        t.rrSliceRemaining = RtSchedClass.RR_TIMESLICE_NS;
        t.state = TaskState.INTERRUPTIBLE;
        t.waiting = true;
        t.waitingFor = -1;
        t.startTime = engine.now();
        register(t);
        return t;
    }

    // ------------------------------------------------------------------ public views

    /** @return the machine configuration */
    public MachineConfig config() {
        return config;
    }

    /** @return the trace subsystem */
    public Tracer tracer() {
        return tracer;
    }

    /** @return the event engine */
    public Engine engine() {
        return engine;
    }

    /** @return the number of CPUs */
    public int nrCpus() {
        return nrCpus;
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
        return tasks.size();
    }

    /**
     * @param cpu CPU number
     * @return its run queue
     */
    public RunQueue runQueue(int cpu) {
        return rqs[cpu];
    }

    /** @return init, pid 1 */
    public Task init() {
        return init;
    }

    /**
     * @param pid a pid
     * @return the live or zombie task with that pid, or {@code null}
     */
    public Task task(int pid) {
        return tasks.get(pid);
    }

    /** @return live and zombie tasks in pid order (idle tasks not included) */
    public Collection<Task> tasks() {
        return Collections.unmodifiableCollection(tasks.values());
    }

    /** @return every task created since boot, reaped ones included, in creation order */
    public List<Task> allTasks() {
        return Collections.unmodifiableList(allTasks);
    }

    /** @return number of user tasks (not init, not kernel threads) that have not exited */
    public int userTasksAlive() {
        return userTasksAlive;
    }

    /**
     * Makes the engine stop (with {@link StopReason.Kind#CONDITION}) when the last user task
     * exits.
     *
     * @param on whether to stop then
     */
    public void setStopWhenAllExited(boolean on) {
        this.stopWhenAllExited = on;
    }

    /**
     * @param listener called on fork, exit and release of every task
     */
    public void addLifecycleListener(TaskLifecycleListener listener) {
        lifecycleListeners.add(listener);
    }

    /** @return the kernel log ({@code dmesg}) */
    public KernelLog log() {
        return log;
    }

    /** @return the classes' tunables ({@code sysctl_sched_*}), name to value in ns, in priority order of the classes */
    public Map<String, Long> sysctls() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (SchedClass c : classes) {
            c.sysctls(out);
        }
        return out;
    }

    /** @return the name of the class of policy 7 (e.g. {@code "wrr"}), or {@code null} if none is loaded */
    public String policyClassName() {
        return ext == null ? null : ext.opsName;
    }

    /** @return how the class of policy 7 was disabled, or {@code null} while it runs (or none is loaded) */
    public ExtExit policyClassExit() {
        return ext == null ? null : ext.exit();
    }

    SchedClass[] classes() {
        return classes;
    }

    /** @return jiffies since boot: ticks of the configured HZ */
    public long jiffies() {
        return engine.now() / tickNs;
    }

    // ------------------------------------------------------------------ TraceContext

    @Override
    public long now() {
        return engine.now();
    }

    @Override
    public int currentCpu() {
        return currentCpu;
    }

    @Override
    public String currentComm(int cpu) {
        Task t = rqs[cpu].curr;
        return t.idleTask ? "<idle>" : t.comm;
    }

    @Override
    public int currentPid(int cpu) {
        return rqs[cpu].curr.pid;
    }

    @Override
    public void requestStop(TraceEvent event) {
        engine.requestStop(StopReason.Kind.BREAKPOINT, event);
    }

    // ------------------------------------------------------------------ run queue primitives

    private void enqueueTask(RunQueue rq, Task p, int flags) {
        p.schedClass.enqueueTask(rq, p, flags);
        rq.nrRunning++;
        p.onRq = true;
    }

    private void dequeueTask(RunQueue rq, Task p, int flags) {
        p.schedClass.dequeueTask(rq, p, flags);
        rq.nrRunning--;
        p.onRq = false;
    }

    /** Wake-up side of enqueue: starts the task's run-delay clock ({@code sched_info_enqueue}). */
    private void activateTask(RunQueue rq, Task p, int flags) {
        if (p.lastQueued < 0) {
            p.lastQueued = engine.now();
        }
        enqueueTask(rq, p, flags);
    }

    private void deactivateTask(RunQueue rq, Task p, int flags) {
        if (p.lastQueued >= 0) {
            p.runDelay += engine.now() - p.lastQueued;
            p.lastQueued = -1;
        }
        dequeueTask(rq, p, flags);
    }

    /** Charges the running task for the time since it was last charged ({@code update_curr}). */
    void updateCurr(RunQueue rq) {
        Task curr = rq.curr;
        long now = engine.now();
        long delta = now - curr.execStart;
        if (delta <= 0) {
            return;
        }
        curr.execStart = now;
        if (curr.idleTask) {
            return;
        }
        curr.sumExecRuntime += delta;
        if (curr.kernelThread) {
            curr.stime += delta;
        } else {
            curr.utime += delta;
        }
        rq.busyTime += delta;
        rq.rqCpuTime += delta;
        curr.schedClass.updateCurr(rq, curr, delta);
        if (tracer.enabled(SchedTracepoints.SCHED_STAT_RUNTIME)) {
            tracer.event(SchedTracepoints.SCHED_STAT_RUNTIME, rq.cpu).field("comm", curr.comm).field("pid", curr.pid)
                    .field("runtime", delta).field("vruntime", curr.vruntime).emit();
        }
    }

    /** Asks the CPU to call {@code schedule()} as soon as the current step is done ({@code resched_curr}). */
    void resched(RunQueue rq) {
        if (!rq.needResched) {
            rq.needResched = true;
            engine.schedule(rq.resched, engine.now());
        }
    }

    void reschedEvent(RunQueue rq) {
        if (rq.needResched) {
            currentCpu = rq.cpu;
            schedule(rq);
        }
    }

    /** A task became runnable on {@code rq}: preempt the running task if it should ({@code check_preempt_curr}). */
    private void checkPreemptCurr(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr.idleTask || p.schedClass.rank < curr.schedClass.rank) {
            resched(rq);
        } else if (p.schedClass == curr.schedClass) {
            p.schedClass.checkPreemptCurr(rq, p);
        }
    }

    /** Sets a task's CPU, counting and tracing the migration ({@code set_task_cpu}). */
    private void setTaskCpu(Task p, int cpu) {
        if (p.cpu == cpu) {
            return;
        }
        if (tracer.enabled(SchedTracepoints.SCHED_MIGRATE_TASK)) {
            tracer.event(SchedTracepoints.SCHED_MIGRATE_TASK, p.cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("prio", p.prio).field("orig_cpu", p.cpu).field("dest_cpu", cpu).emit();
        }
        p.schedClass.migrateTaskRq(p, rqs[p.cpu], rqs[cpu]);
        p.nrMigrations++;
        rqs[cpu].nrMigrationsIn++;
        p.cpu = cpu;
    }

    /** Moves a runnable, not running task between run queues (load balancing, affinity, policy change). */
    void moveQueuedTask(Task p, RunQueue src, RunQueue dst) {
        dequeueTask(src, p, SchedClass.FLAG_MOVE);
        setTaskCpu(p, dst.cpu);
        enqueueTask(dst, p, SchedClass.FLAG_MOVE);
        checkPreemptCurr(dst, p);
    }

    // ------------------------------------------------------------------ schedule()

    /**
     * {@code __schedule()}: takes the running task off the CPU if it blocked (or moves it if a
     * migration is pending), asks the classes for the next task and switches to it.
     */
    void schedule(RunQueue rq) {
        int savedCpu = currentCpu;
        currentCpu = rq.cpu;
        Task prev = rq.curr;
        updateCurr(rq);
        rq.schedCount++;
        engine.cancel(rq.resched);
        rq.needResched = false;
        boolean voluntary = false;
        boolean movedOff = false;
        if (!prev.idleTask) {
            if (prev.state != TaskState.RUNNING) {
                if (prev.onRq) {
                    deactivateTask(rq, prev, SchedClass.FLAG_SLEEP_WAKEUP);
                }
                prev.migrateTo = -1;
                voluntary = true;
            } else if (prev.migrateTo >= 0) {
                int dst = prev.migrateTo;
                prev.migrateTo = -1;
                if (dst != rq.cpu && prev.cpusAllowed.get(dst)) {
                    prev.schedClass.putPrevTask(rq, prev);
                    stopWork(rq, prev);
                    prev.onCpu = false;
                    movedOff = true;
                    moveQueuedTask(prev, rq, rqs[dst]);
                }
            }
            if (prev.onRq && prev.cpu == rq.cpu) {
                prev.schedClass.putPrevTask(rq, prev);
            }
        }
        Task next = pickNextTask(rq);
        if (next != prev) {
            contextSwitch(rq, prev, next, voluntary);
        } else if (!next.idleTask) {
            if (movedOff) {
                next.onCpu = true;
                startWork(rq, next);
            }
            next.schedClass.setNextTask(rq, next);
        }
        currentCpu = savedCpu;
    }

    private Task pickNextTask(RunQueue rq) {
        for (SchedClass c : classes) {
            c.balance(rq);
        }
        for (SchedClass c : classes) {
            Task t = c.pickNextTask(rq);
            if (t != null) {
                return t;
            }
        }
        return rq.idle;
    }

    private void contextSwitch(RunQueue rq, Task prev, Task next, boolean voluntary) {
        long now = engine.now();
        rq.nrSwitches++;
        if (tracer.enabled(SchedTracepoints.SCHED_SWITCH)) {
            tracer.event(SchedTracepoints.SCHED_SWITCH, rq.cpu).field("prev_comm", prev.comm).field("prev_pid", prev.pid)
                    .field("prev_prio", prev.prio).field("prev_state", switchState(prev))
                    .field("next_comm", next.comm).field("next_pid", next.pid).field("next_prio", next.prio).emit();
        }
        if (!prev.idleTask) {
            if (voluntary) {
                prev.nvcsw++;
            } else {
                prev.nivcsw++;
            }
            if (prev.cpu == rq.cpu) {
                stopWork(rq, prev);
            }
            prev.onCpu = false;
            if (prev.onRq && prev.lastQueued < 0) {
                prev.lastQueued = now;
            }
        }
        prev.yielded = false;
        engine.cancel(rq.sliceTimer);
        rq.curr = next;
        next.onCpu = true;
        next.execStart = now;
        if (next.idleTask) {
            rq.schedGoidle++;
            engine.cancel(rq.tick);
            return;
        }
        if (next.lastQueued >= 0) {
            long delay = now - next.lastQueued;
            next.runDelay += delay;
            rq.runDelay += delay;
            next.lastQueued = -1;
        }
        next.pcount++;
        rq.pcount++;
        next.schedClass.setNextTask(rq, next);
        if (!rq.tick.isScheduled()) {
            engine.scheduleInOrder(rq.tick, (now / tickNs + 1) * tickNs);
        }
        startWork(rq, next);
    }

    /**
     * The {@code prev_state} of {@code sched_switch} as ftrace prints it: the state letter, and
     * {@code R+} for a runnable task that was preempted (not for the idle task or a yield).
     */
    private static String switchState(Task prev) {
        if (prev.state != TaskState.RUNNING) {
            return String.valueOf(prev.state.letter());
        }
        return prev.idleTask || prev.yielded ? "R" : "R+";
    }

    /** Arms the CPU's work timer for the task just switched in, or asks it for its next action. */
    private void startWork(RunQueue rq, Task t) {
        long now = engine.now();
        t.workStartedAt = now;
        if (t.workRemaining == TaskActions.FOREVER) {
            return;
        }
        engine.schedule(rq.workDone, now + t.workRemaining);
    }

    private void stopWork(RunQueue rq, Task t) {
        if (t.workRemaining != TaskActions.FOREVER) {
            t.workRemaining = Math.max(0, t.workRemaining - (engine.now() - t.workStartedAt));
        }
        engine.cancel(rq.workDone);
    }

    /** The running task finished its CPU work: it chooses its next action. */
    void workDone(RunQueue rq) {
        currentCpu = rq.cpu;
        Task t = rq.curr;
        updateCurr(rq);
        t.workRemaining = 0;
        if (t.coroutine != null) {
            engine.resume(t.coroutine);
        } else if (t == init) {
            initReap();
        } else {
            t.behaviour.next(t, actions(t));
        }
    }

    /** The periodic timer interrupt of a busy CPU ({@code scheduler_tick}); stopped while the CPU idles (NOHZ). */
    void schedulerTick(RunQueue rq) {
        currentCpu = rq.cpu;
        Task curr = rq.curr;
        updateCurr(rq);
        curr.schedClass.taskTick(rq, curr);
        if (rq.needResched) {
            schedule(rq);
        }
        if (!rq.curr.idleTask && !rq.tick.isScheduled()) {
            engine.scheduleInOrder(rq.tick, engine.now() + tickNs);
        }
    }

    /**
     * The high-resolution slice timer ({@code hrtick}): ends a slice exactly when it is used up,
     * whatever the tick rate, for the classes that arm it.
     */
    void hrtick(RunQueue rq) {
        currentCpu = rq.cpu;
        Task curr = rq.curr;
        if (!curr.schedClass.hasHrtick()) {
            return;
        }
        updateCurr(rq);
        curr.schedClass.taskTick(rq, curr);
        if (rq.needResched) {
            schedule(rq);
        }
    }

    private void loadBalanceTimer() {
        for (SchedClass c : classes) {
            c.periodicBalance();
        }
        engine.schedule(balanceTimer, engine.now() + config.balancePeriodNs());
    }

    // ------------------------------------------------------------------ sleeping and waking

    /** Blocks the running task: state S or D, optionally with a wake-up timer, then schedules. */
    private void block(Task t, TaskState state, long wakeAtNs) {
        t.state = state;
        t.workRemaining = 0;
        if (wakeAtNs >= 0) {
            engine.schedule(t.wakeTimer, wakeAtNs);
        }
        schedule(rqs[t.cpu]);
    }

    void timerWakeUp(Task t) {
        tryToWakeUp(t);
    }

    /** {@code try_to_wake_up}: picks a CPU with the task's class, enqueues it there and checks preemption. */
    private void tryToWakeUp(Task p) {
        if (p.state != TaskState.INTERRUPTIBLE && p.state != TaskState.UNINTERRUPTIBLE) {
            return;
        }
        engine.cancel(p.wakeTimer);
        int cpu = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_WAKEUP);
        RunQueue rq = rqs[cpu];
        rq.ttwuCount++;
        if (cpu == currentCpu) {
            rq.ttwuLocal++;
        }
        setTaskCpu(p, cpu);
        p.state = TaskState.RUNNING;
        activateTask(rq, p, SchedClass.FLAG_SLEEP_WAKEUP);
        if (tracer.enabled(SchedTracepoints.SCHED_WAKEUP)) {
            tracer.event(SchedTracepoints.SCHED_WAKEUP, cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("prio", p.prio).field("target_cpu", cpu).emit();
        }
        checkPreemptCurr(rq, p);
    }

    private TaskActions actions(Task t) {
        return new TaskActions() {
            @Override
            public void compute(long ns) {
                if (ns < 0) {
                    throw new IllegalArgumentException("negative compute: " + ns);
                }
                setWork(t, ns);
            }

            @Override
            public void sleep(long ns) {
                block(t, TaskState.INTERRUPTIBLE, engine.now() + ns);
            }

            @Override
            public void sleepUntil(long timeNs) {
                block(t, TaskState.INTERRUPTIBLE, Math.max(timeNs, engine.now()));
            }

            @Override
            public void io(long ns) {
                block(t, TaskState.UNINTERRUPTIBLE, engine.now() + ns);
            }

            @Override
            public void exit(int status) {
                exitGroup(t, status);
            }

            @Override
            public SplittableRandom random() {
                return engine.random();
            }
        };
    }

    private void setWork(Task t, long ns) {
        long now = engine.now();
        t.workStartedAt = now;
        if (ns >= TaskActions.FOREVER - now) {
            t.workRemaining = TaskActions.FOREVER;
        } else {
            t.workRemaining = ns;
            engine.schedule(rqs[t.cpu].workDone, now + ns);
        }
    }

    /** init's life: reap every zombie child, then sleep in wait() until a child exits. */
    private void initReap() {
        for (Task c : List.copyOf(init.children)) {
            if (reapable(c)) {
                reap(init, c);
            }
        }
        init.waiting = true;
        init.waitingFor = -1;
        block(init, TaskState.INTERRUPTIBLE, -1);
    }

    // ------------------------------------------------------------------ fork, exit, wait

    /** x86_64's {@code THREAD_SIZE}: a task's kernel stack. */
    private static final long THREAD_SIZE = 16 << 10;
    /** {@code MIN_THREADS}: the least {@code max_threads}. */
    private static final long MIN_THREADS = 20;
    /** {@code MAX_THREADS} ({@code FUTEX_TID_MASK}): the most. */
    private static final long FUTEX_TID_MASK = 0x3fffffff;

    /**
     * {@code copy_process}'s limits: {@code nr_threads >= max_threads} for everyone, and the
     * user's {@code RLIMIT_NPROC} unless root ({@code capable(CAP_SYS_RESOURCE)}); both EAGAIN.
     * Zombies still count, as they do until they are reaped.
     */
    private void checkThreadLimits(Task parent) {
        if (tasks.size() >= maxThreads) {
            throw new Errno(Errno.EAGAIN);
        }
        if (parent.uid != 0) {
            int userTasks = 0;
            for (Task t : tasks.values()) {
                if (t.uid == parent.uid) {
                    userTasks++;
                }
            }
            if (userTasks >= maxThreads / 2) {
                throw new Errno(Errno.EAGAIN);
            }
        }
    }

    private int allocPid() {
        for (int i = 0; i < pidMax; i++) {
            lastPid = lastPid + 1 >= pidMax ? 300 : lastPid + 1;
            if (!tasks.containsKey(lastPid)) {
                return lastPid;
            }
        }
        throw new Errno(Errno.EAGAIN);
    }

    private void register(Task t) {
        tasks.put(t.pid, t);
        allTasks.add(t);
        if (isUserTask(t)) {
            userTasksAlive++;
        }
    }

    /** @return whether the task counts for {@link #userTasksAlive()}: not init, not a kernel thread */
    private static boolean isUserTask(Task t) {
        return !t.kernelThread && t.pid != 1;
    }

    private void setPrioAndClass(Task t) {
        t.prio = t.policy.isRealTime() ? RtRunQueue.MAX_RT_PRIO - 1 - t.rtPriority : t.staticPrio;
        t.loadWeight = FairSchedClass.weightFor(t.policy, t.staticPrio);
        for (SchedClass c : classes) {
            if (c.serves(t.policy)) {
                t.schedClass = c;
                return;
            }
        }
        throw new IllegalStateException("no scheduling class serves " + t.policy);
    }

    /**
     * {@code copy_process}: creates a process or thread as a copy of {@code parent}. The child
     * inherits policy, priorities, class weight, affinity, uid and comm; its class gives it a
     * fresh time slice when it is placed ({@link #wakeUpNewTask}).
     * It does not run until {@link #wakeUpNewTask(Task)}.
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
        Task p = new Task(allocPid(), leader, parent.kernelThread, false, this);
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
        p.vruntime = parent.vruntime;
        setPrioAndClass(p);
        p.rrSliceRemaining = RtSchedClass.RR_TIMESLICE_NS;
        p.startTime = engine.now();
        p.behaviour = behaviour;
        if (body != null) {
            p.coroutine = engine.newCoroutine(p.comm + "-" + p.pid, () -> runCoroutine(p, body));
        }
        register(p);
        if (tracer.enabled(SchedTracepoints.SCHED_PROCESS_FORK)) {
            tracer.event(SchedTracepoints.SCHED_PROCESS_FORK).field("comm", parent.comm).field("pid", parent.pid)
                    .field("child_comm", p.comm).field("child_pid", p.pid).emit();
        }
        for (TaskLifecycleListener l : lifecycleListeners) {
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
        RunQueue rq = rqs[cpu];
        activateTask(rq, p, 0);
        if (tracer.enabled(SchedTracepoints.SCHED_WAKEUP_NEW)) {
            tracer.event(SchedTracepoints.SCHED_WAKEUP_NEW, cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("prio", p.prio).field("target_cpu", cpu).emit();
        }
        checkPreemptCurr(rq, p);
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
        currentCpu = init.cpu;
        Task p = copyProcess(init, false, behaviour, body, truncateComm(comm));
        p.argv = List.copyOf(argv);
        if (attrs.uid() != null) {
            p.uid = attrs.uid();
        }
        if (attrs.nice() != null) {
            p.staticPrio = 120 + clampNice(attrs.nice());
        }
        if (attrs.policy() != null) {
            p.policy = attrs.policy();
            p.rtPriority = attrs.policy().isRealTime() ? attrs.priority() : 0;
            setPrioAndClass(p);
            if (p.schedClass != init.schedClass) {
                p.schedClass.enterAtLaunch(p);
            }
        }
        if (attrs.weight() != null) {
            p.scx.weight = attrs.weight();
        }
        if (attrs.affinity() != null) {
            BitSet m = (BitSet) attrs.affinity().clone();
            m.clear(nrCpus, Math.max(nrCpus, m.length()));
            if (m.isEmpty()) {
                throw new IllegalArgumentException("affinity has no CPU of the machine: " + attrs.affinity());
            }
            p.cpusAllowed = m;
            p.cpu = m.nextSetBit(0);
        }
        setPrioAndClass(p);
        wakeUpNewTask(p);
        return p;
    }

    static String truncateComm(String comm) {
        return comm.length() > 15 ? comm.substring(0, 15) : comm;
    }

    private static int clampNice(int nice) {
        return Math.max(-20, Math.min(19, nice));
    }

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
        currentCpu = t.cpu;
        if (failure != null) {
            doExit(t, 0, Signal.SIGABRT.number(), UncaughtException.report(t, failure));
        } else if (t == t.groupLeader) {
            exitGroup(t, 0);
        } else {
            doExit(t, 0, 0, null);
        }
        c.finish();
    }

    /**
     * Kills a task whose workload code the engine's watchdog stopped; called with control on the
     * watchdog's thread.
     *
     * @param c the runaway coroutine
     * @param limitMillis the watchdog limit, for the message
     */
    public void watchdogKill(Coroutine c, long limitMillis) {
        for (Task t : tasks.values()) {
            if (t.coroutine == c) {
                currentCpu = t.cpu;
                doExit(t, 0, Signal.SIGKILL.number(), t.comm + "[" + t.pid + "]: killed by the watchdog: ran more than "
                        + limitMillis + " ms of real time without a system call");
                return;
            }
        }
    }

    /**
     * Lets a task's coroutine thread end when the machine is discarded; the task itself is left
     * as it is.
     *
     * @param t a task
     */
    public void discardCoroutine(Task t) {
        if (t.coroutine != null && !t.coroutine.isKilled()) {
            t.coroutine.kill();
        }
    }

    /**
     * Kills a task's whole thread group with a fatal signal, as the default action of SIGSEGV,
     * SIGBUS or SIGKILL does ({@code do_group_exit(sig)}): every thread exits with the signal
     * (wait status = signal, shell status 128 + signal), and the coroutines of threads other
     * than the calling one are stopped. Used by the memory manager for faults and the OOM killer.
     *
     * @param t a task of the group
     * @param signal the signal number
     * @param report why, kept as the exit report of {@code t}
     */
    public void killProcess(Task t, int signal, String report) {
        Task leader = t.groupLeader;
        List<Task> group = new ArrayList<>(leader.threads);
        group.add(0, leader);
        for (Task member : group) {
            if (member.exitTime < 0) {
                doExit(member, 0, signal, member == t ? report : null);
                if (member.coroutine != null && !member.coroutine.isCurrentThread()) {
                    member.coroutine.kill();
                }
            }
        }
    }

    /**
     * Kills the calling task's thread group with a fatal signal ({@link #killProcess}); never
     * returns normally.
     *
     * @param t the caller, running on its own coroutine
     * @param signal the signal number
     * @param report why
     * @throws Coroutine.Killed always, to unwind the caller's workload code
     */
    public void exitBySignal(Task t, int signal, String report) {
        killProcess(t, signal, report);
        exitKilled(t);
    }

    /**
     * Ends the calling task's workload code after its process was killed ({@link #killProcess}),
     * as a task with a fatal signal pending never gets back to user mode; never returns normally.
     *
     * @param t the caller, running on its own coroutine, already exited
     * @throws Coroutine.Killed always, to unwind the caller's workload code
     */
    public void exitKilled(Task t) {
        t.coroutine.finish();
        throw new Coroutine.Killed();
    }

    /**
     * {@code kill(2)} of one process ({@code pid > 0}) with the signal's default action, since
     * workload code installs no handlers. As in the kernel: an invalid number is EINVAL, no task
     * with that pid is ESRCH (a zombie still has its pid: the signal is accepted and does
     * nothing), a caller that is not root and not the target's user gets EPERM, and signal 0
     * only checks all that. Kernel threads ignore every signal, init (SIGNAL_UNKILLABLE) every
     * signal with the default action, SIGKILL included; signals whose default is to ignore do
     * nothing; the others end the target's thread group (exit status 128 + signal).
     *
     * @param caller the calling task
     * @param pid the target, positive
     * @param sig 0 to {@link Signal#NSIG}
     * @throws Errno EINVAL, ESRCH or EPERM
     * @throws IllegalArgumentException for a stop or continue signal (job control is not
     *         simulated) or a pid that is not positive (process groups are not simulated)
     */
    public void kill(Task caller, int pid, int sig) {
        if (sig < 0 || sig > Signal.NSIG) {
            throw new Errno(Errno.EINVAL);
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("kill of process groups (pid " + pid + ") is not simulated");
        }
        Task t = tasks.get(pid);
        if (t == null) {
            throw new Errno(Errno.ESRCH);
        }
        if (!isRoot(caller) && caller.uid != t.uid) {
            throw new Errno(Errno.EPERM);
        }
        if (sig == 0) {
            return;
        }
        Signal.Action action = Signal.action(sig);
        if (action == Signal.Action.STOP || action == Signal.Action.CONT) {
            throw new IllegalArgumentException(Signal.name(sig) + ": stopping and continuing processes is not simulated");
        }
        if (t.exitTime >= 0 || t.kernelThread || t == init || action == Signal.Action.IGN) {
            return;
        }
        killProcess(t, sig, t.comm + "[" + t.pid + "]: killed by " + Signal.name(sig) + " from " + caller.comm + "[" + caller.pid
                + "]");
    }

    /**
     * Finds an attached subsystem by type, e.g. the memory manager a system-call facade needs.
     *
     * @param <T> the type
     * @param type the listener's class
     * @return the first life-cycle listener of that type, or {@code null}
     */
    public <T extends TaskLifecycleListener> T lifecycleListener(Class<T> type) {
        for (TaskLifecycleListener l : lifecycleListeners) {
            if (type.isInstance(l)) {
                return type.cast(l);
            }
        }
        return null;
    }

    /** {@code do_group_exit}: the whole thread group exits with the status. */
    void exitGroup(Task t, int status) {
        Task leader = t.groupLeader;
        List<Task> group = new ArrayList<>(leader.threads);
        group.add(0, leader);
        for (Task sibling : group) {
            if (sibling != t && sibling.exitTime < 0) {
                doExit(sibling, status, 0, null);
                if (sibling.coroutine != null) {
                    sibling.coroutine.kill();
                }
            }
        }
        doExit(t, status, 0, null);
    }

    /**
     * {@code do_exit}: the task stops being runnable, its children go to init, its parent is
     * notified; a process becomes a zombie until reaped, a thread is released at once.
     */
    void doExit(Task t, int code, int signal, String report) {
        if (t.exitTime >= 0) {
            return;
        }
        RunQueue rq = rqs[t.cpu];
        boolean running = rq.curr == t;
        if (running) {
            updateCurr(rq);
        }
        t.exitTime = engine.now();
        t.exitCode = code;
        t.exitSignal = signal;
        t.exitReport = report;
        t.waiting = false;
        engine.cancel(t.wakeTimer);
        if (t.onRq && !running) {
            deactivateTask(rq, t, SchedClass.FLAG_SLEEP_WAKEUP);
        }
        t.schedClass.taskExit(t);
        if (tracer.enabled(SchedTracepoints.SCHED_PROCESS_EXIT)) {
            tracer.event(SchedTracepoints.SCHED_PROCESS_EXIT).field("comm", t.comm).field("pid", t.pid)
                    .field("prio", t.prio).emit();
        }
        for (TaskLifecycleListener l : lifecycleListeners) {
            l.onExit(t);
        }
        for (Task c : List.copyOf(t.children)) {
            c.parent = init;
            init.children.add(c);
            if (reapable(c)) {
                notifyParent(c);
            }
        }
        t.children.clear();
        if (isUserTask(t)) {
            userTasksAlive--;
            if (userTasksAlive == 0 && stopWhenAllExited) {
                engine.requestStop(StopReason.Kind.CONDITION, null);
            }
        }
        if (t != t.groupLeader) {
            t.state = TaskState.DEAD;
            release(t);
            if (reapable(t.groupLeader)) {
                notifyParent(t.groupLeader);
            }
        } else {
            t.state = TaskState.ZOMBIE;
            if (reapable(t)) {
                notifyParent(t);
            }
        }
        if (running) {
            schedule(rq);
        }
    }

    private static boolean reapable(Task t) {
        if (t.state != TaskState.ZOMBIE) {
            return false;
        }
        for (Task thread : t.threads) {
            if (thread.exitTime < 0) {
                return false;
            }
        }
        return true;
    }

    private void notifyParent(Task child) {
        Task parent = child.parent;
        if (parent != null && parent.waiting && (parent.waitingFor == -1 || parent.waitingFor == child.pid)) {
            parent.waiting = false;
            tryToWakeUp(parent);
        }
    }

    /**
     * Reaps a zombie as {@code wait_task_zombie} does: the waiting process's signal_struct (here
     * its group leader's counters) adds what the child's thread group used and what its own
     * reaped children had: CPU times ({@code cutime}, {@code cstime}), page faults
     * ({@code cmin_flt}, {@code cmaj_flt}) and context switches ({@code cnvcsw},
     * {@code cnivcsw}), which {@code getrusage(RUSAGE_CHILDREN)} and {@code /proc/PID/stat}
     * report.
     */
    private void reap(Task parent, Task child) {
        child.state = TaskState.DEAD;
        parent.children.remove(child);
        Task sig = parent.groupLeader;
        sig.cutime += child.cutime;
        sig.cstime += child.cstime;
        sig.cminFlt += child.cminFlt;
        sig.cmajFlt += child.cmajFlt;
        sig.cnvcsw += child.cnvcsw;
        sig.cnivcsw += child.cnivcsw;
        List<Task> group = new ArrayList<>(child.threads);
        group.add(0, child);
        for (Task thread : group) {
            sig.cutime += thread.utime;
            sig.cstime += thread.stime;
            sig.cminFlt += thread.minFlt;
            sig.cmajFlt += thread.majFlt;
            sig.cnvcsw += thread.nvcsw;
            sig.cnivcsw += thread.nivcsw;
        }
        release(child);
    }

    private void release(Task t) {
        tasks.remove(t.pid);
        for (TaskLifecycleListener l : lifecycleListeners) {
            l.onRelease(t);
        }
    }

    // ------------------------------------------------------------------ system calls

    /**
     * Starts a system call of a coroutine task: checks that the caller is the task's own thread
     * and still holds control. Every facade method calls this first.
     *
     * @param t the calling task
     * @throws Coroutine.Killed if the task was killed (the facade lets it propagate)
     */
    public void enterSyscall(Task t) {
        Coroutine c = t.coroutine;
        if (c == null || !c.isCurrentThread()) {
            throw new IllegalStateException("system call of " + t + " from another thread: "
                    + Thread.currentThread().getName());
        }
        if (!c.enterKernel()) {
            throw new Coroutine.Killed();
        }
        currentCpu = t.cpu;
    }

    /**
     * Ends a system call: returns to workload code, after giving the CPU up if a reschedule
     * or a stop of the engine is pending (preemption on return to user space).
     *
     * @param t the calling task
     */
    public void exitSyscall(Task t) {
        long now = engine.now();
        if (now != t.lastSyscallTime) {
            t.lastSyscallTime = now;
            t.syscallsWithoutTime = 0;
        } else if (++t.syscallsWithoutTime >= LIVELOCK_SYSCALLS) {
            doExit(t, 0, Signal.SIGKILL.number(), t.comm + "[" + t.pid + "]: killed: " + LIVELOCK_SYSCALLS
                    + " system calls without letting simulated time pass (a livelock, e.g. a sched_yield loop)");
            exitKilled(t);
        }
        RunQueue rq = rqs[t.cpu];
        if (rq.needResched || rq.curr != t || engine.stopRequested()) {
            if (rq.curr == t) {
                t.workRemaining = 0;
                engine.schedule(rq.workDone, engine.now());
            }
            t.coroutine.suspend();
        } else {
            t.coroutine.enterUser();
        }
    }

    /**
     * Resolves a pid argument: 0 is the caller.
     *
     * @param caller the calling task
     * @param pid the argument
     * @return the task
     * @throws Errno EINVAL for a negative pid, ESRCH if there is no such (live) task
     */
    public Task findTask(Task caller, int pid) {
        if (pid < 0) {
            throw new Errno(Errno.EINVAL);
        }
        if (pid == 0) {
            return caller;
        }
        Task t = tasks.get(pid);
        if (t == null || t.exitTime >= 0) {
            throw new Errno(Errno.ESRCH);
        }
        return t;
    }

    /**
     * {@code compute}: the caller uses CPU for {@code ns}; returns (via the coroutine) when done.
     *
     * @param t the caller
     * @param ns CPU time
     */
    public void compute(Task t, long ns) {
        if (ns < 0) {
            throw new Errno(Errno.EINVAL);
        }
        setWork(t, ns);
        t.coroutine.suspend();
        enterAgain(t);
    }

    /**
     * Sleeps the caller for {@code ns} in state S ({@code nanosleep}) or D (I/O).
     *
     * @param t the caller
     * @param ns duration
     * @param io {@code true} for uninterruptible I/O wait
     */
    public void sleep(Task t, long ns, boolean io) {
        if (ns < 0) {
            throw new Errno(Errno.EINVAL);
        }
        block(t, io ? TaskState.UNINTERRUPTIBLE : TaskState.INTERRUPTIBLE, engine.now() + ns);
        t.coroutine.suspend();
        enterAgain(t);
    }

    /**
     * {@code fork}/{@code clone(CLONE_THREAD)} from a coroutine task.
     *
     * @param t the caller
     * @param thread whether to create a thread
     * @param body the child's code
     * @return the child's pid
     */
    public int fork(Task t, boolean thread, CoroutineBody body) {
        Task child = copyProcess(t, thread, null, body);
        wakeUpNewTask(child);
        return child.pid;
    }

    /**
     * {@code exit_group}: ends the caller's thread group; never returns normally.
     *
     * @param t the caller
     * @param status exit status
     */
    public void exit(Task t, int status) {
        exitGroup(t, status);
        t.coroutine.finish();
        throw new Coroutine.Killed();
    }

    /**
     * {@code waitpid}: reaps a zombie child, sleeping until one exits unless WNOHANG.
     *
     * @param t the caller
     * @param pid a child's pid, or −1 (or 0) for any child
     * @param options 0 or WNOHANG
     * @return the reaped child's pid and status
     */
    public WaitStatus waitpid(Task t, int pid, int options) {
        if ((options & ~Syscalls.WNOHANG) != 0) {
            throw new Errno(Errno.EINVAL);
        }
        int want = pid <= 0 ? -1 : pid;
        if (tracer.enabled(SchedTracepoints.SCHED_PROCESS_WAIT)) {
            tracer.event(SchedTracepoints.SCHED_PROCESS_WAIT).field("comm", t.comm).field("pid", pid)
                    .field("prio", t.prio).emit();
        }
        for (;;) {
            boolean any = false;
            for (Task c : t.children) {
                if (want != -1 && c.pid != want) {
                    continue;
                }
                any = true;
                if (reapable(c)) {
                    int status = c.waitStatus();
                    reap(t, c);
                    return new WaitStatus(c.pid, status);
                }
            }
            if (!any) {
                throw new Errno(Errno.ECHILD);
            }
            if ((options & Syscalls.WNOHANG) != 0) {
                return new WaitStatus(0, 0);
            }
            t.waiting = true;
            t.waitingFor = want;
            block(t, TaskState.INTERRUPTIBLE, -1);
            t.coroutine.suspend();
            enterAgain(t);
        }
    }

    /** After a suspend inside a system call that goes on: back to kernel mode. */
    private void enterAgain(Task t) {
        if (!t.coroutine.enterKernel()) {
            throw new Coroutine.Killed();
        }
        currentCpu = t.cpu;
    }

    private static boolean isRoot(Task t) {
        return t.uid == 0;
    }

    /**
     * {@code sched_setscheduler}. Validation order as in the kernel: pid (EINVAL, ESRCH), then the
     * parameters (EINVAL), then permissions (EPERM).
     *
     * @param caller the calling task
     * @param pid target
     * @param policy new policy
     * @param priority RT priority (1–99) or 0
     */
    public void setScheduler(Task caller, int pid, Policy policy, int priority) {
        Task p = findTask(caller, pid);
        checkPriority(policy, priority);
        if (!isRoot(caller)) {
            if (caller.uid != p.uid) {
                throw new Errno(Errno.EPERM);
            }
            if (policy.isRealTime() && (policy != p.policy || priority > p.rtPriority)) {
                throw new Errno(Errno.EPERM);
            }
            if (p.policy == Policy.SCHED_IDLE && policy != Policy.SCHED_IDLE) {
                throw new Errno(Errno.EPERM);
            }
        }
        changeScheduler(p, policy, priority);
    }

    private static void checkPriority(Policy policy, int priority) {
        if (policy.isRealTime() ? priority < 1 || priority > 99 : priority != 0) {
            throw new Errno(Errno.EINVAL);
        }
    }

    /**
     * {@code sched_setparam}: changes the priority within the target's current policy.
     *
     * @param caller the calling task
     * @param pid target
     * @param priority new RT priority, or 0
     */
    public void setParam(Task caller, int pid, int priority) {
        Task p = findTask(caller, pid);
        setScheduler(caller, p == caller ? 0 : p.pid, p.policy, priority);
    }

    /**
     * {@code sched_setweight}: sets the weight of a task whose class has weights (the class of
     * policy 7); the class decides when it takes effect (the lab's WRR: at the next slice refill).
     * EINVAL for a task of another class or a weight outside the class's range, then EPERM for a
     * caller that is not root and not the task's user, or that raises the weight.
     *
     * @param caller the calling task
     * @param pid target
     * @param weight the new weight (1–20 for the lab's WRR)
     */
    public void setWeight(Task caller, int pid, int weight) {
        Task p = findTask(caller, pid);
        SchedClass c = p.schedClass;
        if (!c.hasWeights() || weight < c.minWeight() || weight > c.maxWeight()) {
            throw new Errno(Errno.EINVAL);
        }
        if (!isRoot(caller) && (caller.uid != p.uid || weight > p.scx.weight)) {
            throw new Errno(Errno.EPERM);
        }
        c.setWeight(p, weight);
        tracePolicyChange(p, p.policy);
    }

    /**
     * {@code sched_getweight}.
     *
     * @param caller the calling task
     * @param pid target
     * @return its weight
     */
    public int getWeight(Task caller, int pid) {
        Task p = findTask(caller, pid);
        if (!p.schedClass.hasWeights()) {
            throw new Errno(Errno.EINVAL);
        }
        return p.scx.weight;
    }

    /**
     * Changes policy and priority without permission checks ({@code __sched_setscheduler} after
     * the checks). A task entering another class is set up by it ({@code switched_to}: the class
     * of policy 7 gives it its default weight) and, if the class wants, placed again; a running
     * task that must move is migrated at its next schedule.
     *
     * @param p the task
     * @param policy new policy
     * @param priority RT priority or 0
     */
    public void changeScheduler(Task p, Policy policy, int priority) {
        Policy old = p.policy;
        reclass(p, policy, priority);
        tracePolicyChange(p, old);
    }

    /**
     * Moves every task of a disabled class to the class that now serves its policy (the fair
     * class), as {@code scx_ops_disable_workfn} does; the CPUs that ran them reschedule.
     */
    void leaveClass(SchedClass c) {
        for (Task t : List.copyOf(tasks.values())) {
            if (t.schedClass == c && t.exitTime < 0) {
                reclass(t, t.policy, t.rtPriority);
            }
        }
    }

    private void reclass(Task p, Policy policy, int priority) {
        Policy old = p.policy;
        RunQueue rq = rqs[p.cpu];
        boolean running = rq.curr == p;
        boolean queued = p.onRq;
        if (running) {
            updateCurr(rq);
        }
        if (queued) {
            dequeueTask(rq, p, SchedClass.FLAG_MOVE);
        }
        SchedClass oldClass = p.schedClass;
        p.policy = policy;
        p.rtPriority = policy.isRealTime() ? priority : 0;
        if (policy == Policy.SCHED_RR && old != Policy.SCHED_RR) {
            p.rrSliceRemaining = RtSchedClass.RR_TIMESLICE_NS;
        }
        setPrioAndClass(p);
        if (p.schedClass != oldClass) {
            oldClass.switchedFrom(p);
            p.schedClass.switchedTo(p);
        }
        if (queued) {
            int target = p.cpu;
            if (p.schedClass != oldClass && p.schedClass.placesOnSwitch()) {
                target = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE);
            }
            if (running) {
                enqueueTask(rq, p, SchedClass.FLAG_MOVE);
                p.schedClass.setNextTask(rq, p);
                if (target != p.cpu) {
                    p.migrateTo = target;
                }
                resched(rq);
            } else {
                setTaskCpu(p, target);
                RunQueue dst = rqs[target];
                enqueueTask(dst, p, SchedClass.FLAG_MOVE);
                checkPreemptCurr(dst, p);
            }
        }
    }

    private void tracePolicyChange(Task p, Policy old) {
        if (tracer.enabled(SchedTracepoints.SCHED_POLICY_CHANGE)) {
            tracer.event(SchedTracepoints.SCHED_POLICY_CHANGE, p.cpu).field("comm", p.comm).field("pid", p.pid)
                    .field("old_policy", old.name()).field("policy", p.policy.name()).field("prio", p.prio)
                    .field("weight", p.scx.weight).field("nice", p.nice()).emit();
        }
    }

    /**
     * {@code sched_yield}.
     *
     * @param t the caller
     */
    public void yield(Task t) {
        RunQueue rq = rqs[t.cpu];
        rq.yldCount++;
        t.yielded = true;
        updateCurr(rq);
        t.schedClass.yieldTask(rq);
        resched(rq);
    }

    /**
     * {@code setpriority(PRIO_PROCESS)}/{@code nice}: sets the nice value.
     *
     * @param caller the calling task
     * @param pid target
     * @param nice new nice value (clamped to −20…19)
     * @param lowerErrno the errno when a non-root caller lowers the value (EACCES for
     *        setpriority, EPERM for nice)
     */
    public void setNice(Task caller, int pid, int nice, int lowerErrno) {
        Task p = findTask(caller, pid);
        int value = clampNice(nice);
        if (!isRoot(caller)) {
            if (caller.uid != p.uid) {
                throw new Errno(Errno.EPERM);
            }
            if (value < p.nice()) {
                throw new Errno(lowerErrno);
            }
        }
        RunQueue rq = rqs[p.cpu];
        boolean running = rq.curr == p;
        if (running) {
            updateCurr(rq);
        }
        boolean queued = p.onRq && p.schedClass.reweightsOnNice();
        if (queued) {
            dequeueTask(rq, p, SchedClass.FLAG_MOVE);
        }
        p.staticPrio = 120 + value;
        setPrioAndClass(p);
        if (queued) {
            enqueueTask(rq, p, SchedClass.FLAG_MOVE);
            if (running) {
                p.schedClass.setNextTask(rq, p);
                resched(rq);
            } else {
                checkPreemptCurr(rq, p);
            }
        }
        tracePolicyChange(p, p.policy);
    }

    /**
     * {@code sched_setaffinity}. A queued task outside its new mask moves at once, a running one
     * at its next schedule (as the migration thread would move it), a sleeping one when it wakes.
     *
     * @param caller the calling task
     * @param pid target
     * @param mask allowed CPUs; CPUs beyond the machine's are ignored
     */
    public void setAffinity(Task caller, int pid, BitSet mask) {
        Task p = findTask(caller, pid);
        if (!isRoot(caller) && caller.uid != p.uid) {
            throw new Errno(Errno.EPERM);
        }
        BitSet m = (BitSet) mask.clone();
        m.clear(nrCpus, Math.max(nrCpus, m.length()));
        if (m.isEmpty()) {
            throw new Errno(Errno.EINVAL);
        }
        p.cpusAllowed = m;
        if (m.get(p.cpu)) {
            return;
        }
        RunQueue rq = rqs[p.cpu];
        if (rq.curr == p) {
            p.migrateTo = p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE);
            resched(rq);
        } else if (p.onRq) {
            moveQueuedTask(p, rq, rqs[p.schedClass.selectTaskRq(p, p.cpu, SchedClass.SELECT_CHANGE)]);
        }
    }

    /**
     * {@code getrusage}: CPU times and context switches of the calling thread, of its process,
     * or of its reaped children ({@code RUSAGE_CHILDREN}: everything, page faults included, as
     * accumulated by {@code wait}). The page faults of a thread or a live process are the
     * caller's to add, from the tasks' counters.
     *
     * @param t the caller
     * @param who RUSAGE_SELF, RUSAGE_CHILDREN or RUSAGE_THREAD
     * @return the usage
     */
    public Rusage getrusage(Task t, int who) {
        RunQueue rq = rqs[t.cpu];
        if (rq.curr == t) {
            updateCurr(rq);
        }
        return switch (who) {
            case Syscalls.RUSAGE_THREAD -> new Rusage(t.utime, t.stime, 0, 0, t.nvcsw, t.nivcsw);
            case Syscalls.RUSAGE_CHILDREN -> {
                Task l = t.groupLeader;
                yield new Rusage(l.cutime, l.cstime, l.cminFlt, l.cmajFlt, l.cnvcsw, l.cnivcsw);
            }
            case Syscalls.RUSAGE_SELF -> {
                Task l = t.groupLeader;
                long u = l.utime;
                long s = l.stime;
                long v = l.nvcsw;
                long iv = l.nivcsw;
                for (Task th : l.threads) {
                    u += th.utime;
                    s += th.stime;
                    v += th.nvcsw;
                    iv += th.nivcsw;
                }
                yield new Rusage(u, s, 0, 0, v, iv);
            }
            default -> throw new Errno(Errno.EINVAL);
        };
    }

    /**
     * {@code clock_gettime}.
     *
     * @param t the caller
     * @param clockId a clock id of {@link Syscalls}
     * @return the clock's value, ns
     */
    public long clockGettime(Task t, int clockId) {
        return switch (clockId) {
            case Syscalls.CLOCK_REALTIME, Syscalls.CLOCK_MONOTONIC -> engine.now();
            case Syscalls.CLOCK_THREAD_CPUTIME_ID -> {
                updateCurr(rqs[t.cpu]);
                yield t.sumExecRuntime;
            }
            case Syscalls.CLOCK_PROCESS_CPUTIME_ID -> {
                updateCurr(rqs[t.cpu]);
                long sum = t.groupLeader.sumExecRuntime;
                for (Task th : t.groupLeader.threads) {
                    sum += th.sumExecRuntime;
                }
                yield sum;
            }
            default -> throw new Errno(Errno.EINVAL);
        };
    }
}
