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
import kernellab.core.fs.SeqFiles;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.Page;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;
import kernellab.core.task.UserSyscalls;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.internal.Messages;
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
 *
 * <p>The memory commands ({@code mmap}, {@code munmap}, {@code mprotect}, {@code brk},
 * {@code touch}, {@code malloc}, {@code free}) act on the <em>current process</em>, as a
 * debugger injecting the call would: the process {@code exec} or {@code fork} started last, or
 * the one chosen with {@code pid PID}. Their lines start with {@code [pid N]} as {@code strace -f}
 * prints other processes' calls.
 */
public final class SyscallShell {

    /** One line of {@code help}: the command's syntax and what it does. */
    private record Help(String syntax, String text) {
    }

    private static final Map<String, Help> COMMANDS = new LinkedHashMap<>();

    static {
        help("exec", "PROGRAM [--comm C] [--policy P] [--priority N] [--weight W] [--nice N] [--affinity CPUS] [--uid U] [ARG...]",
                "start a process running a workload class or a built-in behaviour; it becomes the current process");
        help("fork", "PID", "fork(2) on behalf of PID: the child runs the same program from its start and becomes the current process");
        help("kill", "PID [SIG]", "kill(2) with the signal's default action; SIG is a name (TERM, SIGKILL) or a number, SIGTERM by default");
        help("ps", "", "list the tasks");
        help("pid", "[PID]", "show the current process, or make PID the current one");
        help("setweight", "PID W", "sched_setweight(2): SCHED_WRR weight 1-20");
        help("sched_setscheduler", "PID POLICY [PRIO]", "sched_setscheduler(2)");
        help("mmap", "ADDR LEN PROT FLAGS [FD OFF]",
                "mmap(2) in the current process; ADDR 0 or NULL lets the kernel choose, PROT like PROT_READ|PROT_WRITE,"
                        + " FLAGS like MAP_PRIVATE|MAP_ANONYMOUS");
        help("munmap", "ADDR LEN", "munmap(2) in the current process");
        help("open", "PATH [FLAGS]", "open(2) in the current process, for mmap's FD; FLAGS like O_RDWR|O_CREAT, O_RDONLY by default");
        help("write", "FD TEXT", "write(2) TEXT (\\n for a newline) to FD in the current process");
        help("close", "FD", "close(2) in the current process; a mapping keeps its file");
        help("mprotect", "ADDR LEN PROT", "mprotect(2) in the current process");
        help("brk", "[ADDR]", "brk(2) in the current process; without ADDR it shows the break");
        help("touch", "ADDR [r|w]", "read (default) or write the byte at ADDR as the current process would: the page fault it"
                + " takes (demand paging, copy-on-write) and the page frame");
        help("malloc", "SIZE", "malloc(3) in the current process, with glibc's heap layout");
        help("free", "PTR", "free(3) in the current process; a bad pointer aborts it as glibc does");
        help("pmap", "[-x|-d|-X|-XX] PID",
                "pmap(1): the process's mappings (-x with RSS and Dirty, -d with offsets and devices, -X and -XX with the smaps fields)");
        help("pagewalk", "PID ADDR", "walk PID's page tables for ADDR: each level's entry and what the MMU finds");
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
        help("echo", "TEXT > FILE", "write TEXT and a newline to a file of /proc as root, e.g. echo 500000 > /proc/sys/kernel/sched_rt_runtime_us");
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
    private final UserMemoryCommands userMemory;
    /** The pid the memory commands act on, 0 before exec, fork or pid chose one. */
    private int current;
    /**
     * Whether a command runs: what tasks and the kernel print goes to the shell's output only
     * then (under serve the machine also runs between commands, and the client gets that output
     * from its own notifications).
     */
    private boolean executing;

    /**
     * @param sim the machine
     * @param workloads where workload classes come from
     * @param out where results go
     */
    public SyscallShell(Simulation sim, Workloads workloads, PrintWriter out) {
        this.sim = sim;
        this.workloads = workloads;
        this.out = out;
        sim.addOutputListener((task, text) -> {
            if (executing) {
                Units.printTaskOutput(out, task, text);
            }
        });
        sim.addLogConsole(r -> {
            if (executing) {
                out.println(r.dmesgLine());
            }
        });
        this.userMemory = new UserMemoryCommands(sim, out);
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
        executing = true;
        try {
            switch (cmd) {
                case "exec" -> exec(args);
                case "fork" -> fork(args);
                case "kill" -> kill(args);
                case "ps" -> ps(args);
                case "pid" -> pid(args);
                case "setweight" -> setweight(args);
                case "sched_setscheduler" -> setscheduler(args);
                case "mmap" -> userMemory.mmap(process(cmd), args);
                case "munmap" -> userMemory.munmap(process(cmd), args);
                case "open" -> userMemory.open(process(cmd), args);
                case "write" -> userMemory.write(process(cmd), args);
                case "close" -> userMemory.close(process(cmd), args);
                case "mprotect" -> userMemory.mprotect(process(cmd), args);
                case "brk" -> userMemory.brk(process(cmd), args);
                case "touch" -> userMemory.touch(process(cmd), args);
                case "malloc" -> userMemory.malloc(process(cmd), args);
                case "free" -> userMemory.free(process(cmd), args);
                case "pmap" -> pmap(args);
                case "pagewalk" -> userMemory.pagewalk(args);
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
                case "echo" -> echo(args);
                case "slabtop" -> {
                    arity(cmd, args, 0, 0);
                    print(cmd);
                }
                case "help" -> help(args);
                default -> throw new ShellException(Messages.commandNotFound(cmd));
            }
        } finally {
            executing = false;
            out.flush();
        }
    }

    // ------------------------------------------------------------------ arguments

    /**
     * Checks the number of arguments.
     *
     * @param cmd the command
     * @param args its arguments
     * @param min fewest
     * @param max most
     * @throws ShellException with the command's usage
     */
    static void arity(String cmd, List<String> args, int min, int max) throws ShellException {
        if (args.size() < min || args.size() > max) {
            throw new ShellException(Messages.usage(cmd, COMMANDS.get(cmd).syntax()));
        }
    }

    static int integer(String cmd, String what, String text) throws ShellException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ShellException(Messages.notANumber(cmd, what, text));
        }
    }

    /** Parses an address: {@code 0x…} in hex, or decimal. */
    static long address(String cmd, String text) throws ShellException {
        try {
            return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new ShellException(Messages.notAnAddress(cmd, text));
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
        throw new ShellException(Messages.unknownGfpFlag(cmd, name));
    }

    private static Policy policy(String cmd, String text) throws ShellException {
        try {
            return Units.parsePolicy(text);
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError(cmd, e.getMessage()));
        }
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /**
     * Prints a failed system call's strace line and fails the command.
     *
     * @param out where the shell prints
     * @param call the call as strace shows it
     * @param e its error
     * @return the exception to throw
     */
    static ShellException failed(PrintWriter out, String call, Errno e) {
        out.println(call + " = -1 " + e.symbol() + " (" + Errno.strerror(e.errno()) + ")");
        return new ShellException(Messages.callFailed(call, e.symbol()));
    }

    private ShellException failed(String call, Errno e) {
        return failed(out, call, e);
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
                default -> throw new ShellException(Messages.unknownOption("exec", a));
            }
        }
        WorkloadSpec spec = new WorkloadSpec(program, comm, 1, policy, priority, weight, nice, affinity, uid, argv);
        List<Task> started;
        try {
            started = sim.launch(List.of(spec), workloads);
        } catch (WorkloadException | IllegalArgumentException e) {
            throw new ShellException(Messages.shellError("exec", e.getMessage()));
        }
        for (Task t : started) {
            programs.put(t.pid(), spec);
            out.println("[" + t.pid() + "] " + t.comm());
            if (sim.kernel().vm().mm(t) != null) {
                current = t.pid();
            }
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
            throw new ShellException(Messages.programUnknown(pid));
        }
        TaskSpec code;
        try {
            code = workloads.taskSpecs(program).get(0);
        } catch (WorkloadException e) {
            throw new ShellException(Messages.shellError("fork", e.getMessage()));
        }
        Workload w = code.workload();
        Task child = scheduler().fork().copyProcess(parent, false, w == null ? code.synthetic().newBehaviour() : null,
                w == null ? null : UserSyscalls.body(scheduler(), w, sim.kernel()::output));
        scheduler().fork().wakeUpNewTask(child);
        programs.put(child.pid(), program);
        current = child.pid();
        out.println(call + " = " + child.pid());
    }

    private void kill(List<String> args) throws ShellException {
        arity("kill", args, 1, 2);
        int pid = integer("kill", "the pid", args.get(0));
        int sig;
        try {
            sig = args.size() == 2 ? SyscallNames.parseSignal(args.get(1)) : Signal.SIGTERM.number();
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError("kill", e.getMessage()));
        }
        String call = "kill(" + pid + ", " + SyscallNames.signal(sig) + ")";
        Task target = scheduler().task(pid);
        boolean alive = target != null && target.exitTime() < 0;
        try {
            scheduler().signals().kill(scheduler().init(), pid, sig);
        } catch (Errno e) {
            throw failed(call, e);
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError("kill", e.getMessage()));
        }
        out.println(call + " = 0");
        if (alive && target.exitTime() >= 0) {
            UserMemoryCommands.printKilled(out, target, SyscallNames.signal(sig));
        }
    }

    /**
     * The current process for a memory command.
     *
     * @param cmd the command
     * @return the live process
     * @throws ShellException if there is none, or it has exited
     */
    private Task process(String cmd) throws ShellException {
        if (current == 0) {
            throw new ShellException(Messages.noCurrentProcess(cmd));
        }
        Task t = scheduler().task(current);
        if (t == null || t.exitTime() >= 0) {
            throw new ShellException(Messages.currentProcessExited(cmd, current));
        }
        return t;
    }

    private void pid(List<String> args) throws ShellException {
        arity("pid", args, 0, 1);
        if (!args.isEmpty()) {
            int pid = integer("pid", "the pid", args.get(0));
            Task t = scheduler().task(pid);
            if (t == null || t.isIdleTask()) {
                throw new ShellException(Messages.noSuchProcess(pid));
            }
            if (sim.kernel().vm().mm(t) == null) {
                throw new ShellException(Messages.noAddressSpace(pid, t.comm()));
            }
            current = t.tgid();
        }
        Task t = current == 0 ? null : scheduler().task(current);
        out.println(current == 0 ? Messages.noCurrentProcessYet()
                : Messages.currentProcess(current, t == null ? null : t.comm()));
    }

    private void ps(List<String> args) throws ShellException {
        arity("ps", args, 0, 0);
        out.println("  PID  PPID CLS PRI  NI  WT PSR S      TIME COMMAND");
        for (Task t : scheduler().tasks()) {
            long us = t.sumExecRuntime() / 1000;
            out.println(String.format(Locale.ROOT, "%5d %5d %3s %3d %3d %3d %3d %c %5d.%03d %s", t.pid(), t.ppid(), cls(t.policy()),
                    t.prio(), t.nice(), t.weight(), t.cpu(), t.state().letter(), us / 1000, us % 1000, t.comm()));
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
            scheduler().syscalls().setWeight(scheduler().init(), pid, weight);
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
            scheduler().syscalls().setScheduler(scheduler().init(), pid, policy, prio);
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
            throw new ShellException(Messages.callReturnedNull(call));
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
            throw new ShellException(Messages.shellError(cmd, Messages.noSlabCache(name)));
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
            throw new ShellException(Messages.callFailed(call, e.symbol()));
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
            throw new ShellException(Messages.callReturnedNull(call));
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
            throw new ShellException(Messages.callReturnedNull(call));
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
            throw new ShellException(Messages.shellError("run", e.getMessage()));
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
        print(args.get(0));
    }

    /**
     * {@code echo TEXT > FILE} for the writable kernel files (the sysctls of /proc/sys, the THP mode of /sys): the
     * file's handler takes the text; a refused value is bash's {@code write error}.
     */
    private void echo(List<String> args) throws ShellException {
        int redirect = args.indexOf(">");
        if (redirect < 0 || redirect != args.size() - 2 || !SeqFiles.covers(args.get(redirect + 1))) {
            throw new ShellException(Messages.usage("echo", COMMANDS.get("echo").syntax()));
        }
        String file = args.get(redirect + 1);
        try {
            sim.kernel().procFs().write(file, String.join(" ", args.subList(0, redirect)) + "\n");
        } catch (Errno e) {
            String line = Messages.shellError("echo", e.errno() == Errno.ENOENT ? e.getMessage() : "write error: " + e.getMessage());
            out.println(line);
            throw new ShellException(line);
        }
    }

    private void pmap(List<String> args) throws ShellException {
        arity("pmap", args, 1, 2);
        if (args.size() == 2 && !List.of("-x", "-d", "-X", "-XX").contains(args.get(0))) {
            arity("pmap", args, 0, 0);
        }
        integer("pmap", "the pid", args.get(args.size() - 1));
        print("pmap " + String.join(" ", args));
    }

    /** Prints a file or a tool's output ({@link Simulation#readFile}); an error is printed as cat or the tool prints it. */
    private void print(String file) throws ShellException {
        try {
            out.print(sim.readFile(file));
        } catch (Errno e) {
            String line = Simulation.readError(file, e);
            out.println(line);
            throw new ShellException(line);
        }
    }

    private void help(List<String> args) throws ShellException {
        arity("help", args, 0, 0);
        for (Map.Entry<String, Help> c : COMMANDS.entrySet()) {
            String usage = c.getKey() + (c.getValue().syntax().isEmpty() ? "" : " " + c.getValue().syntax());
            out.println(usage);
            out.println("        " + c.getValue().text());
        }
        out.println();
        out.println(Messages.shellRule());
    }
}
