package kernellab.runner.internal.shell;

import static kernellab.runner.internal.shell.SyscallShell.address;
import static kernellab.runner.internal.shell.SyscallShell.arity;
import static kernellab.runner.internal.shell.SyscallShell.failed;
import static kernellab.runner.internal.shell.SyscallShell.hex;
import static kernellab.runner.internal.shell.SyscallShell.integer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.mm.PageTable;
import kernellab.core.mm.UserFault;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.mm.VmTracepoints;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;
import kernellab.core.task.UserHeap;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.internal.Messages;
import kernellab.runner.internal.sim.Simulation;
import kernellab.runner.internal.sim.Snapshots;
import kernellab.runner.internal.sim.Units;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkLevel;

/**
 * The shell's commands on a process's memory: the system calls {@code mmap}, {@code munmap},
 * {@code mprotect} and {@code brk}, glibc's {@code malloc} and {@code free}, {@code open},
 * {@code write} and {@code close} for the files to map, and {@code touch},
 * an access as the process's own load or store would make it, page fault included. They are made
 * in the process while its code is stopped, as a debugger injecting the call would; a call that
 * kills the process (a bad access, a bad free, the OOM killer) prints its signal as strace does
 * ({@code --- SIGSEGV {...} ---}, {@code +++ killed by SIGSEGV +++}) and fails the command.
 * {@code pagewalk} shows a page walk as the IDE does ({@link Snapshots#pageWalk}).
 */
final class UserMemoryCommands {

    /** Where the shell's malloc and free calls come from, for AddressSanitizer's and LeakSanitizer's reports. */
    private static final String CALL_SITE = "kernellab shell";

    private final Simulation sim;
    private final VirtualMemory vm;
    private final PrintWriter out;

    UserMemoryCommands(Simulation sim, PrintWriter out) {
        this.sim = sim;
        this.vm = sim.kernel().vm();
        this.out = out;
    }

    private static String prefix(Task t) {
        return "[pid " + t.pid() + "] ";
    }

    /**
     * Prints strace's line for a process that died of a signal.
     *
     * @param out where the shell prints
     * @param t the process
     * @param signal the signal's name
     */
    static void printKilled(PrintWriter out, Task t, String signal) {
        out.println(prefix(t) + "+++ killed by " + signal + " +++");
    }

    /**
     * Ends a call that left the process dead: the OOM killer chose it while the call allocated
     * (a page, a vm_area_struct for a split), and it dies now ({@link VirtualMemory#killOomVictim})
     * as it would on its way back to user mode. Prints its end and fails the command.
     */
    private void afterCall(String cmd, Task t) throws ShellException {
        vm.killOomVictim(t);
        if (t.exitTime() >= 0) {
            String signal = Signal.name(t.waitStatus());
            printKilled(out, t, signal);
            throw new ShellException(Messages.processKilled(cmd, t.pid(), signal));
        }
    }

    /** Delivers the signal of an access that faulted; prints it as strace does and fails the command. */
    private ShellException killedBy(String cmd, Task t, UserFault f) {
        String signal = f.signal().name();
        if (f.signal() != Signal.SIGKILL) {
            String code = f.signal() == Signal.SIGBUS ? "BUS_ADRERR"
                    : f.code() == UserFault.SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR";
            out.println(prefix(t) + "--- " + signal + " {si_signo=" + signal + ", si_code=" + code + ", si_addr=" + hex(f.address())
                    + "} ---");
        }
        vm.deliverWhileStopped(t, f);
        printKilled(out, t, signal);
        return new ShellException(Messages.processKilled(cmd, t.pid(), signal));
    }

    /** A length: bytes in decimal, {@code 0x…}, or a number with K, M or G. */
    private static long length(String cmd, String text) throws ShellException {
        if (text.startsWith("0x")) {
            return address(cmd, text);
        }
        try {
            return Units.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.notASize(cmd, text));
        }
    }

    private static int prot(String cmd, String text) throws ShellException {
        try {
            return SyscallNames.parseProt(text);
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError(cmd, e.getMessage()));
        }
    }

    private static String pointer(long p) {
        return p == 0 ? "NULL" : hex(p);
    }

    void mmap(Task t, List<String> args) throws ShellException {
        arity("mmap", args, 4, 6);
        if (args.size() == 5) {
            arity("mmap", args, 4, 4);
        }
        long addr = args.get(0).equalsIgnoreCase("NULL") ? 0 : address("mmap", args.get(0));
        long len = length("mmap", args.get(1));
        int prot = prot("mmap", args.get(2));
        int flags;
        try {
            flags = SyscallNames.parseMapFlags(args.get(3));
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError("mmap", e.getMessage()));
        }
        int fd = args.size() == 6 ? integer("mmap", "the file descriptor", args.get(4)) : -1;
        long offset = args.size() == 6 ? address("mmap", args.get(5)) : 0;
        String call = prefix(t) + "mmap(" + pointer(addr) + ", " + len + ", " + SyscallNames.prot(prot) + ", "
                + SyscallNames.mapFlags(flags) + ", " + fd + ", " + (offset == 0 ? "0" : hex(offset)) + ")";
        long r;
        try {
            r = vm.mmap(t, addr, len, prot, flags, fd, offset);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = " + hex(r));
        afterCall("mmap", t);
    }

    void munmap(Task t, List<String> args) throws ShellException {
        arity("munmap", args, 2, 2);
        long addr = address("munmap", args.get(0));
        long len = length("munmap", args.get(1));
        String call = prefix(t) + "munmap(" + hex(addr) + ", " + len + ")";
        try {
            vm.munmap(t, addr, len);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = 0");
        afterCall("munmap", t);
    }

    void mprotect(Task t, List<String> args) throws ShellException {
        arity("mprotect", args, 3, 3);
        long addr = address("mprotect", args.get(0));
        long len = length("mprotect", args.get(1));
        int prot = prot("mprotect", args.get(2));
        String call = prefix(t) + "mprotect(" + hex(addr) + ", " + len + ", " + SyscallNames.prot(prot) + ")";
        try {
            vm.mprotect(t, addr, len, prot);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = 0");
        afterCall("mprotect", t);
    }

    /**
     * {@code brk}: the kernel's call returns the new break, or the old one when it refuses
     * (below the heap's start, into the next mapping); the command fails then, as libc's
     * {@code brk()} does with ENOMEM.
     */
    void brk(Task t, List<String> args) throws ShellException {
        arity("brk", args, 0, 1);
        long addr = args.isEmpty() ? 0 : address("brk", args.get(0));
        String call = prefix(t) + "brk(" + pointer(addr) + ")";
        long r = vm.brk(t, addr);
        out.println(call + " = " + hex(r));
        afterCall("brk", t);
        if (addr != 0 && r != addr) {
            throw new ShellException(Messages.brkRefused(call, r));
        }
    }

    /**
     * An access by the process: the MMU's translation with the page fault it may take, told
     * from the {@code page_fault_user} (and {@code mm_cow_copy}) trace events the fault handler
     * emitted, and the page frame the address maps afterwards.
     */
    void touch(Task t, List<String> args) throws ShellException {
        arity("touch", args, 1, 2);
        long addr = address("touch", args.get(0));
        String mode = args.size() == 2 ? args.get(1) : "r";
        if (!mode.equals("r") && !mode.equals("w")) {
            arity("touch", args, 0, 0);
        }
        boolean write = mode.equals("w");
        String access = prefix(t) + (write ? "write " : "read ") + hex(addr) + ": ";
        long from = sim.recorder().lastSequence();
        long reused = vm.vmstat().cowReuse();
        try {
            vm.translate(t, addr, write);
        } catch (UserFault f) {
            out.println(access + f.signal().name());
            throw killedBy("touch", t, f);
        }
        List<PageTable.WalkStep> walk = vm.pageWalk(t, addr);
        long pfn = PageTable.pfn(walk.get(walk.size() - 1).entry());
        out.println(access + fault(sim.recorder().eventsAfter(from, Integer.MAX_VALUE), vm.vmstat().cowReuse() > reused)
                + ", page frame " + hex(pfn));
    }

    private static String fault(List<TraceEvent> events, boolean reused) {
        TraceEvent fault = null;
        String copied = null;
        for (TraceEvent e : events) {
            if (e.tracepoint() == VmTracepoints.PAGE_FAULT_USER) {
                fault = e;
            } else if (e.tracepoint() == VmTracepoints.MM_COW) {
                copied = String.valueOf(e.field("old_pfn"));
            }
        }
        if (fault == null) {
            return Messages.noFault();
        }
        return Messages.fault("MAJOR".equals(fault.field("result")), String.valueOf(fault.field("kind")), copied, reused);
    }

    void malloc(Task t, List<String> args) throws ShellException {
        arity("malloc", args, 1, 1);
        long size = length("malloc", args.get(0));
        String call = prefix(t) + "malloc(" + size + ")";
        long p;
        try {
            p = UserHeap.malloc(vm, t, size, CALL_SITE);
        } catch (UserFault f) {
            out.println(call + " = ?");
            throw killedBy("malloc", t, f);
        }
        out.println(call + " = " + pointer(p));
        afterCall("malloc", t);
        if (p == 0) {
            throw new ShellException(Messages.callFailed(call, "ENOMEM"));
        }
    }

    /** {@code free}; glibc's checks abort the process: its message, then SIGABRT raised with tgkill. */
    void free(Task t, List<String> args) throws ShellException {
        arity("free", args, 1, 1);
        long ptr = address("free", args.get(0));
        String call = prefix(t) + "free(" + pointer(ptr) + ")";
        String error = UserHeap.free(vm, t, ptr, CALL_SITE);
        if (error == null) {
            out.println(call + " = <void>");
            return;
        }
        sim.kernel().output(t, error + "\n");
        out.println(call + " = ?");
        String signal = Signal.SIGABRT.name();
        out.println(prefix(t) + "--- " + signal + " {si_signo=" + signal + ", si_code=SI_TKILL, si_pid=" + t.tgid() + ", si_uid="
                + t.uid() + "} ---");
        sim.kernel().scheduler().signals().killProcess(t, Signal.SIGABRT.number(),
                t.comm() + "[" + t.pid() + "]: killed by SIGABRT: " + error);
        printKilled(out, t, signal);
        throw new ShellException(Messages.processKilled("free", t.pid(), signal));
    }

    /**
     * {@code open PATH [FLAGS]}: a descriptor of the current process for a file to map
     * ({@code O_RDONLY} by default; {@code O_CREAT} makes an empty file).
     */
    void open(Task t, List<String> args) throws ShellException {
        arity("open", args, 1, 2);
        String path = args.get(0);
        int flags;
        try {
            flags = args.size() == 2 ? SyscallNames.parseOpenFlags(args.get(1)) : Syscalls.O_RDONLY;
        } catch (IllegalArgumentException e) {
            throw new ShellException(Messages.shellError("open", e.getMessage()));
        }
        String call = prefix(t) + "open(\"" + path + "\", " + SyscallNames.openFlags(flags) + ")";
        int fd;
        try {
            fd = vm.vfs().open(t, path, flags);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = " + fd);
    }

    /**
     * {@code write FD TEXT}: the words of TEXT joined by single spaces, with C's escapes
     * ({@code \n}, {@code \t}, {@code \\}), written at the file position; strace's line shows
     * them escaped again.
     */
    void write(Task t, List<String> args) throws ShellException {
        arity("write", args, 2, Integer.MAX_VALUE);
        int fd = integer("write", "the file descriptor", args.get(0));
        String text = unescape(String.join(" ", args.subList(1, args.size())));
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        String call = prefix(t) + "write(" + fd + ", \"" + escape(text) + "\", " + data.length + ")";
        int n;
        try {
            n = vm.vfs().write(t, fd, data);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = " + n);
    }

    private static String unescape(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char e = text.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** {@code close FD}: the mapping made from the descriptor keeps the file. */
    void close(Task t, List<String> args) throws ShellException {
        arity("close", args, 1, 1);
        int fd = integer("close", "the file descriptor", args.get(0));
        String call = prefix(t) + "close(" + fd + ")";
        try {
            vm.vfs().close(t, fd);
        } catch (Errno e) {
            throw failed(out, call, e);
        }
        out.println(call + " = 0");
    }

    /** {@code pagewalk PID ADDR}: each level's entry, the VMA and what the walk found, as the IDE shows them. */
    void pagewalk(List<String> args) throws ShellException {
        arity("pagewalk", args, 2, 2);
        int pid = integer("pagewalk", "the pid", args.get(0));
        long addr = address("pagewalk", args.get(1));
        PageWalk w;
        try {
            w = Snapshots.pageWalk(sim, pid, addr);
        } catch (Errno e) {
            throw new ShellException(Messages.shellError("pagewalk", e.getMessage()));
        }
        for (PageWalkLevel l : w.levels()) {
            out.println(new PageTable.WalkStep(l.level(), l.index(), l.entry()));
        }
        out.println(Messages.pageWalkVma(w.vma()));
        out.println(w.explanation());
    }
}
