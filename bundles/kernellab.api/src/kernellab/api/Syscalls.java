package kernellab.api;

import java.util.BitSet;
import java.util.List;

/**
 * The system calls a {@link Workload} can make, named after their Linux counterparts, plus the
 * few C-library functions a memory-management lecture needs (malloc and friends, string
 * functions, loads and stores through pointers). Every
 * call runs in the context of the calling task (the task whose {@code run} received this
 * object). Failures throw {@link Errno} with the error number Linux returns. A {@code pid}
 * argument of 0 means the calling task, as in Linux.
 *
 * <p>Permission rules follow {@code kernel/sched/syscalls.c}: a task running as root
 * (uid 0) may change any task in any way; another uid may only change tasks of its own uid,
 * may lower but not raise priorities (nice, WRR weight) and cannot select a real-time policy
 * ({@code RLIMIT_RTPRIO} is 0).
 *
 * <p><b>Memory.</b> Addresses are the task's virtual addresses ({@code long}). The process
 * starts with an x86_64 layout (program, heap, libraries, [vvar], [vvar_vclock], [vdso], stack)
 * and pages are faulted in on first use. Loads and stores ({@link #readInt}, {@link #writeByte},
 * {@link #strcpy}, …) behave like the CPU executing them: a bad address delivers SIGSEGV, whose
 * default action kills the process (exit status 139) after the kernel logs
 * {@code segfault at ADDR ip … error N}. Memory system calls fail with Linux's errno instead.
 * The heap functions reproduce glibc's behaviour (brk for small blocks, an own mapping from
 * {@link #MMAP_THRESHOLD} on) and its error checks: a double free aborts with glibc's message
 * (SIGABRT, status 134); an access outside a live heap block is reported the way AddressSanitizer
 * reports it and ends the process with status 1; blocks still allocated when the process exits
 * are listed LeakSanitizer-style and the exit status becomes 23.
 */
public interface Syscalls {

    /** {@code waitpid} option: return at once with pid 0 if no child has exited. */
    int WNOHANG = 1;
    /** {@code setpriority}/{@code getpriority} target kind: a single process. */
    int PRIO_PROCESS = 0;
    /** {@code clock_gettime} clock: wall-clock time (the simulated clock, starting at boot). */
    int CLOCK_REALTIME = 0;
    /** {@code clock_gettime} clock: time since boot. */
    int CLOCK_MONOTONIC = 1;
    /** {@code clock_gettime} clock: CPU time of the calling thread group. */
    int CLOCK_PROCESS_CPUTIME_ID = 2;
    /** {@code clock_gettime} clock: CPU time of the calling thread. */
    int CLOCK_THREAD_CPUTIME_ID = 3;
    /** {@code getrusage} target: the calling process (all its threads). */
    int RUSAGE_SELF = 0;
    /** {@code getrusage} target: its terminated and waited-for children. */
    int RUSAGE_CHILDREN = -1;
    /** {@code getrusage} target: the calling thread. */
    int RUSAGE_THREAD = 1;

    /** mmap/mprotect protection: no access. */
    int PROT_NONE = 0;
    /** mmap/mprotect protection: readable. */
    int PROT_READ = 1;
    /** mmap/mprotect protection: writable. */
    int PROT_WRITE = 2;
    /** mmap/mprotect protection: executable. */
    int PROT_EXEC = 4;
    /** mmap flag: share the mapping; stores reach the file and other mappers. */
    int MAP_SHARED = 0x01;
    /** mmap flag: private copy-on-write mapping. */
    int MAP_PRIVATE = 0x02;
    /** mmap flag: MAP_SHARED that fails on unknown flags. */
    int MAP_SHARED_VALIDATE = 0x03;
    /** Mask of the mapping type (MAP_SHARED, MAP_PRIVATE, MAP_SHARED_VALIDATE). */
    int MAP_TYPE = 0x0f;
    /** mmap flag: place the mapping exactly at {@code addr}, replacing what is there. */
    int MAP_FIXED = 0x10;
    /** mmap flag: not backed by a file; contents start zeroed; {@code fd} is ignored. */
    int MAP_ANONYMOUS = 0x20;
    /** mmap flag: a stack that grows down when touched just below it. */
    int MAP_GROWSDOWN = 0x100;
    /** mmap flag: lock the pages (they are faulted in at once). */
    int MAP_LOCKED = 0x2000;
    /** mmap flag: no swap reservation (no VM_ACCOUNT). */
    int MAP_NORESERVE = 0x4000;
    /** mmap flag: fault all pages in now. */
    int MAP_POPULATE = 0x8000;
    /** mmap flag: with MAP_POPULATE, do not populate. */
    int MAP_NONBLOCK = 0x10000;
    /** mmap flag: like MAP_FIXED but fail with EEXIST instead of replacing. */
    int MAP_FIXED_NOREPLACE = 0x100000;
    /** msync flag: schedule write-back. */
    int MS_ASYNC = 1;
    /** msync flag: invalidate other mappings. */
    int MS_INVALIDATE = 2;
    /** msync flag: write back and wait. */
    int MS_SYNC = 4;
    /** madvise advice: no special treatment. */
    int MADV_NORMAL = 0;
    /** madvise advice: random access. */
    int MADV_RANDOM = 1;
    /** madvise advice: sequential access. */
    int MADV_SEQUENTIAL = 2;
    /** madvise advice: will need these pages. */
    int MADV_WILLNEED = 3;
    /** madvise advice: drop the pages; private anonymous memory reads back as zeros. */
    int MADV_DONTNEED = 4;
    /** madvise advice: the range may use transparent huge pages (sets {@code VM_HUGEPAGE}, smaps {@code hg}). */
    int MADV_HUGEPAGE = 14;
    /** madvise advice: the range must not use transparent huge pages (sets {@code VM_NOHUGEPAGE}, smaps {@code nh}). */
    int MADV_NOHUGEPAGE = 15;
    /** open flag: read only. */
    int O_RDONLY = 0;
    /** open flag: write only. */
    int O_WRONLY = 1;
    /** open flag: read and write. */
    int O_RDWR = 2;
    /** Mask of the access mode (O_RDONLY, O_WRONLY or O_RDWR) in the open flags; 3 is invalid. */
    int O_ACCMODE = 3;
    /** open flag: create if missing. */
    int O_CREAT = 0100;
    /** open flag: with O_CREAT, fail if it exists. */
    int O_EXCL = 0200;
    /** open flag: truncate to 0. */
    int O_TRUNC = 01000;
    /** open flag: append. */
    int O_APPEND = 02000;
    /** lseek: from the start. */
    int SEEK_SET = 0;
    /** lseek: from the position. */
    int SEEK_CUR = 1;
    /** lseek: from the end. */
    int SEEK_END = 2;
    /** Standard output descriptor. */
    int STDOUT_FILENO = 1;
    /** Standard error descriptor. */
    int STDERR_FILENO = 2;
    /** glibc's {@code M_MMAP_THRESHOLD} default: malloc requests of this size or more get their own mmap. */
    long MMAP_THRESHOLD = 128 * 1024;

    // ---- identity

    /** @return the process id (thread-group id) of the caller */
    int getpid();

    /** @return the thread id of the caller (equal to {@link #getpid()} for a main thread) */
    int gettid();

    /** @return the pid of the caller's parent (1 once the parent has exited: re-parented to init) */
    int getppid();

    /** @return the caller's user id */
    int getuid();

    /** @return the command-line arguments the workload was launched with (not including the name) */
    List<String> argv();

    // ---- processes and threads

    /**
     * Creates a child process, like {@code fork(2)}. Java cannot duplicate a running method,
     * so the child runs {@code child} from its beginning; everything else is inherited as
     * Linux does: policy, priority, nice, WRR weight, CPU affinity and uid (not the remaining
     * time slice), and a copy-on-write copy of the caller's address space (its heap, mappings
     * and open files included). The child is placed on a CPU by its scheduling class and may run before
     * this call returns to the parent.
     *
     * @param child the code the child process runs
     * @return the child's pid
     * @throws Errno {@link Errno#EAGAIN} if no pid is free, the machine has its {@code threads-max}
     *         tasks (an eighth of memory for their 16 KiB stacks) or a user other than root has
     *         {@code RLIMIT_NPROC} (half of that)
     */
    int fork(Workload child);

    /**
     * Creates a thread in the caller's thread group, like {@code pthread_create} (clone with
     * {@code CLONE_THREAD}): same pid (tgid), own tid, inherited scheduling attributes.
     *
     * @param thread the code the new thread runs
     * @return the new thread's tid
     * @throws Errno {@link Errno#EAGAIN} if no pid is free
     */
    int createThread(Workload thread);

    /**
     * Terminates the calling task with an exit status, like {@code _exit(2)}. Does not return.
     *
     * @param status exit status; only the low 8 bits are reported to the parent
     */
    void exit(int status);

    /**
     * Waits for a child to exit and reaps it, like {@code waitpid(2)}.
     *
     * @param pid the child to wait for, or -1 for any child
     * @param options 0 or {@link #WNOHANG}
     * @return the reaped child and its status; pid 0 with {@link #WNOHANG} when none has exited
     * @throws Errno {@link Errno#ECHILD} if there is no such child, {@link Errno#EINVAL} for bad options
     */
    WaitStatus waitpid(int pid, int options);

    // ---- scheduling policy and parameters

    /**
     * Sets policy and real-time priority, like {@code sched_setscheduler(2)}. Switching a task
     * to SCHED_WRR from another policy gives it the default weight 10.
     *
     * @param pid target, 0 for the caller
     * @param policy the new policy
     * @param priority 1–99 for SCHED_FIFO/SCHED_RR, 0 for every other policy
     * @throws Errno {@link Errno#EINVAL} for a negative pid or a priority out of range
     *         (SCHED_WRR with priority ≠ 0 included), {@link Errno#ESRCH} if no such task,
     *         {@link Errno#EPERM} if not allowed (see the class comment)
     */
    void schedSetscheduler(int pid, Policy policy, int priority);

    /**
     * @param pid target, 0 for the caller
     * @return its policy, like {@code sched_getscheduler(2)}
     * @throws Errno {@link Errno#EINVAL} for a negative pid, {@link Errno#ESRCH} if no such task
     */
    Policy schedGetscheduler(int pid);

    /**
     * Sets the real-time priority within the current policy, like {@code sched_setparam(2)}.
     *
     * @param pid target, 0 for the caller
     * @param priority 1–99 for real-time policies, 0 otherwise
     * @throws Errno as {@link #schedSetscheduler(int, Policy, int)}
     */
    void schedSetparam(int pid, int priority);

    /**
     * @param pid target, 0 for the caller
     * @return its real-time priority (0 for non-real-time policies), like {@code sched_getparam(2)}
     * @throws Errno {@link Errno#EINVAL} for a negative pid, {@link Errno#ESRCH} if no such task
     */
    int schedGetparam(int pid);

    /**
     * Sets the SCHED_WRR weight. The slice being consumed keeps its length: the new weight
     * takes effect at the next refill.
     *
     * @param pid target, 0 for the caller
     * @param weight 1–20
     * @throws Errno {@link Errno#EINVAL} for a weight outside 1–20, a negative pid or a task
     *         that is not SCHED_WRR; {@link Errno#ESRCH} if no such task; {@link Errno#EPERM}
     *         when a non-root caller raises a weight or changes another user's task
     */
    void schedSetweight(int pid, int weight);

    /**
     * @param pid target, 0 for the caller
     * @return its SCHED_WRR weight
     * @throws Errno {@link Errno#EINVAL} for a negative pid or a task that is not SCHED_WRR,
     *         {@link Errno#ESRCH} if no such task
     */
    int schedGetweight(int pid);

    /**
     * Gives up the CPU, like {@code sched_yield(2)}: the caller goes to the back of its
     * queue (SCHED_FIFO/RR/WRR) or is skipped once (fair class).
     */
    void schedYield();

    /**
     * Adds to the caller's nice value, like {@code nice(2)}; the result is clamped to −20…19.
     *
     * @param increment change of the nice value
     * @return the new nice value
     * @throws Errno {@link Errno#EPERM} if a non-root caller lowers its nice value
     */
    int nice(int increment);

    /**
     * Sets the nice value of a process, like {@code setpriority(2)} with {@link #PRIO_PROCESS}.
     *
     * @param which {@link #PRIO_PROCESS}
     * @param who pid, 0 for the caller
     * @param prio the nice value, clamped to −20…19
     * @throws Errno {@link Errno#EINVAL} for another {@code which}, {@link Errno#ESRCH} if no
     *         such task, {@link Errno#EPERM} for another user's task, {@link Errno#EACCES}
     *         if a non-root caller lowers the nice value
     */
    void setpriority(int which, int who, int prio);

    /**
     * @param which {@link #PRIO_PROCESS}
     * @param who pid, 0 for the caller
     * @return the nice value of the process (libc's view, −20…19)
     * @throws Errno {@link Errno#EINVAL} for another {@code which}, {@link Errno#ESRCH} if no such task
     */
    int getpriority(int which, int who);

    /**
     * Restricts the CPUs a task may run on, like {@code sched_setaffinity(2)}. CPUs beyond the
     * machine's are ignored. A task running or queued on a CPU outside the mask is migrated.
     *
     * @param pid target, 0 for the caller
     * @param mask allowed CPUs (bit n = CPU n)
     * @throws Errno {@link Errno#EINVAL} if the mask contains no CPU of the machine,
     *         {@link Errno#ESRCH} if no such task, {@link Errno#EPERM} for another user's task
     */
    void schedSetaffinity(int pid, BitSet mask);

    /**
     * @param pid target, 0 for the caller
     * @return a copy of its allowed CPUs
     * @throws Errno {@link Errno#ESRCH} if no such task, {@link Errno#EINVAL} for a negative pid
     */
    BitSet schedGetaffinity(int pid);

    /** @return the CPU the caller is running on, like {@code sched_getcpu(3)} */
    int schedGetcpu();

    // ---- time

    /**
     * Spends simulated CPU time: the caller stays runnable and consumes {@code ns} nanoseconds
     * of CPU, possibly interrupted by preemption (then it waits on its run queue, which is not
     * counted). This is how a workload "computes" or spins.
     *
     * @param ns CPU time in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void compute(long ns);

    /**
     * Sleeps (state S, interruptible) for a simulated duration, like {@code nanosleep(2)}.
     *
     * @param ns duration in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void nanosleep(long ns);

    /**
     * Blocks in uninterruptible I/O wait (state D) for a simulated duration, like a read
     * from a slow disk.
     *
     * @param ns duration in nanoseconds
     * @throws Errno {@link Errno#EINVAL} if negative
     */
    void io(long ns);

    /**
     * @param clockId {@link #CLOCK_REALTIME}, {@link #CLOCK_MONOTONIC},
     *        {@link #CLOCK_PROCESS_CPUTIME_ID} or {@link #CLOCK_THREAD_CPUTIME_ID}
     * @return the clock's value in nanoseconds, like {@code clock_gettime(2)}
     * @throws Errno {@link Errno#EINVAL} for an unknown clock
     */
    long clockGettime(int clockId);

    /**
     * @param who {@link #RUSAGE_SELF}, {@link #RUSAGE_CHILDREN} or {@link #RUSAGE_THREAD}
     * @return resource usage, like {@code getrusage(2)}
     * @throws Errno {@link Errno#EINVAL} for another {@code who}
     */
    Rusage getrusage(int who);


    // ---- memory mappings

    /**
     * Maps memory, like {@code mmap(2)}. Only a VMA is created; pages are faulted in on first
     * access (unless MAP_POPULATE or MAP_LOCKED). Adjacent compatible mappings merge as in Linux.
     *
     * @param addr a hint (0 for none; the kernel picks the highest free range below mmap_base),
     *        or the exact address with {@link #MAP_FIXED} / {@link #MAP_FIXED_NOREPLACE}
     * @param length bytes, rounded up to whole pages
     * @param prot {@link #PROT_READ} | {@link #PROT_WRITE} | {@link #PROT_EXEC}, or {@link #PROT_NONE}
     * @param flags {@link #MAP_PRIVATE} or {@link #MAP_SHARED}, optionally with
     *        {@link #MAP_ANONYMOUS}, {@link #MAP_FIXED}, {@link #MAP_FIXED_NOREPLACE},
     *        {@link #MAP_POPULATE}, {@link #MAP_GROWSDOWN}, {@link #MAP_NORESERVE}, {@link #MAP_LOCKED}
     * @param fd an open file, ignored with {@link #MAP_ANONYMOUS} (pass -1)
     * @param offset offset in the file, a multiple of the page size
     * @return the address of the mapping
     * @throws Errno {@link Errno#EINVAL} (length 0, unaligned offset or fixed address, no or both
     *         mapping types, unknown prot bits), {@link Errno#EBADF} (bad fd), {@link Errno#ENODEV}
     *         (a file of /proc),
     *         {@link Errno#EACCES} (file not open for reading, or MAP_SHARED with PROT_WRITE on a
     *         file not open for writing), {@link Errno#ENOMEM} (no room, or max_map_count
     *         mappings reached), {@link Errno#EEXIST} (MAP_FIXED_NOREPLACE over a mapping),
     *         {@link Errno#EPERM} (fixed address below mmap_min_addr), {@link Errno#EOVERFLOW}
     */
    long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    /**
     * Unmaps a range, like {@code munmap(2)}; parts of mappings are split off. Unmapping
     * nothing is not an error.
     *
     * @param addr page-aligned start
     * @param length bytes, rounded up
     * @throws Errno {@link Errno#EINVAL} (unaligned, length 0, outside the user space),
     *         {@link Errno#ENOMEM} (the split would exceed max_map_count)
     */
    void munmap(long addr, long length);

    /**
     * Changes the protection of a range, like {@code mprotect(2)}; mappings are split at the
     * range's ends and merged with equal neighbours.
     *
     * @param addr page-aligned start
     * @param length bytes, rounded up (0 does nothing)
     * @param prot new protection
     * @throws Errno {@link Errno#EINVAL} (unaligned, unknown bits), {@link Errno#ENOMEM} (part of
     *         the range is not mapped), {@link Errno#EACCES} (e.g. PROT_WRITE on a shared mapping
     *         of a file opened read-only)
     */
    void mprotect(long addr, long length, int prot);

    /**
     * The raw {@code brk} system call: asks for a new program break. The kernel returns the
     * new break, or the unchanged current one when it refuses; {@code brk(0)} just returns it.
     *
     * @param addr the wanted break
     * @return the break after the call
     */
    long brk(long addr);

    /**
     * Moves the program break, like libc's {@code sbrk(3)}.
     *
     * @param increment bytes to add (negative to shrink, 0 to query)
     * @return the previous break
     * @throws Errno {@link Errno#ENOMEM} if the kernel refused
     */
    long sbrk(long increment);

    /**
     * Writes a shared file mapping back, like {@code msync(2)}.
     *
     * @param addr page-aligned start
     * @param length bytes
     * @param flags {@link #MS_ASYNC} or {@link #MS_SYNC}, optionally {@link #MS_INVALIDATE}
     * @throws Errno {@link Errno#EINVAL}, {@link Errno#ENOMEM} (unmapped part)
     */
    void msync(long addr, long length, int flags);

    /**
     * Gives advice about a range, like {@code madvise(2)}; {@link #MADV_DONTNEED} frees the
     * pages (private anonymous memory then reads back as zeros), {@link #MADV_HUGEPAGE} and
     * {@link #MADV_NOHUGEPAGE} mark the range's mappings (splitting them at the range's ends).
     *
     * @param addr page-aligned start
     * @param length bytes
     * @param advice MADV_*
     * @throws Errno {@link Errno#EINVAL}, {@link Errno#ENOMEM} (unmapped part)
     */
    void madvise(long addr, long length, int advice);

    // ---- files (an in-memory file system: / on a simulated disk, /tmp and /dev/shm are tmpfs, /proc)

    /**
     * Opens a file, like {@code open(2)} (with mode 0644 when creating). The files of
     * {@code /proc} ({@code /proc/self/maps}, {@code /proc/self/status}, {@code /proc/meminfo}…)
     * can be opened and read like any file: their text is generated at the first {@code read},
     * from the kernel's state at that moment; {@code /proc/self} is the calling process. They
     * are read-only: only root may open them for writing, and writing fails with EINVAL.
     *
     * @param path absolute path (a relative one is taken from /)
     * @param flags {@link #O_RDONLY}, {@link #O_WRONLY} or {@link #O_RDWR}, with {@link #O_CREAT},
     *        {@link #O_EXCL}, {@link #O_TRUNC}, {@link #O_APPEND}
     * @return the lowest free descriptor
     * @throws Errno {@link Errno#ENOENT}, {@link Errno#EEXIST}, {@link Errno#EINVAL}, {@link Errno#EMFILE},
     *         {@link Errno#EACCES} (a file of /proc opened for writing by another user than root)
     */
    int open(String path, int flags);

    /**
     * Reads from a file into the caller's memory, like {@code read(2)}.
     *
     * @param fd descriptor
     * @param buf user address of the buffer
     * @param count bytes wanted
     * @return bytes read, 0 at the end of the file
     * @throws Errno {@link Errno#EBADF}, {@link Errno#EFAULT} (buffer not writable memory)
     */
    int read(int fd, long buf, int count);

    /**
     * Writes from the caller's memory to a file, like {@code write(2)}; descriptors 1 and 2
     * write to the task's output.
     *
     * @param fd descriptor
     * @param buf user address of the data
     * @param count bytes
     * @return bytes written
     * @throws Errno {@link Errno#EBADF}, {@link Errno#EFAULT} (buffer not readable memory)
     */
    int write(int fd, long buf, int count);

    /**
     * Writes bytes held by the Java program (not in simulated memory) to a file; a convenience
     * for preparing files, like writing them with an editor before the program runs.
     *
     * @param fd descriptor
     * @param data the bytes
     * @return bytes written
     * @throws Errno {@link Errno#EBADF}
     */
    int write(int fd, byte[] data);

    /**
     * Moves the file position, like {@code lseek(2)}.
     *
     * @param fd descriptor
     * @param offset offset
     * @param whence {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}
     * @return the new position
     * @throws Errno {@link Errno#EBADF}, {@link Errno#EINVAL}
     */
    long lseek(int fd, long offset, int whence);

    /**
     * Sets a file's size, like {@code ftruncate(2)}.
     *
     * @param fd descriptor open for writing
     * @param length new size
     * @throws Errno {@link Errno#EBADF}, {@link Errno#EINVAL}
     */
    void ftruncate(int fd, long length);

    /**
     * Closes a descriptor, like {@code close(2)}; mappings of the file stay valid.
     *
     * @param fd descriptor
     * @throws Errno {@link Errno#EBADF}
     */
    void close(int fd);

    /**
     * Removes a file name, like {@code unlink(2)}; the data lives on while open or mapped.
     *
     * @param path the path
     * @throws Errno {@link Errno#ENOENT}
     */
    void unlink(String path);

    // ---- loads and stores (what C code does through pointers)

    /**
     * @param addr user address
     * @return the byte there (as the CPU loads it; a bad address delivers SIGSEGV)
     */
    byte readByte(long addr);

    /**
     * Stores a byte (a bad or read-only address delivers SIGSEGV).
     *
     * @param addr user address
     * @param value the byte (low 8 bits)
     */
    void writeByte(long addr, int value);

    /**
     * @param addr user address
     * @return the little-endian 32-bit int there
     */
    int readInt(long addr);

    /**
     * Stores a little-endian 32-bit int.
     *
     * @param addr user address
     * @param value the value
     */
    void writeInt(long addr, int value);

    /**
     * @param addr user address
     * @return the little-endian 64-bit value there (a pointer or a long)
     */
    long readLong(long addr);

    /**
     * Stores a little-endian 64-bit value.
     *
     * @param addr user address
     * @param value the value
     */
    void writeLong(long addr, long value);

    /**
     * @param addr user address
     * @param length bytes
     * @return a copy of the bytes
     * @throws Errno {@link Errno#EINVAL} for a negative length
     */
    byte[] readBytes(long addr, int length);

    /**
     * Stores bytes.
     *
     * @param addr user address
     * @param data the bytes
     */
    void writeBytes(long addr, byte[] data);

    /**
     * @param addr address of a NUL-terminated string
     * @return the string (bytes as ISO-8859-1 characters)
     */
    String readString(long addr);

    /**
     * Stores a string and its terminating NUL (like {@code strcpy} from a string literal).
     *
     * @param addr user address
     * @param text the characters (each stored as one byte)
     */
    void writeString(long addr, String text);

    /**
     * The address of a symbol of the program, as a C program gets it with {@code &main} or the
     * linker symbols of {@code end(3)}.
     *
     * @param symbol {@code main} (in the text segment), {@code etext} (end of text),
     *        {@code edata} (end of initialized data) or {@code end} (end of bss)
     * @return the virtual address
     * @throws Errno {@link Errno#ENOENT} for another name
     */
    long addressOf(String symbol);

    /**
     * Allocates space on the caller's stack, like {@code alloca(3)} or a local array: the
     * address of a local variable. The space lives until the workload returns.
     *
     * @param size bytes
     * @return the (16-byte aligned) address
     */
    long alloca(long size);

    // ---- C library

    /**
     * Allocates memory, like glibc's {@code malloc(3)}: small blocks from the heap (the brk
     * area, which grows 132 KiB at a time), blocks of {@link #MMAP_THRESHOLD} or more in their
     * own anonymous mapping. The memory is not initialized (fresh pages read as zeros).
     *
     * @param size bytes
     * @return the block's address (16-byte aligned), or 0 with ENOMEM when memory runs out
     */
    long malloc(long size);

    /**
     * Allocates zeroed memory for an array, like {@code calloc(3)}.
     *
     * @param nmemb number of elements
     * @param size element size
     * @return the block's address, or 0 (also on multiplication overflow)
     */
    long calloc(long nmemb, long size);

    /**
     * Resizes a block, like {@code realloc(3)}: the contents are kept up to the smaller size.
     *
     * @param ptr a block, or 0 (then it is {@code malloc})
     * @param size the new size (0 frees the block and returns 0)
     * @return the (possibly moved) block, or 0 on failure (the old block stays valid)
     */
    long realloc(long ptr, long size);

    /**
     * Frees a block, like {@code free(3)}; {@code free(0)} does nothing. Freeing a block twice
     * aborts the process with glibc's {@code free(): double free detected in tcache 2} (or the
     * message glibc prints for that block size); freeing a pointer malloc did not return
     * aborts with {@code free(): invalid pointer}.
     *
     * @param ptr the block
     */
    void free(long ptr);

    /**
     * Copies a NUL-terminated string, like {@code strcpy(3)}.
     *
     * @param dst destination address
     * @param src source address
     * @return {@code dst}
     */
    long strcpy(long dst, long src);

    /**
     * @param s address of a NUL-terminated string
     * @return its length, like {@code strlen(3)}
     */
    long strlen(long s);

    /**
     * Copies bytes, like {@code memcpy(3)}.
     *
     * @param dst destination address
     * @param src source address
     * @param n bytes
     * @return {@code dst}
     */
    long memcpy(long dst, long src, long n);

    /**
     * Fills bytes, like {@code memset(3)}.
     *
     * @param s address
     * @param c the byte value
     * @param n bytes
     * @return {@code s}
     */
    long memset(long s, int c, long n);

    /**
     * Prints the string at an address and a newline to standard output, like {@code puts(3)}.
     *
     * @param s address of a NUL-terminated string
     * @return a non-negative number
     */
    int puts(long s);

    /**
     * Prints formatted text to standard output, like {@code printf(3)}: conversions
     * {@code %d %i %u %x %X %o %c %s %p %%} with flags {@code - 0 + space #}, width, precision
     * and the length modifiers {@code h hh l ll z j t}. {@code %p} prints a virtual address
     * as glibc does ({@code 0x55555555a2a0}, {@code (nil)} for 0); {@code %s} takes a Java
     * string, or a {@code Long} address of a string in memory.
     *
     * @param format the format
     * @param args the arguments (Java numbers, strings, characters)
     * @return the number of bytes printed
     */
    int printf(String format, Object... args);

    // ---- output

    /**
     * Writes text to the task's standard output, like {@code write(1, …)}; the runner shows it
     * prefixed with the task.
     *
     * @param text the text
     */
    void print(String text);
}
