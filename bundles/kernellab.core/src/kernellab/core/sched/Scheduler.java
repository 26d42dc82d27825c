package kernellab.core.sched;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kernellab.api.Policy;
import kernellab.api.sched.SchedClassOps;
import kernellab.core.MachineConfig;
import kernellab.core.printk.KernelLog;
import kernellab.core.sim.Engine;
import kernellab.core.sim.Event;
import kernellab.core.sim.StopReason;
import kernellab.core.trace.SchedTracepoints;
import kernellab.core.trace.TraceContext;
import kernellab.core.trace.TraceEvent;
import kernellab.core.trace.Tracer;

/**
 * The core scheduler ({@code kernel/sched/core.c}): per-CPU run queues, the periodic tick,
 * {@code schedule()}, context switches, wake-ups and migrations. The rest of the process life
 * cycle is in the parts named after the kernel's files, reached from here:
 * {@link #fork()} ({@code kernel/fork.c}), {@link #exit()} ({@code kernel/exit.c}),
 * {@link #signals()} ({@code kernel/signal.c}), {@link #syscalls()}
 * ({@code kernel/sched/syscalls.c}), {@link #sys()} ({@code kernel/sys.c} and the CPU-time
 * clocks) and {@link #entry()} (system-call entry and exit of workload code).
 *
 * <p>Everything here runs on the simulation thread, either inside an {@link Event} or inside a
 * system call of the task that holds control; nothing is concurrent.
 */
public final class Scheduler implements TraceContext {

    final MachineConfig config;
    final Engine engine;
    final Tracer tracer;
    final int nrCpus;
    final long tickNs;
    final RunQueue[] rqs;
    final KernelLog log;
    /** The scheduling classes in priority order: RT, the class of policy 7 (if one is loaded), fair, idle. */
    private final SchedClass[] classes;
    final ExtSchedClass ext;
    private final Fork fork;
    private final Exit exit;
    private final Signals signals;
    private final SchedSyscalls syscalls;
    private final Sys sys;
    private final SyscallEntry entry;
    final RtSysctls rtSysctls;

    /** Live and zombie tasks by pid (the pid hash); {@link Fork} adds, {@link Exit} releases. */
    final TreeMap<Integer, Task> tasks = new TreeMap<>();
    final List<Task> allTasks = new ArrayList<>();
    final List<TaskLifecycleListener> lifecycleListeners = new ArrayList<>();
    final Task init;
    private final Event balanceTimer;
    int currentCpu;
    /** Whether the code of the class of policy 7 is stopped in a Java debugger ({@link #holdClassCode}). */
    volatile boolean classCodeHeld;
    int userTasksAlive;
    boolean stopWhenAllExited;

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
        this.fork = new Fork(this);
        this.exit = new Exit(this);
        this.signals = new Signals(this);
        this.syscalls = new SchedSyscalls(this);
        this.sys = new Sys(this);
        this.entry = new SyscallEntry(this);
        this.rtSysctls = new RtSysctls(config);
        SchedClassOps ops = config.schedClass().get();
        this.ext = ops == null ? null : new ExtSchedClass(this, ops, config.schedParams());
        IdleSchedClass idle = new IdleSchedClass(this);
        this.classes = ext == null
                ? new SchedClass[] {new RtSchedClass(this, rtSysctls), new FairSchedClass(this), idle}
                : new SchedClass[] {new RtSchedClass(this, rtSysctls), ext, new FairSchedClass(this), idle};
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
            swapper.se.loadWeight = FairSchedClass.NICE_0_LOAD;
            swapper.cpusAllowed = new BitSet();
            swapper.cpusAllowed.set(cpu);
            swapper.cpu = cpu;
            swapper.schedClass = idle;
            swapper.onCpu = true;
            rqs[cpu] = new RunQueue(cpu, swapper, this);
        }
        this.init = fork.restInit();
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

    // ------------------------------------------------------------------ public views

    /** @return the machine configuration */
    public MachineConfig config() {
        return config;
    }

    /** @return the trace subsystem */
    public Tracer tracer() {
        return tracer;
    }

    /** @return the number of CPUs */
    public int nrCpus() {
        return nrCpus;
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

    /** @return the RT bandwidth and SCHED_RR slice tunables of {@code /proc/sys/kernel} */
    public RtSysctls rtSysctls() {
        return rtSysctls;
    }

    /** @return the name of the class of policy 7 (e.g. {@code "wrr"}), or {@code null} if none is loaded */
    public String policyClassName() {
        return ext == null ? null : ext.opsName;
    }

    /** @return how the class of policy 7 was disabled, or {@code null} while it runs (or none is loaded) */
    public ExtExit policyClassExit() {
        return ext == null ? null : ext.exit();
    }

    /**
     * Says whether a thread of the machine is stopped in a Java debugger, possibly in the middle
     * of a hook of the class of policy 7 (a breakpoint in a student's {@code pickNext}). While
     * held, readers on another thread (snapshots, {@code /proc/sched_debug}) never call into the
     * class: its own queues may be half updated and its code must not run on a second thread, so
     * its {@link RunQueue#classQueues() queue} is the kernel's account of the CPU's queued tasks in
     * enqueue order, as the class's default {@code dump} shows it (sched_ext's bypass mode
     * likewise falls back to the kernel's own FIFOs while the BPF scheduler cannot be trusted).
     *
     * @param held whether the machine's code is stopped in a debugger
     */
    public void holdClassCode(boolean held) {
        classCodeHeld = held;
    }

    /** @return process creation ({@code kernel/fork.c}): fork, clone and launching programs */
    public Fork fork() {
        return fork;
    }

    /** @return process exit and wait ({@code kernel/exit.c}) */
    public Exit exit() {
        return exit;
    }

    /** @return signals ({@code kernel/signal.c}): kill and the fatal signals' default action */
    public Signals signals() {
        return signals;
    }

    /** @return the scheduling system calls ({@code kernel/sched/syscalls.c}) */
    public SchedSyscalls syscalls() {
        return syscalls;
    }

    /** @return resource usage and CPU-time clocks ({@code kernel/sys.c}, {@code kernel/time/posix-cpu-timers.c}) */
    public Sys sys() {
        return sys;
    }

    /** @return the system-call entry and exit of workload code and its blocking calls */
    public SyscallEntry entry() {
        return entry;
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

    void enqueueTask(RunQueue rq, Task p, int flags) {
        p.schedClass.enqueueTask(rq, p, flags);
        rq.nrRunning++;
        p.onRq = true;
    }

    void dequeueTask(RunQueue rq, Task p, int flags) {
        p.schedClass.dequeueTask(rq, p, flags);
        rq.nrRunning--;
        p.onRq = false;
    }

    /** Wake-up side of enqueue: starts the task's run-delay clock ({@code sched_info_enqueue}). */
    void activateTask(RunQueue rq, Task p, int flags) {
        if (p.lastQueued < 0) {
            p.lastQueued = engine.now();
        }
        enqueueTask(rq, p, flags);
    }

    void deactivateTask(RunQueue rq, Task p, int flags) {
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
                    .field("runtime", delta).field("vruntime", curr.se.vruntime).emit();
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
    void checkPreemptCurr(RunQueue rq, Task p) {
        Task curr = rq.curr;
        if (curr.idleTask || p.schedClass.rank < curr.schedClass.rank) {
            resched(rq);
        } else if (p.schedClass == curr.schedClass) {
            p.schedClass.checkPreemptCurr(rq, p);
        }
    }

    /** Sets a task's CPU, counting and tracing the migration ({@code set_task_cpu}). */
    void setTaskCpu(Task p, int cpu) {
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

    /**
     * Queues work of a class to run once the CPU's current scheduling operation is done
     * ({@code queue_balance_callback}): after {@code schedule()} switched tasks, after a policy or
     * priority change. A callback already queued is not queued twice.
     */
    void queueBalanceCallback(RunQueue rq, BalanceCallback callback) {
        if (callback.queued) {
            return;
        }
        callback.queued = true;
        callback.next = rq.balanceCallback;
        rq.balanceCallback = callback;
    }

    /** Runs the CPU's queued balance callbacks, last queued first ({@code __balance_callbacks}). */
    void balanceCallbacks(RunQueue rq) {
        while (rq.balanceCallback != null) {
            BalanceCallback callback = rq.balanceCallback;
            rq.balanceCallback = callback.next;
            callback.next = null;
            callback.queued = false;
            callback.run(rq);
        }
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
                    entry.stopWork(rq, prev);
                    prev.onCpu = false;
                    movedOff = true;
                    moveQueuedTask(prev, rq, rqs[dst]);
                }
            }
            if (prev.onRq && prev.cpu == rq.cpu) {
                prev.schedClass.putPrevTask(rq, prev);
            }
        }
        Task next = pickNextTask(rq, prev);
        if (next != prev) {
            contextSwitch(rq, prev, next, voluntary);
        } else if (!next.idleTask) {
            if (movedOff) {
                next.onCpu = true;
                entry.startWork(rq, next);
            }
            next.schedClass.setNextTask(rq, next, true);
        }
        balanceCallbacks(rq);
        currentCpu = savedCpu;
    }

    private Task pickNextTask(RunQueue rq, Task prev) {
        for (SchedClass c : classes) {
            c.balance(rq, prev);
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
                entry.stopWork(rq, prev);
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
        next.schedClass.setNextTask(rq, next, true);
        if (!rq.tick.isScheduled()) {
            engine.scheduleInOrder(rq.tick, (now / tickNs + 1) * tickNs);
        }
        entry.startWork(rq, next);
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
    void block(Task t, TaskState state, long wakeAtNs) {
        t.state = state;
        t.workRemaining = 0;
        if (wakeAtNs >= 0) {
            engine.schedule(t.wakeTimer, wakeAtNs);
        }
        schedule(rqs[t.cpu]);
    }

    /**
     * {@code try_to_wake_up}: picks a CPU with the task's class, enqueues it there and checks
     * preemption; also the task's wake-up timer's handler.
     */
    void tryToWakeUp(Task p) {
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
        p.schedClass.taskWoken(rq, p);
    }

    /**
     * Sets the effective priority, the fair load weight and the class from the policy and the
     * static and RT priorities ({@code __setscheduler_prio}, {@code set_load_weight}).
     */
    void setPrioAndClass(Task t) {
        t.prio = t.policy.isRealTime() ? RtRunQueue.MAX_RT_PRIO - 1 - t.rtPriority : t.staticPrio;
        t.se.loadWeight = FairSchedClass.weightFor(t.policy, t.staticPrio);
        for (SchedClass c : classes) {
            if (c.serves(t.policy)) {
                t.schedClass = c;
                return;
            }
        }
        throw new IllegalStateException("no scheduling class serves " + t.policy);
    }

    /** @return whether the task counts for {@link #userTasksAlive()}: not init, not a kernel thread */
    static boolean isUserTask(Task t) {
        return !t.kernelThread && t.pid != 1;
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
}
