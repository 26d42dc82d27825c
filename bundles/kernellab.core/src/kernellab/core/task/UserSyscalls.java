package kernellab.core.task;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.api.WaitStatus;
import kernellab.api.Workload;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.UserFault;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.CoroutineBody;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;

/**
 * The system-call facade handed to a user {@link Workload}: each method enters the kernel as
 * the calling task, runs the scheduler's implementation and returns to user mode (giving the
 * CPU up first if a reschedule is pending, like the return path to user space).
 *
 * <p>The memory functions run against the task's address space in {@link VirtualMemory}
 * (found among the scheduler's life-cycle listeners): loads and stores fault pages in and turn
 * bad accesses into the fatal signal; the C-library part (malloc and friends, string
 * functions, printf) is the process's user-space library, with glibc's, AddressSanitizer's and
 * LeakSanitizer's reports.
 */
public final class UserSyscalls implements Syscalls {

    /** The facade of the task whose coroutine is the calling thread. */
    private static final ThreadLocal<UserSyscalls> CURRENT = new ThreadLocal<>();

    private final Scheduler scheduler;
    private final Task task;
    private final BiConsumer<Task, String> output;
    private final VirtualMemory vm;

    /** LeakSanitizer's exit status when it found leaks. */
    static final int LSAN_EXIT_CODE = 23;
    /** AddressSanitizer's exit status after a report. */
    static final int ASAN_EXIT_CODE = 1;
    /** PTRDIFF_MAX: larger malloc requests fail at once. */
    private static final long PTRDIFF_MAX = Long.MAX_VALUE;

    /**
     * @param scheduler the kernel
     * @param task the task whose code receives this facade
     * @param output where {@link #print(String)} goes
     */
    public UserSyscalls(Scheduler scheduler, Task task, BiConsumer<Task, String> output) {
        this.scheduler = scheduler;
        this.task = task;
        this.output = output;
        this.vm = scheduler.lifecycleListener(VirtualMemory.class);
    }

    /**
     * @param scheduler the kernel
     * @param workload user code
     * @param output where its output goes
     * @return a coroutine body running the workload with a facade of its own task
     */
    public static CoroutineBody body(Scheduler scheduler, Workload workload, BiConsumer<Task, String> output) {
        return self -> {
            UserSyscalls sys = new UserSyscalls(scheduler, self, output);
            CURRENT.set(sys);
            workload.run(sys);
            if (self == self.groupLeader() && sys.hasLiveHeapBlocks()) {
                scheduler.entry().enterSyscall(self);
                sys.atExit();
            }
        };
    }

    /**
     * @return the system calls of the task whose workload code runs on the calling thread, or
     *         {@code null} if the caller is not a task's coroutine (e.g. the event loop)
     */
    public static Syscalls current() {
        return CURRENT.get();
    }

    /**
     * Runs a call in kernel mode. An error number goes back to the program as {@link Errno}, a
     * bad access becomes the signal; any other exception is a misuse the C library cannot
     * express (a {@code printf} format without its argument) and goes back to the program as it
     * is, in user mode, so that it ends the task like any uncaught exception of its code.
     */
    private <T> T call(Supplier<T> op) {
        scheduler.entry().enterSyscall(task);
        T result;
        try {
            result = op.get();
        } catch (Errno e) {
            checkOomKill();
            scheduler.entry().exitSyscall(task);
            throw e;
        } catch (UserFault f) {
            vm.deliver(task, f);
            throw f;
        } catch (RuntimeException e) {
            scheduler.entry().exitSyscall(task);
            throw e;
        }
        checkOomKill();
        scheduler.entry().exitSyscall(task);
        return result;
    }

    /** A task the OOM killer chose while it was allocating dies on its way back to user mode. */
    private void checkOomKill() {
        if (vm != null && vm.killOomVictim(task)) {
            scheduler.signals().exitKilled(task);
        }
    }

    private VirtualMemory vm() {
        if (vm == null || vm.mm(task) == null) {
            throw new Errno(Errno.ENOSYS);
        }
        return vm;
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
        return call(() -> scheduler.fork().kernelClone(task, false, body(scheduler, child, output)));
    }

    /** glibc's default thread stack: RLIMIT_STACK (8 MiB); a guard page goes below it. */
    static final long THREAD_STACK = 8L << 20;

    /**
     * Like {@code pthread_create}: allocates the thread's stack as glibc's
     * {@code allocate_stack} does (an 8 MiB mapping with a PROT_NONE guard page below it),
     * then clones the thread.
     */
    @Override
    public int createThread(Workload thread) {
        return call(() -> {
            if (vm != null && vm.mm(task) != null) {
                long guard = PhysicalMemory.PAGE_SIZE;
                long base = vm.mmap(task, 0, THREAD_STACK + guard, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                vm.mprotect(task, base + guard, THREAD_STACK, PROT_READ | PROT_WRITE);
            }
            return scheduler.fork().kernelClone(task, true, body(scheduler, thread, output));
        });
    }

    @Override
    public void exit(int status) {
        scheduler.entry().enterSyscall(task);
        atExit();
        scheduler.exit().exitGroup(task, status);
    }

    @Override
    public WaitStatus waitpid(int pid, int options) {
        return call(() -> scheduler.exit().waitpid(task, pid, options));
    }

    @Override
    public void schedSetscheduler(int pid, Policy policy, int priority) {
        run(() -> scheduler.syscalls().setScheduler(task, pid, policy, priority));
    }

    @Override
    public Policy schedGetscheduler(int pid) {
        return call(() -> scheduler.syscalls().findTask(task, pid).policy());
    }

    @Override
    public void schedSetparam(int pid, int priority) {
        run(() -> scheduler.syscalls().setParam(task, pid, priority));
    }

    @Override
    public int schedGetparam(int pid) {
        return call(() -> scheduler.syscalls().findTask(task, pid).rtPriority());
    }

    @Override
    public void schedSetweight(int pid, int weight) {
        run(() -> scheduler.syscalls().setWeight(task, pid, weight));
    }

    @Override
    public int schedGetweight(int pid) {
        return call(() -> scheduler.syscalls().getWeight(task, pid));
    }

    @Override
    public void schedYield() {
        run(() -> scheduler.syscalls().yield(task));
    }

    @Override
    public int nice(int increment) {
        return call(() -> {
            scheduler.syscalls().setNice(task, 0, task.nice() + increment, Errno.EPERM);
            return task.nice();
        });
    }

    @Override
    public void setpriority(int which, int who, int prio) {
        run(() -> {
            if (which != PRIO_PROCESS) {
                throw new Errno(Errno.EINVAL);
            }
            scheduler.syscalls().setNice(task, who, prio, Errno.EACCES);
        });
    }

    @Override
    public int getpriority(int which, int who) {
        return call(() -> {
            if (which != PRIO_PROCESS) {
                throw new Errno(Errno.EINVAL);
            }
            return scheduler.syscalls().findTask(task, who).nice();
        });
    }

    @Override
    public void schedSetaffinity(int pid, BitSet mask) {
        run(() -> scheduler.syscalls().setAffinity(task, pid, mask));
    }

    @Override
    public BitSet schedGetaffinity(int pid) {
        return call(() -> scheduler.syscalls().findTask(task, pid).cpusAllowed());
    }

    @Override
    public int schedGetcpu() {
        return call(task::cpu);
    }

    @Override
    public void compute(long ns) {
        run(() -> scheduler.entry().compute(task, ns));
    }

    @Override
    public void nanosleep(long ns) {
        run(() -> scheduler.entry().sleep(task, ns, false));
    }

    @Override
    public void io(long ns) {
        run(() -> scheduler.entry().sleep(task, ns, true));
    }

    @Override
    public long clockGettime(int clockId) {
        return call(() -> scheduler.sys().clockGettime(task, clockId));
    }

    @Override
    public Rusage getrusage(int who) {
        return call(() -> {
            Rusage r = scheduler.sys().getrusage(task, who);
            if (who == RUSAGE_CHILDREN) {
                return r;
            }
            long min = 0;
            long maj = 0;
            for (Task t : scheduler.allTasks()) {
                if (who == RUSAGE_THREAD ? t == task : t.tgid() == task.tgid()) {
                    min += t.minFlt();
                    maj += t.majFlt();
                }
            }
            return new Rusage(r.utimeNs(), r.stimeNs(), min, maj, r.nvcsw(), r.nivcsw());
        });
    }

    @Override
    public void print(String text) {
        run(() -> output.accept(task, text));
    }

    // ---- memory mappings

    @Override
    public long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        return call(() -> vm().mmap(task, addr, length, prot, flags, fd, offset));
    }

    @Override
    public void munmap(long addr, long length) {
        run(() -> vm().munmap(task, addr, length));
    }

    @Override
    public void mprotect(long addr, long length, int prot) {
        run(() -> vm().mprotect(task, addr, length, prot));
    }

    @Override
    public long brk(long addr) {
        return call(() -> vm().brk(task, addr));
    }

    @Override
    public long sbrk(long increment) {
        return call(() -> {
            long old = vm().mm(task).brk();
            if (increment != 0 && vm.brk(task, old + increment) != old + increment) {
                throw new Errno(Errno.ENOMEM);
            }
            return old;
        });
    }

    @Override
    public void msync(long addr, long length, int flags) {
        run(() -> vm().msync(task, addr, length, flags));
    }

    @Override
    public void madvise(long addr, long length, int advice) {
        run(() -> vm().madvise(task, addr, length, advice));
    }

    // ---- files

    @Override
    public int open(String path, int flags) {
        return call(() -> vm().vfs().open(task, path, flags));
    }

    @Override
    public int read(int fd, long buf, int count) {
        return call(() -> {
            byte[] data = vm().vfs().read(task, fd, count);
            kernelCopyToUser(buf, data);
            return data.length;
        });
    }

    @Override
    public int write(int fd, long buf, int count) {
        return call(() -> {
            if (count < 0) {
                throw new Errno(Errno.EINVAL);
            }
            byte[] data = new byte[count];
            try {
                vm().copyFromUser(task, buf, data, 0, count);
            } catch (UserFault f) {
                throw new Errno(Errno.EFAULT);
            }
            return writeData(fd, data);
        });
    }

    @Override
    public int write(int fd, byte[] data) {
        return call(() -> writeData(fd, data.clone()));
    }

    private int writeData(int fd, byte[] data) {
        if (fd == STDOUT_FILENO || fd == STDERR_FILENO) {
            output.accept(task, new String(data, StandardCharsets.ISO_8859_1));
            return data.length;
        }
        return vm().vfs().write(task, fd, data);
    }

    /** {@code copy_to_user}: a bad buffer is EFAULT, not a signal. */
    private void kernelCopyToUser(long buf, byte[] data) {
        try {
            vm.copyToUser(task, buf, data, 0, data.length);
        } catch (UserFault f) {
            throw new Errno(Errno.EFAULT);
        }
    }

    @Override
    public long lseek(int fd, long offset, int whence) {
        return call(() -> vm().vfs().lseek(task, fd, offset, whence));
    }

    @Override
    public void ftruncate(int fd, long length) {
        run(() -> vm().vfs().ftruncate(task, fd, length));
    }

    @Override
    public void close(int fd) {
        run(() -> vm().vfs().close(task, fd));
    }

    @Override
    public void unlink(String path) {
        run(() -> vm().vfs().unlink(path));
    }

    // ---- loads and stores

    /** A load by the program: AddressSanitizer's check for malloc memory, then the MMU. */
    private byte[] load(long addr, int len, boolean range) {
        if (len < 0) {
            throw new Errno(Errno.EINVAL);
        }
        asanCheck(addr, len, false, range);
        byte[] b = new byte[len];
        vm().copyFromUser(task, addr, b, 0, len);
        return b;
    }

    private void store(long addr, byte[] data, boolean range) {
        asanCheck(addr, data.length, true, range);
        vm().copyToUser(task, addr, data, 0, data.length);
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = b.length - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static byte[] littleEndian(long v, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    @Override
    public byte readByte(long addr) {
        return call(() -> load(addr, 1, false)[0]);
    }

    @Override
    public void writeByte(long addr, int value) {
        run(() -> store(addr, new byte[] {(byte) value}, false));
    }

    @Override
    public int readInt(long addr) {
        return call(() -> (int) littleEndian(load(addr, 4, false)));
    }

    @Override
    public void writeInt(long addr, int value) {
        run(() -> store(addr, littleEndian(value, 4), false));
    }

    @Override
    public long readLong(long addr) {
        return call(() -> littleEndian(load(addr, 8, false)));
    }

    @Override
    public void writeLong(long addr, long value) {
        run(() -> store(addr, littleEndian(value, 8), false));
    }

    @Override
    public byte[] readBytes(long addr, int length) {
        return call(() -> load(addr, length, true));
    }

    @Override
    public void writeBytes(long addr, byte[] data) {
        byte[] copy = data.clone();
        run(() -> store(addr, copy, true));
    }

    @Override
    public String readString(long addr) {
        return call(() -> new String(loadString(addr), StandardCharsets.ISO_8859_1));
    }

    /** Reads a NUL-terminated string page by page; AddressSanitizer checks the string and its NUL. */
    private byte[] loadString(long addr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long a = addr;
        while (true) {
            int chunk = (int) (PhysicalMemory.PAGE_SIZE - (a & (PhysicalMemory.PAGE_SIZE - 1)));
            byte[] b = new byte[chunk];
            vm().copyFromUser(task, a, b, 0, 1);
            int n = 0;
            for (; n < chunk; n++) {
                if (n > 0) {
                    vm.copyFromUser(task, a + n, b, n, 1);
                }
                if (b[n] == 0) {
                    break;
                }
            }
            out.write(b, 0, n);
            if (n < chunk) {
                break;
            }
            a += chunk;
        }
        byte[] s = out.toByteArray();
        asanCheck(addr, s.length + 1L, false, true);
        return s;
    }

    @Override
    public void writeString(long addr, String text) {
        byte[] b = (text + "\0").getBytes(StandardCharsets.ISO_8859_1);
        run(() -> store(addr, b, true));
    }

    @Override
    public long addressOf(String symbol) {
        return call(() -> {
            MmStruct mm = vm().mm(task);
            return switch (symbol) {
                case "main" -> vm.userIp(task);
                case "etext" -> mm.endCode();
                case "edata" -> mm.endData();
                case "end" -> mm.endData() + 8;
                default -> throw new Errno(Errno.ENOENT, symbol);
            };
        });
    }

    private long stackPointer;

    @Override
    public long alloca(long size) {
        return call(() -> {
            if (stackPointer == 0) {
                stackPointer = vm().userSp(task);
            }
            stackPointer = (stackPointer - Math.max(0, size)) & -16L;
            return stackPointer;
        });
    }

    // ---- C library

    private UserHeap heap() {
        return UserHeap.of(vm().mm(task));
    }

    @Override
    public long malloc(long size) {
        String site = callerSite();
        return call(() -> size > PTRDIFF_MAX / 2 ? 0 : UserHeap.malloc(vm(), task, size, site));
    }

    @Override
    public long calloc(long nmemb, long size) {
        String site = callerSite();
        return call(() -> {
            if (nmemb < 0 || size < 0 || (size != 0 && nmemb > PTRDIFF_MAX / size)) {
                return 0L;
            }
            UserHeap h = heap();
            long total = nmemb * size;
            boolean reuse = h.block(pointerAfter(h, total)) != null;
            long p = h.allocate(vm(), task, total, site);
            if (p != 0 && reuse) {
                vm.copyToUser(task, p, new byte[(int) total], 0, (int) total);
            }
            return p;
        });
    }

    /** Whether a request would be served from a bin (recycled memory calloc must clear): the pointer a bin would return, or 0. */
    private static long pointerAfter(UserHeap h, long size) {
        return size >= MMAP_THRESHOLD ? 0 : h.binHead(UserHeap.chunkSize(size));
    }

    @Override
    public long realloc(long ptr, long size) {
        String site = callerSite();
        return call(() -> {
            UserHeap h = heap();
            if (ptr == 0) {
                return h.allocate(vm(), task, size, site);
            }
            UserHeap.Block b = h.block(ptr);
            if (b == null || b.freed) {
                abort("realloc(): invalid pointer");
            }
            if (size == 0) {
                h.free(vm, task, b, site);
                return 0L;
            }
            if (!b.mmapped && UserHeap.chunkSize(size) <= b.chunkSize) {
                b.size = size;
                return ptr;
            }
            long p = h.allocate(vm, task, size, site);
            if (p == 0) {
                return 0L;
            }
            int n = (int) Math.min(b.size, size);
            byte[] data = new byte[n];
            vm.copyFromUser(task, ptr, data, 0, n);
            vm.copyToUser(task, p, data, 0, n);
            h.free(vm, task, b, site);
            return p;
        });
    }

    @Override
    public void free(long ptr) {
        String site = callerSite();
        run(() -> {
            String error = UserHeap.free(vm(), task, ptr, site);
            if (error != null) {
                abort(error);
            }
        });
    }

    /** glibc's {@code malloc_printerr}: the message on stderr, then abort(): SIGABRT, status 134. */
    private void abort(String message) {
        output.accept(task, message + "\n");
        scheduler.signals().exitBySignal(task, Signal.SIGABRT.number(), task.comm() + "[" + task.pid() + "]: killed by SIGABRT: " + message);
    }

    @Override
    public long strcpy(long dst, long src) {
        return call(() -> {
            byte[] s = loadString(src);
            byte[] withNul = Arrays.copyOf(s, s.length + 1);
            store(dst, withNul, true);
            return dst;
        });
    }

    @Override
    public long strlen(long s) {
        return call(() -> (long) loadString(s).length);
    }

    @Override
    public long memcpy(long dst, long src, long n) {
        return call(() -> {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new Errno(Errno.EINVAL);
            }
            store(dst, load(src, (int) n, true), true);
            return dst;
        });
    }

    @Override
    public long memset(long s, int c, long n) {
        return call(() -> {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new Errno(Errno.EINVAL);
            }
            byte[] b = new byte[(int) n];
            Arrays.fill(b, (byte) c);
            store(s, b, true);
            return s;
        });
    }

    @Override
    public int puts(long s) {
        return call(() -> {
            String text = new String(loadString(s), StandardCharsets.ISO_8859_1) + "\n";
            output.accept(task, text);
            return text.length();
        });
    }

    @Override
    public int printf(String format, Object... args) {
        return call(() -> {
            String text = Printf.format(format, args, a -> new String(loadString(a), StandardCharsets.ISO_8859_1));
            output.accept(task, text);
            return text.length();
        });
    }

    // ---- sanitizers

    /** The classes of the simulated C library, whose frames a sanitizer report does not name. */
    private static final Set<String> LIBRARY = Set.of(UserSyscalls.class.getName(), Printf.class.getName(),
            UserHeap.class.getName());

    /**
     * The workload code that called into this facade, as a stack frame of a sanitizer report:
     * {@code Class.method File.java:line}. Frames of the C library itself (the facade,
     * {@code printf}'s formatter, the heap) are skipped, as a report names the program's line
     * rather than the library's.
     */
    private static String callerSite() {
        return StackWalker.getInstance().walk(frames -> {
            boolean inFacade = false;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                boolean facade = LIBRARY.contains(f.getClassName());
                if (inFacade && !facade) {
                    String cls = f.getClassName();
                    return cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName() + " "
                            + (f.getFileName() == null ? "(unknown)" : f.getFileName() + ":" + f.getLineNumber());
                }
                inFacade |= facade;
            }
            return "(unknown)";
        });
    }

    private String frame(int n, String function) {
        return String.format("    #%d 0x%x in %s%n", n, vm.userIp(task), function);
    }

    /**
     * AddressSanitizer: an access that touches malloc memory outside a live block is reported
     * (heap-buffer-overflow, heap-use-after-free) and the process exits with status 1. Accesses
     * elsewhere are left to the MMU.
     */
    private void asanCheck(long addr, long len, boolean write, boolean range) {
        MmStruct mm = vm().mm(task);
        if (!(mm.userState() instanceof UserHeap h) || len <= 0) {
            return;
        }
        Object[] bad = h.check(addr, len);
        if (bad == null) {
            return;
        }
        long where = range ? (long) bad[0] : addr;
        UserHeap.Block b = (UserHeap.Block) bad[1];
        String bug;
        String relation;
        if (b.freed && where >= b.ptr && where < b.ptr + Math.max(b.size, 1)) {
            bug = "heap-use-after-free";
            relation = (where - b.ptr) + " bytes inside of";
        } else if (where >= b.ptr + b.size) {
            bug = "heap-buffer-overflow";
            relation = (where - (b.ptr + b.size)) + " bytes to the right of";
        } else {
            bug = "heap-buffer-overflow";
            relation = (b.ptr - where) + " bytes to the left of";
        }
        String site = callerSite();
        int pid = task.tgid();
        StringBuilder r = new StringBuilder("=".repeat(65)).append('\n');
        r.append(String.format("==%d==ERROR: AddressSanitizer: %s on address 0x%x at pc 0x%x bp 0x%x sp 0x%x%n", pid, bug, where,
                vm.userIp(task), vm.userSp(task) + 0x40, vm.userSp(task)));
        r.append(String.format("%s of size %d at 0x%x thread T0%n", write ? "WRITE" : "READ", len, where));
        r.append(frame(0, site)).append('\n');
        r.append(String.format("0x%x is located %s %d-byte region [0x%x,0x%x)%n", where, relation, b.size, b.ptr, b.ptr + b.size));
        if (b.freed) {
            r.append("freed by thread T0 here:\n").append(frame(0, "free")).append(frame(1, b.freeSite)).append('\n');
            r.append("previously allocated by thread T0 here:\n");
        } else {
            r.append("allocated by thread T0 here:\n");
        }
        r.append(frame(0, "malloc")).append(frame(1, b.allocSite)).append('\n');
        r.append("SUMMARY: AddressSanitizer: ").append(bug).append(" in ").append(site.split(" ")[0]).append('\n');
        r.append(String.format("==%d==ABORTING%n", pid));
        output.accept(task, r.toString());
        scheduler.exit().exitGroup(task, ASAN_EXIT_CODE);
    }

    /**
     * What runs when the process exits normally (return from the main workload, or exit):
     * LeakSanitizer lists the blocks still allocated, grouped by allocation site, largest first;
     * a block whose address is stored in another leaked block is an indirect leak. With leaks
     * the exit status becomes 23.
     */
    private void atExit() {
        if (!hasLiveHeapBlocks()) {
            return;
        }
        List<UserHeap.Block> leaked = ((UserHeap) vm.mm(task).userState()).liveBlocks();
        Set<Long> indirect = new HashSet<>();
        for (UserHeap.Block b : leaked) {
            byte[] data = new byte[(int) Math.min(b.size, 1 << 20) & ~7];
            try {
                vm.copyFromUser(task, b.ptr, data, 0, data.length);
            } catch (UserFault f) {
                continue;
            }
            for (int i = 0; i + 8 <= data.length; i += 8) {
                long v = littleEndian(Arrays.copyOfRange(data, i, i + 8));
                for (UserHeap.Block o : leaked) {
                    if (o != b && v >= o.ptr && v < o.ptr + Math.max(o.size, 1)) {
                        indirect.add(o.ptr);
                    }
                }
            }
        }
        Map<String, long[]> groups = new LinkedHashMap<>();
        for (UserHeap.Block b : leaked) {
            String key = (indirect.contains(b.ptr) ? "Indirect" : "Direct") + "\u0000" + b.allocSite;
            long[] g = groups.computeIfAbsent(key, k -> new long[2]);
            g[0] += b.size;
            g[1]++;
        }
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort((a, b) -> {
            boolean da = a.getKey().startsWith("Direct");
            boolean db = b.getKey().startsWith("Direct");
            if (da != db) {
                return da ? -1 : 1;
            }
            return Long.compare(b.getValue()[0], a.getValue()[0]);
        });
        long bytes = 0;
        StringBuilder r = new StringBuilder("\n").append("=".repeat(65)).append('\n');
        r.append(String.format("==%d==ERROR: LeakSanitizer: detected memory leaks%n", task.tgid()));
        for (Map.Entry<String, long[]> e : sorted) {
            String[] k = e.getKey().split("\u0000");
            r.append(String.format("%n%s leak of %d byte(s) in %d object(s) allocated from:%n", k[0], e.getValue()[0],
                    e.getValue()[1]));
            r.append(frame(0, "malloc")).append(frame(1, k[1]));
            bytes += e.getValue()[0];
        }
        r.append(String.format("%nSUMMARY: AddressSanitizer: %d byte(s) leaked in %d allocation(s).%n", bytes, leaked.size()));
        output.accept(task, r.toString());
        scheduler.exit().exitGroup(task, LSAN_EXIT_CODE);
    }

    /** @return whether malloc'ed blocks are still allocated (looks at the library's own records only) */
    private boolean hasLiveHeapBlocks() {
        return vm != null && vm.mm(task) != null && vm.mm(task).userState() instanceof UserHeap h && !h.liveBlocks().isEmpty();
    }
}

