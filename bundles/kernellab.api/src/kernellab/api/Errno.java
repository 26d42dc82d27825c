package kernellab.api;

/**
 * A failed system call, carrying the error number Linux would return in {@code errno}.
 * Thrown by the methods of {@link Syscalls}; a workload may catch it, print it (the message
 * is {@code strerror}'s text, as {@code perror} shows it) or let it escape, which kills the
 * task like an uncaught C++ exception does (SIGABRT).
 *
 * <pre>{@code
 * try {
 *     sys.schedSetweight(0, 25);
 * } catch (Errno e) {
 *     assert e.errno() == Errno.EINVAL;   // "Invalid argument"
 * }
 * }</pre>
 */
public final class Errno extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Input/output error. */
    public static final int EIO = 5;
    /** No such device or address. */
    public static final int ENXIO = 6;
    /** Argument list too long. */
    public static final int E2BIG = 7;
    /** Exec format error. */
    public static final int ENOEXEC = 8;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** No child processes. */
    public static final int ECHILD = 10;
    /** Resource temporarily unavailable. */
    public static final int EAGAIN = 11;
    /** Cannot allocate memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Not a directory. */
    public static final int ENOTDIR = 20;
    /** Is a directory. */
    public static final int EISDIR = 21;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Too many open files in system. */
    public static final int ENFILE = 23;
    /** Too many open files. */
    public static final int EMFILE = 24;
    /** File too large. */
    public static final int EFBIG = 27;
    /** No space left on device. */
    public static final int ENOSPC = 28;
    /** Illegal seek. */
    public static final int ESPIPE = 29;
    /** Read-only file system. */
    public static final int EROFS = 30;
    /** Broken pipe. */
    public static final int EPIPE = 32;
    /** Numerical result out of range. */
    public static final int ERANGE = 34;
    /** Resource deadlock avoided. */
    public static final int EDEADLK = 35;
    /** File name too long. */
    public static final int ENAMETOOLONG = 36;
    /** Function not implemented. */
    public static final int ENOSYS = 38;
    /** Value too large for defined data type. */
    public static final int EOVERFLOW = 75;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;

    private static final String[][] TABLE = new String[96][];

    static {
        def(EPERM, "EPERM", "Operation not permitted");
        def(ENOENT, "ENOENT", "No such file or directory");
        def(ESRCH, "ESRCH", "No such process");
        def(EINTR, "EINTR", "Interrupted system call");
        def(EIO, "EIO", "Input/output error");
        def(ENXIO, "ENXIO", "No such device or address");
        def(E2BIG, "E2BIG", "Argument list too long");
        def(ENOEXEC, "ENOEXEC", "Exec format error");
        def(EBADF, "EBADF", "Bad file descriptor");
        def(ECHILD, "ECHILD", "No child processes");
        def(EAGAIN, "EAGAIN", "Resource temporarily unavailable");
        def(ENOMEM, "ENOMEM", "Cannot allocate memory");
        def(EACCES, "EACCES", "Permission denied");
        def(EFAULT, "EFAULT", "Bad address");
        def(EBUSY, "EBUSY", "Device or resource busy");
        def(EEXIST, "EEXIST", "File exists");
        def(ENODEV, "ENODEV", "No such device");
        def(ENOTDIR, "ENOTDIR", "Not a directory");
        def(EISDIR, "EISDIR", "Is a directory");
        def(EINVAL, "EINVAL", "Invalid argument");
        def(ENFILE, "ENFILE", "Too many open files in system");
        def(EMFILE, "EMFILE", "Too many open files");
        def(EFBIG, "EFBIG", "File too large");
        def(ENOSPC, "ENOSPC", "No space left on device");
        def(ESPIPE, "ESPIPE", "Illegal seek");
        def(EROFS, "EROFS", "Read-only file system");
        def(EPIPE, "EPIPE", "Broken pipe");
        def(ERANGE, "ERANGE", "Numerical result out of range");
        def(EDEADLK, "EDEADLK", "Resource deadlock avoided");
        def(ENAMETOOLONG, "ENAMETOOLONG", "File name too long");
        def(ENOSYS, "ENOSYS", "Function not implemented");
        def(EOVERFLOW, "EOVERFLOW", "Value too large for defined data type");
        def(EOPNOTSUPP, "EOPNOTSUPP", "Operation not supported");
    }

    private static void def(int errno, String symbol, String text) {
        TABLE[errno] = new String[] {symbol, text};
    }

    private final int errno;

    /**
     * @param errno one of the constants of this class
     * @throws IllegalArgumentException if the number is not a known errno
     */
    public Errno(int errno) {
        super(strerror(errno));
        this.errno = errno;
    }

    /**
     * @param errno one of the constants of this class
     * @param detail what failed (e.g. the system call), prefixed to the message like {@code perror(detail)}
     */
    public Errno(int errno, String detail) {
        super(detail + ": " + strerror(errno));
        this.errno = errno;
    }

    /** @return the error number, e.g. 22 for {@link #EINVAL} */
    public int errno() {
        return errno;
    }

    /** @return the symbolic name, e.g. {@code "EINVAL"} */
    public String symbol() {
        return symbol(errno);
    }

    /**
     * @param errno an error number
     * @return its symbolic name, e.g. {@code "ESRCH"}
     * @throws IllegalArgumentException if unknown
     */
    public static String symbol(int errno) {
        return entry(errno)[0];
    }

    /**
     * @param errno an error number
     * @return glibc's {@code strerror} text, e.g. {@code "No such process"}
     * @throws IllegalArgumentException if unknown
     */
    public static String strerror(int errno) {
        return entry(errno)[1];
    }

    private static String[] entry(int errno) {
        if (errno <= 0 || errno >= TABLE.length || TABLE[errno] == null) {
            throw new IllegalArgumentException("unknown errno " + errno);
        }
        return TABLE[errno];
    }
}
