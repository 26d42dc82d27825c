package kernellab.runner.internal.shell;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.api.Policy;
import kernellab.api.Workload;
import kernellab.core.TaskSpec;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.Page;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.task.UserSyscalls;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.internal.sim.WorkloadException;
import kernellab.runner.internal.sim.Workloads;
import kernellab.runner.protocol.WorkloadSpec;

/**
 * A shell of system calls on a live simulated machine: one command per line, each printing its
 * result as {@code strace} would ({@code sched_setweight(7, 3) = 0}, or
 * {@code = -1 ESRCH (No such process)}), the kernel's allocations with their addresses, or a
 * file. Commands run with the machine stopped; {@code run} and {@code step} let time pass. The
 * commands act as root (uid 0), on behalf of init.
 */
public final class SyscallShell {

    /** One line of {@code help}: the command's syntax and what it does. */
    private record Help(String syntax, String text) {
    }

    private static final Map<String, Help> COMMANDS = new LinkedHashMap<>();

    static {
        help("exec", "PROGRAM [--comm C] [--policy P] [--priority N] [--weight W] [--nice N] [--affinity CPUS] [--uid U] [ARG...]",
                "start a process running a workload class or a built-in behaviour");
        help("fork", "PID", "fork(2) on behalf of PID: the child runs the same program from its start");
        help("ps", "", "list the tasks");
        help("setweight", "PID W", "sched_setweight(2): SCHED_WRR weight 1-20");
        help("sched_setscheduler", "PID POLICY [PRIO]", "sched_setscheduler(2)");
        help("kmalloc", "SIZE [GFP]", "kmalloc(); GFP defaults to GFP_KERNEL");
        help("kfree", "ADDR", "kfree()");
        help("kmem_cache_create", "NAME SIZE [ALIGN [FLAGS]]", "create a slab cache");
        help("kmem_cache_alloc", "NAME [GFP]", "allocate an object from a cache");
        help("kmem_cache_free", "NAME ADDR", "free an object into its cache");
        help("kmem_cache_destroy", "NAME", "destroy a cache");
        help("alloc_pages", "ORDER [GFP]", "allocate 2^ORDER pages from the buddy allocator");
        help("free_pages", "ADDR ORDER", "free pages by their address");
        help("run", "DURATION", "let the machine run, e.g. run 100ms");
        help("step", "[N]", "process N engine events (default 1) and print the trace events they emitted");
        help("cat", "FILE", "print a /proc file, e.g. cat /proc/sched_debug");
        help("slabtop", "", "slabtop --once");
        help("help", "", "this list");
    }

    private static void help(String name, String syntax, String text) {
        COMMANDS.put(name, new Help(syntax, text));
    }

    private final Simulation sim;
    private final Workloads workloads;
    private final PrintWriter out;
    private final Map<Integer, WorkloadSpec> programs = new HashMap<>();

    /**
     * @param sim the machine
     * @param workloads where workload classes come from
     * @param out where results go
     */
    public SyscallShell(Simulation sim, Workloads workloads, PrintWriter out) {
        this.sim = sim;
        this.workloads = workloads;
        this.out = out;
        sim.addOutputListener((task, text) -> Units.printTaskOutput(out, task, text));
        sim.addLogConsole(r -> out.println(r.dmesgLine()));
    }

    /** @return the command names, for completion */
    public static List<String> commandNames() {
        return List.copyOf(COMMANDS.keySet());
    }

    /**
     * Runs one command line; blank lines and lines starting with {@code #} do nothing.
     *
     * @param line the command
     * @throws ShellException if the command is unknown or malformed, or its system call failed
     */
    public void execute(String line) throws ShellException {
        List<String> words = List.of(line.trim().split("\\s+"));
        if (words.get(0).isEmpty() || words.get(0).startsWith("#")) {
            return;
        }
        String cmd = words.get(0);
        List<String> args = words.subList(1, words.size());
        try {
            switch (cmd) {
                case "exec" -> exec(args);
                case "fork" -> fork(args);
                case "ps" -> ps(args);
                case "setweight" -> setweight(args);
                case "sched_setscheduler" -> setscheduler(args);
                case "kmalloc" -> kmalloc(args);
                case "kfree" -> kfree(args);
                case "kmem_cache_create" -> cacheCreate(args);
                case "kmem_cache_alloc" -> cacheAlloc(args);
                case "kmem_cache_free" -> cacheFree(args);
                case "kmem_cache_destroy" -> cacheDestroy(args);
                case "alloc_pages" -> allocPages(args);
                case "free_pages" -> freePages(args);
                case "run" -> run(args);
                case "step" -> step(args);
                case "cat" -> cat(args);
                case "slabtop" -> print(args, 0, 0, "slabtop");
                case "help" -> help(args);
                default -> throw new ShellException(cmd + ": command not found (try help)");
            }
        } finally {
            out.flush();
        }
    }

    // ------------------------------------------------------------------ arguments

    private static void arity(String cmd, List<String> args, int min, int max) throws ShellException {
        if (args.size() < min || args.size() > max) {
            throw new ShellException("usage: " + cmd + " " + COMMANDS.get(cmd).syntax());
        }
    }

    private static int integer(String cmd, String what, String text) throws ShellException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ShellException(cmd + ": " + what + " must be a number: '" + text + "'");
        }
    }

    private static long address(String cmd, String text) throws ShellException {
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new ShellException(cmd + ": not an address: '" + text + "'");
        }
    }

    /** Parses {@code GFP_KERNEL|__GFP_ZERO}: names of the constants of {@link Gfp}, or a number. */
    private static int gfp(String cmd, List<String> args, int index) throws ShellException {
        if (args.size() <= index) {
            return Gfp.GFP_KERNEL;
        }
        int flags = 0;
        for (String name : args.get(index).split("\\|")) {
            flags |= gfpFlag(cmd, name);
        }
        return flags;
    }

    private static int gfpFlag(String cmd, String name) throws ShellException {
        if (name.startsWith("0x")) {
            return (int) address(cmd, name);
        }
        try {
            Field f = Gfp.class.getField(name);
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                return f.getInt(null);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            // not a flag name
        }
        throw new ShellException(cmd + ": unknown GFP flag '" + name + "'");
    }

    private static Policy policy(String cmd, String text) throws ShellException {
        try {
            return Units.parsePolicy(text);
        } catch (IllegalArgumentException e) {
            throw new ShellException(cmd + ": " + e.getMessage());
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Prints a failed system call's strace line and fails the command. */
    private ShellException failed(String call, Errno e) {
        out.println(call + " = -1 " + e.symbol() + " (" + Errno.strerror(e.errno()) + ")");
        return new ShellException(call + " failed with " + e.symbol());
    }

    private Scheduler scheduler() {
        return sim.kernel().scheduler();
    }

    private PhysicalMemory memory() {
        return sim.memory();
    }

    // ------------------------------------------------------------------ processes

    private void exec(List<String> args) throws ShellException {
        if (args.isEmpty()) {
            arity("exec", args, 1, Integer.MAX_VALUE);
        }
        String program = args.get(0);
        String comm = null;
        Policy policy = null;
        int priority = 0;
        Integer weight = null;
        Integer nice = null;
        String affinity = null;
        Integer uid = null;
        List<String> argv = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || i + 1 == args.size()) {
                argv.add(a);
                continue;
            }
            String v = args.get(++i);
            switch (a) {
                case "--comm" -> comm = v;
                case "--policy" -> policy = policy("exec", v);
                case "--priority" -> priority = integer("exec", "the priority", v);
                case "--weight" -> weight = integer("exec", "the weight", v);
                case "--nice" -> nice = integer("exec", "the nice value", v);
                case "--affinity" -> affinity = v;
                case "--uid" -> uid = integer("exec", "the uid", v);
                default -> throw new ShellException("exec: unknown option " + a);
            }
        }
        WorkloadSpec spec = new WorkloadSpec(program, comm, 1, policy, priority, weight, nice, affinity, uid, argv);
        List<Task> started;
        try {
            started = sim.launch(List.of(spec), workloads);
        } catch (WorkloadException | IllegalArgumentException e) {
            throw new ShellException("exec: " + e.getMessage());
        }
        for (Task t : started) {
            programs.put(t.pid(), spec);
            out.println("[" + t.pid() + "] " + t.comm());
        }
    }

    private void fork(List<String> args) throws ShellException {
        arity("fork", args, 1, 1);
        int pid = integer("fork", "the pid", args.get(0));
        Task parent = scheduler().task(pid);
        WorkloadSpec program = programs.get(pid);
        String call = "[pid " + pid + "] fork()";
        if (parent == null || parent.exitTime() >= 0) {
            throw failed(call, new Errno(Errno.ESRCH));
        }
        if (program == null) {
            throw new ShellException("fork: " + pid + " was not started from this shell; its program is unknown");
        }
        TaskSpec code;
        try {
            code = workloads.taskSpecs(program).get(0);
        } catch (WorkloadException e) {
            throw new ShellException("fork: " + e.getMessage());
        }
        Workload w = code.workload();
        Task child = scheduler().copyProcess(parent, false, w == null ? code.synthetic().newBehaviour() : null,
                w == null ? null : UserSyscalls.body(scheduler(), w, (task, text) -> Units.printTaskOutput(out, task, text)));
        scheduler().wakeUpNewTask(child);
        programs.put(child.pid(), program);
        out.println(call + " = " + child.pid());
    }

    private void ps(List<String> args) throws ShellException {
        arity("ps", args, 0, 0);
        out.println("  PID  PPID CLS PRI  NI  WT PSR S      TIME COMMAND");
        for (Task t : scheduler().tasks()) {
            long us = t.sumExecRuntime() / 1000;
            out.println(String.format(Locale.ROOT, "%5d %5d %3s %3d %3d %3d %3d %c %5d.%03d %s", t.pid(), t.ppid(), cls(t.policy()),
                    t.prio(), t.nice(), t.wrrWeight(), t.cpu(), t.state().letter(), us / 1000, us % 1000, t.comm()));
        }
    }

    /** The CLS column of {@code ps}, with WRR for the lab's class. */
    private static String cls(Policy p) {
        return switch (p) {
            case SCHED_NORMAL -> "TS";
            case SCHED_FIFO -> "FF";
            case SCHED_RR -> "RR";
            case SCHED_BATCH -> "B";
            case SCHED_IDLE -> "IDL";
            case SCHED_WRR -> "WRR";
        };
    }

    private void setweight(List<String> args) throws ShellException {
        arity("setweight", args, 2, 2);
        int pid = integer("setweight", "the pid", args.get(0));
        int weight = integer("setweight", "the weight", args.get(1));
        String call = "sched_setweight(" + pid + ", " + weight + ")";
        try {
            scheduler().setWeight(scheduler().init(), pid, weight);
        } catch (Errno e) {
            throw failed(call, e);
        }
        out.println(call + " = 0");
    }

    private void setscheduler(List<String> args) throws ShellException {
        arity("sched_setscheduler", args, 2, 3);
        int pid = integer("sched_setscheduler", "the pid", args.get(0));
        Policy policy = policy("sched_setscheduler", args.get(1));
        int prio = args.size() == 3 ? integer("sched_setscheduler", "the priority", args.get(2)) : 0;
        String call = "sched_setscheduler(" + pid + ", " + policy + ", " + prio + ")";
        try {
            scheduler().setScheduler(scheduler().init(), pid, policy, prio);
        } catch (Errno e) {
            throw failed(call, e);
        }
        out.println(call + " = 0");
    }

    // ------------------------------------------------------------------ kernel memory

    private void kmalloc(List<String> args) throws ShellException {
        arity("kmalloc", args, 1, 2);
        long size = integer("kmalloc", "the size", args.get(0));
        int gfp = gfp("kmalloc", args, 1);
        long p = memory().slab().kmalloc(size, gfp);
        String call = "kmalloc(" + size + ", " + Gfp.describe(gfp) + ")";
        if (p == 0) {
            out.println(call + " = NULL");
            throw new ShellException(call + " failed");
        }
        out.println(call + " = " + hex(p));
    }

    private void kfree(List<String> args) throws ShellException {
        arity("kfree", args, 1, 1);
        long p = address("kfree", args.get(0));
        memory().slab().kfree(p);
        out.println("kfree(" + hex(p) + ")");
    }

    private KmemCache cache(String cmd, String name) throws ShellException {
        KmemCache c = memory().slab().find(name);
        if (c == null) {
            throw new ShellException(cmd + ": no slab cache " + name);
        }
        return c;
    }

    private void cacheCreate(List<String> args) throws ShellException {
        arity("kmem_cache_create", args, 2, 4);
        String name = args.get(0);
        int size = integer("kmem_cache_create", "the size", args.get(1));
        int align = args.size() > 2 ? integer("kmem_cache_create", "the alignment", args.get(2)) : 0;
        int flags = args.size() > 3 ? (int) address("kmem_cache_create", args.get(3)) : 0;
        String call = "kmem_cache_create(\"" + name + "\", " + size + ", " + align + ", " + hex(flags) + ", NULL)";
        try {
            memory().slab().createCache(name, size, align, flags, null);
        } catch (Errno e) {
            out.println(call + " = NULL");
            throw new ShellException(call + " failed with " + e.symbol());
        }
        out.println(call + " = " + name);
    }

    private void cacheAlloc(List<String> args) throws ShellException {
        arity("kmem_cache_alloc", args, 1, 2);
        KmemCache c = cache("kmem_cache_alloc", args.get(0));
        int gfp = gfp("kmem_cache_alloc", args, 1);
        long p = memory().slab().cacheAlloc(c, gfp);
        String call = "kmem_cache_alloc(" + c.name() + ", " + Gfp.describe(gfp) + ")";
        if (p == 0) {
            out.println(call + " = NULL");
            throw new ShellException(call + " failed");
        }
        out.println(call + " = " + hex(p));
    }

    private void cacheFree(List<String> args) throws ShellException {
        arity("kmem_cache_free", args, 2, 2);
        KmemCache c = cache("kmem_cache_free", args.get(0));
        long p = address("kmem_cache_free", args.get(1));
        memory().slab().cacheFree(c, p);
        out.println("kmem_cache_free(" + c.name() + ", " + hex(p) + ")");
    }

    private void cacheDestroy(List<String> args) throws ShellException {
        arity("kmem_cache_destroy", args, 1, 1);
        KmemCache c = cache("kmem_cache_destroy", args.get(0));
        int r = memory().slab().destroyCache(c);
        String call = "kmem_cache_destroy(" + c.name() + ")";
        if (r < 0) {
            throw failed(call, new Errno(-r));
        }
        out.println(call + " = 0");
    }

    private void allocPages(List<String> args) throws ShellException {
        arity("alloc_pages", args, 1, 2);
        int order = integer("alloc_pages", "the order", args.get(0));
        int gfp = gfp("alloc_pages", args, 1);
        String call = "alloc_pages(" + Gfp.describe(gfp) + ", " + order + ")";
        if (order < 0 || order > PhysicalMemory.MAX_ORDER) {
            throw failed(call, new Errno(Errno.EINVAL));
        }
        Page p = memory().allocPages(gfp, order);
        if (p == null) {
            out.println(call + " = NULL");
            throw new ShellException(call + " failed");
        }
        out.println(call + " = pfn " + hex(p.pfn()) + " at " + hex(PhysicalMemory.pageAddress(p)));
    }

    private void freePages(List<String> args) throws ShellException {
        arity("free_pages", args, 2, 2);
        long p = address("free_pages", args.get(0));
        int order = integer("free_pages", "the order", args.get(1));
        memory().freePages(p, order);
        out.println("free_pages(" + hex(p) + ", " + order + ")");
    }

    // ------------------------------------------------------------------ time and files

    private void run(List<String> args) throws ShellException {
        arity("run", args, 1, 1);
        long ns;
        try {
            ns = Units.parseDuration(args.get(0));
        } catch (IllegalArgumentException e) {
            throw new ShellException("run: " + e.getMessage());
        }
        sim.advance(sim.now() + ns);
    }

    private void step(List<String> args) throws ShellException {
        arity("step", args, 0, 1);
        int n = args.isEmpty() ? 1 : integer("step", "the number of events", args.get(0));
        long from = sim.recorder().lastSequence();
        for (int i = 0; i < n; i++) {
            sim.stepEngine();
        }
        for (TraceEvent e : sim.recorder().eventsAfter(from, Integer.MAX_VALUE)) {
            out.println(e);
        }
    }

    private void cat(List<String> args) throws ShellException {
        arity("cat", args, 1, 1);
        print(args, 1, 1, args.get(0));
    }

    private void print(List<String> args, int min, int max, String file) throws ShellException {
        if (args.size() < min || args.size() > max) {
            throw new ShellException("usage: " + file);
        }
        try {
            out.print(sim.readFile(file));
        } catch (Errno e) {
            out.println("cat: " + e.getMessage());
            throw new ShellException("cat: " + e.getMessage());
        }
    }

    private void help(List<String> args) throws ShellException {
        arity("help", args, 0, 0);
        for (Map.Entry<String, Help> c : COMMANDS.entrySet()) {
            String usage = c.getKey() + (c.getValue().syntax().isEmpty() ? "" : " " + c.getValue().syntax());
            out.println(usage);
            out.println("        " + c.getValue().text());
        }
    }
}
