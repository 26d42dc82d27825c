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
     * @param cmd the command
     * @param name the cache
     * @return the error
     */
    public static String noSlabCache(String cmd, String name) {
        return cmd + ": no slab cache " + name;
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
     * @param comm its command name
     * @return what {@code pid} prints
     */
    public static String currentProcess(int pid, String comm) {
        return "current process: " + pid + " (" + comm + ")";
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
     * @param reason why the simulator cannot do it
     * @return the error
     */
    public static String notSimulated(String cmd, String reason) {
        return cmd + ": " + reason;
    }

    /**
     * @param cmd the command
     * @param e the error of reading a file or running a tool
     * @return the line as {@code cat} or the tool prints it
     */
    public static String cannotRead(String cmd, String e) {
        return cmd + ": " + e;
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
}
