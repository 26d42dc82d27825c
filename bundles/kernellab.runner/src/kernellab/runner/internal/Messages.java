package kernellab.runner.internal;

/**
 * The runner's user-visible messages in one place: what the syscall shell, the {@code run},
 * {@code shell} and {@code serve} commands and the remote-control server say to people.
 * Formats of kernel and tool outputs (strace lines, /proc files, pmap) are not messages and stay
 * with the code that prints them.
 */
public final class Messages {

    private Messages() {
    }

    // ------------------------------------------------------------------ syscall shell

    /**
     * @param cmd a word that is no command
     * @return the shell's answer
     */
    public static String commandNotFound(String cmd) {
        return cmd + ": command not found (try help)";
    }

    /**
     * @param cmd the command
     * @param syntax its arguments
     * @return the usage line of a malformed command
     */
    public static String usage(String cmd, String syntax) {
        return "usage: " + cmd + (syntax.isEmpty() ? "" : " " + syntax);
    }

    /**
     * @param cmd the command
     * @param what the argument, e.g. "the pid"
     * @param text what was typed
     * @return the error
     */
    public static String notANumber(String cmd, String what, String text) {
        return cmd + ": " + what + " must be a number: '" + text + "'";
    }

    /**
     * @param cmd the command
     * @param text what was typed
     * @return the error
     */
    public static String notAnAddress(String cmd, String text) {
        return cmd + ": not an address: '" + text + "'";
    }

    /**
     * @param cmd the command
     * @param text what was typed
     * @return the error
     */
    public static String notASize(String cmd, String text) {
        return cmd + ": not a length (bytes, 0x… or a number with K, M or G): '" + text + "'";
    }

    /**
     * @param cmd the command
     * @param name the flag
     * @return the error
     */
    public static String unknownGfpFlag(String cmd, String name) {
        return cmd + ": unknown GFP flag '" + name + "'";
    }

    /**
     * @param name a word of a PROT_* or MAP_* argument
     * @return the error (the command is prefixed by the caller)
     */
    public static String unknownFlag(String name) {
        return "unknown flag '" + name + "'";
    }

    /**
     * @param text what was typed as a signal
     * @return the error (the command is prefixed by the caller)
     */
    public static String unknownSignal(String text) {
        return "unknown signal '" + text + "' (a name like TERM or SIGKILL, or a number)";
    }

    /**
     * @param cmd the command
     * @param option what was typed
     * @return the error
     */
    public static String unknownOption(String cmd, String option) {
        return cmd + ": unknown option " + option;
    }

    /**
     * @param call the strace form of the failed call
     * @param errno its error's symbol, e.g. ESRCH
     * @return the error of a command whose system call failed (its strace line is printed already)
     */
    public static String callFailed(String call, String errno) {
        return call + " failed with " + errno;
    }

    /**
     * @param call the strace form of the call that returned NULL
     * @return the error
     */
    public static String callReturnedNull(String call) {
        return call + " failed";
    }

    /**
     * @param pid a process started elsewhere
     * @return why fork cannot copy it
     */
    public static String programUnknown(int pid) {
        return "fork: " + pid + " was not started from this shell; its program is unknown";
    }

    /**
     * @param cmd a memory command
     * @return the error when no process was started or chosen yet
     */
    public static String noCurrentProcess(String cmd) {
        return cmd + ": no current process: exec or fork one, or choose one with pid PID";
    }

    /**
     * @param cmd a memory command
     * @param pid the current process
     * @return the error when it has exited since
     */
    public static String currentProcessExited(String cmd, int pid) {
        return cmd + ": the current process " + pid + " has exited (ESRCH): choose another with pid PID";
    }

    /** @return what {@code pid} prints before any process was started or chosen */
    public static String noCurrentProcessYet() {
        return "no current process";
    }

    /**
     * @param pid the current process
     * @param comm its command name, {@code null} once it was reaped
     * @return what {@code pid} prints
     */
    public static String currentProcess(int pid, String comm) {
        return "current process: " + pid + " (" + (comm == null ? "exited" : comm) + ")";
    }

    /**
     * @param pid a pid that is not a live user process
     * @return why {@code pid PID} refuses it
     */
    public static String noSuchProcess(int pid) {
        return "pid: no process " + pid + " (ESRCH)";
    }

    /**
     * @param pid a process without an address space
     * @param comm its name
     * @return why {@code pid PID} refuses it
     */
    public static String noAddressSpace(int pid, String comm) {
        return "pid: " + pid + " (" + comm + ") has no user address space (a kernel thread, or exited)";
    }

    /**
     * @param call the brk call
     * @param brk the break it left
     * @return the error of a refused brk
     */
    public static String brkRefused(String call, long brk) {
        return String.format("%s did not move the break: it stays at %#x (libc's brk() fails with ENOMEM)", call, brk);
    }

    /**
     * @param cmd the command that killed its process
     * @param pid the process
     * @param signal the signal's name
     * @return the error
     */
    public static String processKilled(String cmd, int pid, String signal) {
        return cmd + ": process " + pid + " was killed by " + signal;
    }

    /**
     * @param cmd the command
     * @param message what went wrong
     * @return the error as a command prints it: {@code cat: /proc/nosuch: No such file or directory}
     */
    public static String shellError(String cmd, String message) {
        return cmd + ": " + message;
    }

    /** @return the line after the command list of {@code help} */
    public static String shellRule() {
        return "mmap, munmap, mprotect, brk, touch, malloc and free act on the current process: the one exec or fork"
                + " started last, or the one chosen with pid PID.";
    }

    /** @return what {@code touch} says when the access needed no fault */
    public static String noFault() {
        return "no fault";
    }

    /**
     * What the fault handler did for {@code touch}, from its {@code page_fault_user} event.
     *
     * @param major whether the page had to be read from the disk
     * @param kind the event's kind: anon_read_zero_page, anon_write, file_read, file_cow,
     *        file_shared_write, wp or spurious
     * @param copiedPfn for a copy-on-write copy, the frame copied (hex), else {@code null}
     * @param reused whether a copy-on-write fault reused the page (no other user had it)
     * @return e.g. {@code minor fault (do_anonymous_page: a new zeroed page)}
     */
    public static String fault(boolean major, String kind, String copiedPfn, boolean reused) {
        String how = switch (kind) {
            case "anon_read_zero_page" -> "do_anonymous_page: the shared zero page, read-only";
            case "anon_write" -> "do_anonymous_page: a new zeroed page";
            case "file_read" -> major ? "do_read_fault: the file's page read from the disk into the page cache"
                    : "do_read_fault: the file's page from the page cache";
            case "file_cow" -> "do_cow_fault: a private copy of the file's page";
            case "file_shared_write" -> "do_shared_fault: the file's page-cache page, writable";
            case "wp" -> copiedPfn != null ? "do_wp_page: copy-on-write, a private copy of page frame " + copiedPfn
                    : reused ? "do_wp_page: copy-on-write, no one else maps the page: reused in place"
                            : "do_wp_page: the shared page made writable";
            default -> "the page table allowed the access already";
        };
        return (major ? "major fault (" : "minor fault (") + how + ")";
    }

    /**
     * @param vma the VMA a page walk's address is in, {@code null} if none
     * @return the line {@code pagewalk} prints for it
     */
    public static String pageWalkVma(String vma) {
        return "VMA: " + (vma == null ? "none" : vma);
    }

    // ------------------------------------------------------------------ command line

    /**
     * @param option an option
     * @param message what is wrong with its value
     * @return picocli's form of the error, naming the option
     */
    public static String invalidValue(String option, String message) {
        return "Invalid value for option '" + option + "': " + message;
    }

    /** @return the error of {@code run} without a workload */
    public static String missingWorkload() {
        return "Missing required option: '--workload=PROGRAM'";
    }

    /** @return the error of {@code kernellab} without a command */
    public static String commandRequired() {
        return "kernellab: a command is required";
    }

    /**
     * @param command run, shell or serve
     * @param message what went wrong
     * @return the line on standard error
     */
    public static String commandError(String command, String message) {
        return "kernellab " + command + ": " + message;
    }

    /**
     * @param reason what failed, starting with the file
     * @return why {@code run} could not write its trace or report
     */
    public static String cannotWriteFile(String reason) {
        return "cannot write " + reason;
    }

    /**
     * @param script the script
     * @return why {@code shell} cannot run it
     */
    public static String cannotReadScript(Object script) {
        return "cannot read " + script;
    }

    /**
     * @param word the first argument
     * @param commands the commands there are
     * @return why {@code kernellab WORD} is refused
     */
    public static String notACommand(String word, java.util.Collection<String> commands) {
        return "kernellab: '" + word + "' is not a command (" + String.join(", ", commands) + ")";
    }

    /**
     * @param command the command's full name, e.g. {@code kernellab run}
     * @return the line after a usage error, pointing to the help
     */
    public static String tryHelp(String command) {
        return "Try '" + command + " --help' for more information.";
    }

    /**
     * @param e the simulator's own failure
     * @return the line before its stack trace
     */
    public static String internalError(Object e) {
        return "internal error (a bug in KernelLab; please report it with the trace below): " + e;
    }

    /**
     * @param file a file or directory given on the command line
     * @return why it cannot be used: it does not exist
     */
    public static String noSuchFile(Object file) {
        return file + ": No such file or directory";
    }

    /**
     * @param file a file given where a directory would not do
     * @return why it cannot be used: it is a directory
     */
    public static String isADirectory(Object file) {
        return file + ": Is a directory";
    }

    /**
     * @param script a shell script that is not text
     * @return bash's words for it
     */
    public static String binaryScript(Object script) {
        return script + ": cannot execute binary file";
    }

    /**
     * @param file an output file
     * @param reason why it cannot be created
     * @return the error, before the run
     */
    public static String cannotCreate(Object file, String reason) {
        return file + ": cannot be created (" + reason + ")";
    }

    /**
     * @param list the CPU list given
     * @param cpus the machine's CPUs
     * @return why {@code sched_setaffinity} would refuse it (EINVAL)
     */
    public static String affinityOffMachine(String list, int cpus) {
        return "'" + list + "' has no CPU of the machine (CPUs 0-" + (cpus - 1) + ")";
    }

    /**
     * @param tasks the tasks asked for
     * @param free the tasks that can still be forked
     * @param maxThreads the machine's threads-max
     * @param pidMax the machine's pid_max
     * @return why the tasks cannot be forked (EAGAIN)
     */
    public static String tooManyTasks(long tasks, int free, int maxThreads, int pidMax) {
        return tasks + " tasks do not fit: at most " + free + " more (threads-max is " + maxThreads + ", from the memory size;"
                + " pid_max is " + pidMax + ")";
    }

    /**
     * @param program a behaviour without an end
     * @return why {@code run} refuses to start
     */
    public static String neverEnds(String program) {
        return "workload '" + program + "' never ends and there is no --duration: add one (e.g. --duration 2s) or give the"
                + " workload an end (e.g. cpu-bound:200ms)";
    }

    /**
     * @param option the --print-at value
     * @param end when the run ended, in seconds
     * @return the warning for a print after the end
     */
    public static String printAtAfterEnd(String option, String end) {
        return "warning: --print-at " + option + " not printed: the run ended at " + end + " s";
    }

    /** @return why a run ended on SIGINT or SIGTERM */
    public static String interrupted() {
        return "interrupted by a signal";
    }

    /**
     * @param limit the size limit, as given
     * @param seconds simulated time when recording stopped
     * @return the warning when the trace reaches its limit
     */
    public static String traceLimitReached(String limit, String seconds) {
        return "warning: the trace reached --trace-limit " + limit + " at " + seconds + " s simulated; recording stopped there"
                + " (the file stays well-formed)";
    }

    /**
     * @param script the script's name, or {@code <stdin>}
     * @param line the failing line's number
     * @param message the command's error
     * @return the line a script's failing command puts on standard error
     */
    public static String scriptError(String script, int line, String message) {
        return commandError("shell", script + ":" + line + ": " + message);
    }

    /** @return the prompt of the interactive shell */
    public static String prompt() {
        return "kernellab> ";
    }

    /** @return the error of a non-positive period */
    public static String mustBePositive() {
        return "must be positive";
    }

    /**
     * @param min lowest allowed
     * @param max highest allowed
     * @param value what was given
     * @return the error of a value out of its range
     */
    public static String outOfRange(long min, long max, long value) {
        return "must be " + min + ".." + max + " but was " + value;
    }

    /**
     * @param min lowest allowed
     * @param max highest allowed
     * @param policy the policy the range is for
     * @param value what was given
     * @return the error of an RT priority out of its range
     */
    public static String outOfRangeFor(long min, long max, Object policy, long value) {
        return "must be " + min + ".." + max + " for " + policy + " but was " + value;
    }

    /**
     * @param min the least allowed
     * @param value what was given
     * @return the error of a value too small
     */
    public static String atLeast(long min, long value) {
        return "must be at least " + min + " but was " + value;
    }

    /**
     * @param value what was given
     * @return the error of a negative value
     */
    public static String notNegative(long value) {
        return "must not be negative but was " + value;
    }

    /**
     * @param choices the allowed values, as {@code [a, b]}
     * @param value what was given
     * @return the error of a value that is none of them
     */
    public static String expectedOneOf(String choices, Object value) {
        return "expected one of " + choices + " but was " + value;
    }

    /**
     * @param bytes what was given
     * @return the error of a bad memory size
     */
    public static String badMemorySize(long bytes) {
        return "must be a multiple of 4K, at least 1M, but was " + bytes + " bytes";
    }

    /** @return the error of a duration option that the kernel keeps in milliseconds */
    public static String wholeMilliseconds() {
        return "must be a whole number of milliseconds, at least 1ms";
    }

    /**
     * @param periodMs the RT period
     * @param runtimeMs the RT runtime
     * @return the error of a runtime longer than its period
     */
    public static String rtRuntimeExceedsPeriod(long periodMs, long runtimeMs) {
        return "must not exceed the RT period (" + periodMs + "ms) but was " + runtimeMs + "ms";
    }

    /** @return the error of --priority for a policy that has none */
    public static String priorityOnlyForRealTime() {
        return "applies to SCHED_FIFO and SCHED_RR only";
    }

    /**
     * @param value what was given
     * @return the error of --print-at without a time
     */
    public static String printAtSyntax(String value) {
        return "expected TIME:FILE, e.g. 500ms:/proc/sched_debug, but was '" + value + "'";
    }

    /**
     * @param text what was given
     * @return the error of a bad duration
     */
    public static String notADuration(String text) {
        return "'" + text + "' is not a duration (a number with ns, us, ms or s, e.g. 100ms)";
    }

    /**
     * @param text what was given
     * @return the error of a duration that overflows
     */
    public static String durationTooLong(String text) {
        return "'" + text + "' is too long a duration";
    }

    /**
     * @param text what was given
     * @return the error of a bad size
     */
    public static String notASize(String text) {
        return "'" + text + "' is not a size (bytes, or a number with K, M or G, e.g. 256M)";
    }

    /**
     * @param text what was given
     * @return the error of a size that overflows
     */
    public static String sizeTooLarge(String text) {
        return "'" + text + "' is too large";
    }

    /**
     * @param text what was given
     * @return the error of a bad CPU list
     */
    public static String notACpuList(String text) {
        return "'" + text + "' is not a CPU list (e.g. 0-2,5)";
    }

    /**
     * @param seconds simulated time reached, in seconds
     * @param events events processed
     * @param perSecond events per second of real time
     * @return the progress line of a long run
     */
    public static String progress(String seconds, long events, double perSecond) {
        return String.format(java.util.Locale.ROOT, "simulated %s s, %d events (%.0f events/s)", seconds, events, perSecond);
    }

    // ------------------------------------------------------------------ workloads and the simulation

    /** The syntax of the built-in behaviours, for help texts and errors. */
    public static final String SYNTHETIC_SYNTAX = "cpu-bound[:TOTAL], io-bound:BURST:IO[:ROUNDS], periodic:PERIOD:WORK[:ROUNDS]";

    /**
     * @param entry a class path entry
     * @return the error of an entry that is no path
     */
    public static String badClassPathEntry(String entry) {
        return "bad class path entry " + entry;
    }

    /** @return why a built-in behaviour's parameters are wrong: too many */
    public static String tooManyParameters() {
        return "too many parameters";
    }

    /** @return why a built-in behaviour's parameters are wrong: not the right count */
    public static String wrongNumberOfParameters() {
        return "wrong number of parameters";
    }

    /** @return why a built-in behaviour is not one */
    public static String unknownBehaviour() {
        return "unknown behaviour";
    }

    /**
     * @param program what was given
     * @param reason what is wrong
     * @return the error of a bad built-in behaviour
     */
    public static String badSyntheticWorkload(String program, String reason) {
        return "bad synthetic workload '" + program + "': " + reason + " (expected " + SYNTHETIC_SYNTAX + ")";
    }

    /**
     * @param className the class
     * @return the error of a class that is nowhere
     */
    public static String workloadNotFound(String className) {
        return "workload class " + className + " cannot be loaded: not found on the class path (give it with --classpath) and"
                + " not a built-in behaviour (" + SYNTHETIC_SYNTAX + ")";
    }

    /**
     * @param className the class
     * @param reason why
     * @return the error of a class that cannot be used
     */
    public static String workloadClass(String className, String reason) {
        return "workload class " + className + " " + reason;
    }

    /**
     * @param e the linkage error
     * @return why the class cannot be loaded
     */
    public static String cannotBeLoaded(Object e) {
        return "cannot be loaded: " + e;
    }

    /**
     * @param className the class given with --sched-class
     * @return that it is not on the class path
     */
    public static String schedClassNotFound(String className) {
        return "scheduling class " + className + " cannot be loaded: not found on the class path (give it with --classpath)";
    }

    /**
     * @param className the class given with --sched-class
     * @param reason why it cannot be used
     * @return the message
     */
    public static String schedClass(String className, String reason) {
        return "scheduling class " + className + ": " + reason;
    }

    /**
     * @param api the interface
     * @return that a class does not implement it
     */
    public static String doesNotImplement(String api) {
        return "does not implement " + api;
    }

    /**
     * @param workload the Workload interface
     * @param module the KernelModule interface
     * @return why the class is no workload
     */
    public static String implementsNeither(String workload, String module) {
        return "implements neither " + workload + " nor " + module;
    }

    /** @return why an abstract class is no workload */
    public static String isAbstract() {
        return "is abstract";
    }

    /** @return why a class without a public no-argument constructor is no workload */
    public static String noDefaultConstructor() {
        return "has no public no-argument constructor";
    }

    /**
     * @param cause what its constructor threw
     * @return why the class could not be instantiated
     */
    public static String constructorThrew(Object cause) {
        return "cannot be created: its constructor threw " + cause;
    }

    /**
     * @param e the reflection error
     * @return why the class could not be instantiated
     */
    public static String cannotBeCreated(Object e) {
        return "cannot be created: " + e;
    }

    /**
     * @param program the workload
     * @param message what is wrong
     * @return the error of a workload spec
     */
    public static String workloadError(String program, String message) {
        return "workload " + program + ": " + message;
    }

    /** @return why a workload's count is wrong */
    public static String countAtLeastOne() {
        return "count must be at least 1";
    }

    /**
     * @param program a kernel module's class
     * @return why it cannot be loaded several times
     */
    public static String moduleLoadedOnce(String program) {
        return "kernel module " + program + " is loaded once: its count must be 1";
    }

    /** @return why a run with {@code --until-exit} ended */
    public static String allExited() {
        return "all workloads exited";
    }

    /** @return why a run ended with no events left */
    public static String nothingLeft() {
        return "nothing left to simulate";
    }

    /** @return why a run with {@code --duration} ended */
    public static String durationReached() {
        return "duration reached";
    }

    // ------------------------------------------------------------------ snapshots and breakpoints

    /**
     * @param name a cache name
     * @return the detail of ENOENT for a missing cache
     */
    public static String noSlabCache(String name) {
        return "no slab cache " + name;
    }

    /**
     * @param pid a pid
     * @return the detail of ESRCH for a missing process
     */
    public static String noProcess(int pid) {
        return "no process " + pid;
    }

    /**
     * @param pid a pid
     * @return the detail of ESRCH for a process without an address space
     */
    public static String processWithoutMm(int pid) {
        return "process " + pid + " has no address space";
    }

    /**
     * @param pfn the frame
     * @param frame who owns it, e.g. "anon page, mapped 1 time"
     * @param writable whether the PTE allows writes
     * @param physical the physical address
     * @return the explanation of a page walk that found a page
     */
    public static String walkMapped(long pfn, String frame, boolean writable, long physical) {
        return String.format("maps page frame 0x%x (%s), %s, physical address 0x%x", pfn, frame, writable ? "writable" : "read-only",
                physical);
    }

    /** @return how a page walk names the zero page and the raw [vvar] and [vvar_vclock] frames */
    public static String specialFrame() {
        return "a special frame (the zero page, [vvar] or [vvar_vclock])";
    }

    /**
     * @param owner the owner, e.g. "anon", "page cache"
     * @param mapcount its mappings
     * @return how a page walk names a page
     */
    public static String ownedFrame(String owner, int mapcount) {
        return owner + " page, mapped " + mapcount + (mapcount == 1 ? " time" : " times");
    }

    /**
     * @param address the address
     * @return the explanation of a page walk outside every VMA
     */
    public static String walkNoVma(long address) {
        return String.format("no VMA holds 0x%x: an access is a segmentation fault (SIGSEGV)", address);
    }

    /**
     * @param level the level whose entry is there but not present
     * @return the explanation of a PROT_NONE page
     */
    public static String walkProtNone(String level) {
        return level + " entry is not present but not empty: the page is inaccessible (PROT_NONE)";
    }

    /**
     * @param level the last level that has a table, or {@code null} when there is no PGD yet
     * @return the explanation of a walk that ran out of tables
     */
    public static String walkNoTable(String level) {
        return "no " + (level == null ? "page tables" : "table below the " + level)
                + " yet: the page was never touched; demand paging allocates it on the first access";
    }

    /** @return the explanation of an empty PTE in a VMA */
    public static String walkEmptyPte() {
        return "PTE is empty: the page was never touched; demand paging allocates it on the first access";
    }

    /** @return the error of a breakpoint without a kind */
    public static String breakpointNoKind() {
        return "no kind";
    }

    /**
     * @param cpu the CPU asked for
     * @param cpus the machine's CPUs
     * @return the error of a CPU that does not exist
     */
    public static String noSuchCpu(int cpu, int cpus) {
        return "no CPU " + cpu + " (the machine has " + cpus + ")";
    }

    /** @return the error of a negative hit count */
    public static String negativeHitCount() {
        return "negative hit count";
    }

    /** @return the error of a cache filter on another kind */
    public static String cacheFilterOnlySlab() {
        return "a cache name applies to SLAB_ALLOC only";
    }

    /** @return the error of an order filter on another kind */
    public static String orderFilterOnlyPages() {
        return "a minimum order applies to PAGE_ALLOC only";
    }

    // ------------------------------------------------------------------ remote control

    /**
     * @param e the simulator's own failure
     * @return the reason given to the client
     */
    public static String simulatorError(Object e) {
        return "simulator error: " + e;
    }

    /** @return the description of a stop by pause */
    public static String paused() {
        return "paused";
    }

    /** @return the description of a stop at the time limit */
    public static String timeLimitReached() {
        return "time limit reached";
    }

    /**
     * @param cpu the CPU whose code runs in the thread stopped in the Java debugger
     * @return the description of a {@code hold}
     */
    public static String heldInJava(int cpu) {
        return "stopped in Java code on CPU " + cpu;
    }

    /** @return the error of a request before launch */
    public static String notLaunched() {
        return "no simulation: call launch first";
    }

    /**
     * @param what the parameter
     * @return the error of a missing parameter
     */
    public static String missing(String what) {
        return "missing " + what;
    }

    /** @return the error of a second hello */
    public static String helloAgain() {
        return "hello was already received";
    }

    /** @return the error of a second launch */
    public static String alreadyLaunched() {
        return "already launched";
    }

    /** @return the error of resume or step while running */
    public static String alreadyRunning() {
        return "already running";
    }

    /**
     * @param reason why it ended
     * @return the error of resume or step after the end
     */
    public static String simulationEnded(String reason) {
        return "the simulation has ended: " + reason;
    }

    /**
     * @param cpu the CPU asked for
     * @return the error of a step on a CPU that does not exist
     */
    public static String noCpu(int cpu) {
        return "no CPU " + cpu;
    }

    /**
     * @param path the file
     * @param e why
     * @return the error of a trace export that cannot be written
     */
    public static String cannotWrite(String path, String e) {
        return "cannot write " + path + ": " + e;
    }

    /**
     * @param variable the environment variable
     * @return the error of serve without a secret
     */
    public static String noSecret(String variable) {
        return "the environment variable " + variable + " is not set; the IDE sets it to a new secret for each launch";
    }

    /**
     * @param ms the accept timeout
     * @return the error of serve when no client came
     */
    public static String noClient(long ms) {
        return "no client authenticated within " + ms + " ms";
    }

    /**
     * @param port the client's port
     * @return the notice of a refused connection
     */
    public static String refusedConnection(int port) {
        return "closed a connection from port " + port + " whose first message was not a hello with the launch's secret";
    }

    /**
     * @param what the parser's complaint
     * @return the notice on standard error for a malformed message
     */
    public static String malformedMessageNotice(String what) {
        return "malformed message answered with a parse error: " + what;
    }

    /**
     * @param what the parser's complaint
     * @return the parse error sent to the client
     */
    public static String malformedMessage(String what) {
        return "malformed message: " + what;
    }

    // ------------------------------------------------------------------ student class loading

    /**
     * @param call the refused call, e.g. {@code new Thread(...)}
     * @return why a call that starts Java threads is refused, and what to use
     */
    public static String refusedThread(String call) {
        return call + " is not allowed in workload code: the simulated kernel runs one task at a time;"
                + " use Syscalls.createThread(...) to create a thread, or Syscalls.fork(...) for a process.";
    }

    /**
     * @param call the refused call
     * @return why a shutdown hook is refused, and what to use
     */
    public static String refusedShutdownHook(String call) {
        return call + " is not allowed in workload code: the simulator's JVM outlives the task;"
                + " clean up before calling Syscalls.exit(...), or at the end of run().";
    }

    /**
     * @param call the refused call
     * @return why starting a host process is refused, and what to use
     */
    public static String refusedProcess(String call) {
        return call + " is not allowed in workload code: it would start a process outside the simulated machine;"
                + " use Syscalls.fork(...) to start a simulated process.";
    }

    /**
     * @param frame the refused call's place, as a stack frame prints
     * @param refusal the refusal
     * @return one line of a rejected class
     */
    public static String refusedAt(String frame, String refusal) {
        return frame + ": " + refusal;
    }

    /**
     * @param problems the refusals, one a line
     * @return why a student class cannot be used
     */
    public static String rejected(String problems) {
        return "is refused:\n" + problems;
    }
}
