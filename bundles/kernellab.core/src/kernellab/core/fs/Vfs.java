package kernellab.core.fs;

import static kernellab.api.Syscalls.O_ACCMODE;
import static kernellab.api.Syscalls.O_APPEND;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_EXCL;
import static kernellab.api.Syscalls.O_RDONLY;
import static kernellab.api.Syscalls.O_TRUNC;
import static kernellab.api.Syscalls.SEEK_CUR;
import static kernellab.api.Syscalls.SEEK_END;
import static kernellab.api.Syscalls.SEEK_SET;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.core.mm.Page;
import kernellab.core.mm.PageFlag;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskLifecycleListener;

/**
 * The simulated machine's files: one disk file system mounted at {@code /} (ext4 on
 * {@code /dev/sda1}, device 08:01), tmpfs on {@code /tmp} and {@code /dev/shm} (device 00:1a),
 * and the internal shmem mount behind shared anonymous mappings (device 00:01, the
 * {@code /dev/zero (deleted)} of /proc/PID/maps). File data lives in the page cache: a write
 * puts bytes into cached pages (marked dirty), a read copies them out, and mappings map the very
 * same pages, so MAP_SHARED stores are seen by {@code read()} and {@code cat}.
 *
 * <p>Each process has a descriptor table (fds 0–2 are the console); fork copies it and threads
 * share it, like {@code files_struct}.
 *
 * <p>{@code /proc} is a {@link SeqFiles} mount ({@link #mountProc}): its files are read-only text
 * generated when read, so a program can {@code open("/proc/self/maps")} and {@code read} it.
 */
public final class Vfs implements TaskLifecycleListener {

    /** {@code RLIMIT_NOFILE} soft limit. */
    public static final int NR_OPEN = 1024;

    /** Device of the root file system, 08:01. */
    public static final int ROOT_DEV = 8 << 8 | 1;
    /** Device of the tmpfs mounts, 00:1a. */
    public static final int TMPFS_DEV = 0x1a;
    /** Device of the internal shmem mount, 00:01. */
    public static final int SHM_DEV = 0x01;
    /** Device of the proc mount, 00:15. */
    public static final int PROC_DEV = 0x15;

    private final PhysicalMemory memory;
    private final Map<String, Inode> names = new TreeMap<>();
    private final Map<Task, FdTable> tables = new IdentityHashMap<>();
    private long nextRootIno = 1_310_722;
    private long nextTmpfsIno = 2;
    private long nextShmIno = 1_024;
    private long nextProcIno = 4_026_531_841L;
    private SeqFiles proc;

    /** A descriptor table ({@code files_struct}). */
    static final class FdTable {
        final OpenFile[] fds = new OpenFile[NR_OPEN];
        int users = 1;
    }

    /**
     * @param memory where page-cache pages come from
     */
    public Vfs(PhysicalMemory memory) {
        this.memory = memory;
    }

    // ---- name space

    /**
     * Mounts the proc file system at {@code /proc}, and the same files' {@code /sys} attributes.
     *
     * @param files the files under {@code /proc} and {@code /sys}
     */
    public void mountProc(SeqFiles files) {
        this.proc = files;
    }

    /**
     * @param path absolute path
     * @return the inode, or {@code null}
     */
    public Inode lookup(String path) {
        return names.get(path);
    }

    /**
     * Creates a file of a given size on the disk whose pages are not cached yet (a program or a
     * library of the simulated distribution), or returns the existing one.
     *
     * @param path absolute path
     * @param size file size in bytes
     * @return the inode
     */
    public Inode installFile(String path, long size) {
        Inode i = names.get(path);
        if (i == null) {
            i = create(path);
            i.setSize(size);
        }
        return i;
    }

    private Inode create(String path) {
        boolean tmpfs = path.startsWith("/tmp/") || path.startsWith("/dev/shm/");
        Inode i = tmpfs ? new Inode(nextTmpfsIno++, TMPFS_DEV, path, false) : new Inode(nextRootIno++, ROOT_DEV, path, true);
        names.put(path, i);
        return i;
    }

    /**
     * The file behind a shared anonymous mapping ({@code shmem_zero_setup}): an unlinked shmem
     * file named {@code /dev/zero}, so /proc/PID/maps shows {@code /dev/zero (deleted)}.
     *
     * @param size the mapping's length
     * @return a new unlinked inode
     */
    public Inode shmemZeroFile(long size) {
        Inode i = new Inode(nextShmIno++, SHM_DEV, "/dev/zero", false);
        i.setSize(size);
        i.unlink();
        return i;
    }

    /**
     * Removes a name, like {@code unlink(2)}; the inode and its pages live on while open or mapped.
     *
     * @param path absolute path
     * @throws Errno ENOENT if there is no such file
     */
    public void unlink(String path) {
        Inode i = names.remove(check(path));
        if (i == null) {
            throw new Errno(Errno.ENOENT, path);
        }
        i.unlink();
        evictIfUnused(i);
    }

    private static String check(String path) {
        if (path == null) {
            throw new Errno(Errno.EFAULT);
        }
        if (path.isEmpty()) {
            throw new Errno(Errno.ENOENT);
        }
        if (path.length() >= 4096) {
            throw new Errno(Errno.ENAMETOOLONG);
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    /** @return the paths of all files, sorted */
    public List<String> paths() {
        return new ArrayList<>(names.keySet());
    }

    /**
     * Drops an inode's pages once nothing refers to it ({@code iput} of the last reference).
     *
     * @param i the inode
     */
    public void evictIfUnused(Inode i) {
        if (!i.unused()) {
            return;
        }
        for (Long index : new ArrayList<>(i.cachedIndexes())) {
            Page p = i.removePage(index);
            p.setMapping(null);
            memory.freePages(p, 0);
        }
    }

    // ---- page cache

    /**
     * Finds or creates the page-cache page at an offset ({@code find_or_create_page}); a new
     * page is zero-filled (a hole, or a read of the simulated disk).
     *
     * @param i the inode
     * @param index page offset
     * @return the page (the cache's reference; the caller takes its own if it keeps it), or
     *         {@code null} when memory ran out
     */
    public Page findOrCreatePage(Inode i, long index) {
        Page p = i.findPage(index);
        if (p == null) {
            p = memory.allocPages(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
            if (p != null) {
                i.addPage(index, p);
            }
        }
        return p;
    }

    // ---- descriptors

    private FdTable table(Task t) {
        return tables.computeIfAbsent(t.groupLeader(), k -> new FdTable());
    }

    /**
     * {@code open(2)}.
     *
     * @param t the caller
     * @param path absolute or relative (to {@code /}) path
     * @param flags O_* flags
     * @return the lowest free descriptor, at least 3; the access mode 3 ({@code O_ACCMODE}) gives,
     *         as on Linux, a descriptor that can neither read nor write
     * @throws Errno ENOENT, EEXIST, EMFILE, EISDIR as Linux
     */
    public int open(Task t, String path, int flags) {
        String p = check(path);
        if (p.endsWith("/")) {
            throw new Errno(Errno.EISDIR);
        }
        FdTable table = table(t);
        int fd = 3;
        while (fd < NR_OPEN && table.fds[fd] != null) {
            fd++;
        }
        if (fd == NR_OPEN) {
            throw new Errno(Errno.EMFILE);
        }
        if (proc != null && SeqFiles.covers(p)) {
            OpenFile f = openProc(t, p, flags);
            f.inode().opened(1);
            table.fds[fd] = f;
            return fd;
        }
        Inode i = names.get(p);
        if (i == null) {
            if ((flags & O_CREAT) == 0) {
                throw new Errno(Errno.ENOENT, path);
            }
            i = create(p);
        } else if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
            throw new Errno(Errno.EEXIST, path);
        }
        OpenFile f = new OpenFile(i, flags & (O_ACCMODE | O_APPEND));
        if ((flags & O_TRUNC) != 0 && f.writable()) {
            truncate(i, 0);
        }
        i.opened(1);
        table.fds[fd] = f;
        return fd;
    }

    /**
     * Opens a file of /proc. The files have mode 0444 (0644 for the writable ones of
     * {@code /proc/sys}): another user than root may only read them (EACCES); root may open them
     * for writing ({@code CAP_DAC_OVERRIDE}), and a file without a write operation then fails
     * every write with EINVAL. Nothing can be created there.
     */
    private OpenFile openProc(Task t, String path, int flags) {
        var text = proc.lookup(t, path);
        if (text == null) {
            throw new Errno((flags & O_CREAT) != 0 ? Errno.EACCES : Errno.ENOENT, path);
        }
        if ((flags & O_ACCMODE) != O_RDONLY && t.uid() != 0) {
            throw new Errno(Errno.EACCES, path);
        }
        return new OpenFile(new Inode(nextProcIno++, PROC_DEV, path, false), flags & (O_ACCMODE | O_APPEND), text,
                proc.writer(path));
    }

    /**
     * @param t the caller
     * @param fd a descriptor
     * @return its open file
     * @throws Errno EBADF if it is not open
     */
    public OpenFile file(Task t, int fd) {
        if (fd < 0 || fd >= NR_OPEN) {
            throw new Errno(Errno.EBADF);
        }
        OpenFile f = table(t).fds[fd];
        if (f == null) {
            throw new Errno(Errno.EBADF);
        }
        return f;
    }

    /**
     * {@code close(2)}.
     *
     * @param t the caller
     * @param fd the descriptor
     * @throws Errno EBADF if it is not open
     */
    public void close(Task t, int fd) {
        OpenFile f = file(t, fd);
        table(t).fds[fd] = null;
        put(f);
    }

    private void put(OpenFile f) {
        if (--f.refs == 0) {
            f.inode().opened(-1);
            evictIfUnused(f.inode());
        }
    }

    /**
     * {@code read(2)} at the file position.
     *
     * @param t the caller
     * @param fd the descriptor
     * @param count bytes wanted
     * @return the bytes read (fewer at the end of the file, none at or past it)
     * @throws Errno EBADF if not open for reading, EINVAL for a negative count
     */
    public byte[] read(Task t, int fd, int count) {
        OpenFile f = file(t, fd);
        if (!f.readable()) {
            throw new Errno(Errno.EBADF);
        }
        if (count < 0) {
            throw new Errno(Errno.EINVAL);
        }
        if (f.seqFile()) {
            byte[] text = f.seqText();
            int n = (int) Math.max(0, Math.min(count, text.length - f.pos));
            byte[] out = new byte[n];
            System.arraycopy(text, (int) f.pos, out, 0, n);
            f.pos += n;
            return out;
        }
        Inode i = f.inode();
        int n = (int) Math.max(0, Math.min(count, i.size() - f.pos));
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            long pos = f.pos + done;
            int po = (int) (pos & (PhysicalMemory.PAGE_SIZE - 1));
            int len = Math.min(PhysicalMemory.PAGE_SIZE - po, n - done);
            Page p = i.findPage(pos >>> PhysicalMemory.PAGE_SHIFT);
            if (p != null) {
                memory.read(PhysicalMemory.pageAddress(p) + po, out, done, len);
            }
            done += len;
        }
        f.pos += n;
        return out;
    }

    /**
     * {@code write(2)} at the file position (at the end with O_APPEND); the data goes into
     * page-cache pages, which are marked dirty.
     *
     * @param t the caller
     * @param fd the descriptor
     * @param data the bytes
     * @return bytes written
     * @throws Errno EBADF if not open for writing, ENOSPC when memory for the page cache ran out,
     *         EINVAL for a file of /proc without a write handler; a sysctl of /proc/sys takes the
     *         data of each write as its new value ({@code proc_sys_write}) and throws its handler's errno
     */
    public int write(Task t, int fd, byte[] data) {
        OpenFile f = file(t, fd);
        if (!f.writable()) {
            throw new Errno(Errno.EBADF);
        }
        if (f.seqFile()) {
            if (f.seqWrite() == null) {
                throw new Errno(Errno.EINVAL);
            }
            f.seqWrite().accept(new String(data, StandardCharsets.ISO_8859_1));
            f.pos += data.length;
            return data.length;
        }
        Inode i = f.inode();
        if ((f.flags() & O_APPEND) != 0) {
            f.pos = i.size();
        }
        int done = 0;
        while (done < data.length) {
            long pos = f.pos + done;
            int po = (int) (pos & (PhysicalMemory.PAGE_SIZE - 1));
            int len = Math.min(PhysicalMemory.PAGE_SIZE - po, data.length - done);
            Page p = findOrCreatePage(i, pos >>> PhysicalMemory.PAGE_SHIFT);
            if (p == null) {
                if (done == 0) {
                    throw new Errno(Errno.ENOSPC);
                }
                break;
            }
            memory.write(PhysicalMemory.pageAddress(p) + po, data, done, len);
            p.set(PageFlag.DIRTY);
            done += len;
        }
        f.pos += done;
        i.setSize(Math.max(i.size(), f.pos));
        return done;
    }

    /**
     * {@code lseek(2)}.
     *
     * @param t the caller
     * @param fd the descriptor
     * @param offset the offset
     * @param whence SEEK_SET, SEEK_CUR or SEEK_END
     * @return the new position
     * @throws Errno EBADF, EINVAL for a bad whence or a negative result, and for SEEK_END on a
     *         file of /proc (its text has no known end: {@code seq_lseek})
     */
    public long lseek(Task t, int fd, long offset, int whence) {
        OpenFile f = file(t, fd);
        if (f.seqFile() && whence == SEEK_END) {
            throw new Errno(Errno.EINVAL);
        }
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> f.pos;
            case SEEK_END -> f.inode().size();
            default -> throw new Errno(Errno.EINVAL);
        };
        long pos = base + offset;
        if (pos < 0) {
            throw new Errno(Errno.EINVAL);
        }
        f.pos = pos;
        return pos;
    }

    /**
     * {@code ftruncate(2)}: sets the size; cached pages wholly past the new end that no mapping
     * uses are dropped and the tail of the last page is zeroed. On a file of /proc (open for
     * writing by root) it succeeds and changes nothing, like {@code proc_setattr}.
     *
     * @param t the caller
     * @param fd the descriptor
     * @param length the new size
     * @throws Errno EBADF, EINVAL if not open for writing or the length is negative
     */
    public void ftruncate(Task t, int fd, long length) {
        OpenFile f = file(t, fd);
        if (length < 0 || !f.writable()) {
            throw new Errno(Errno.EINVAL);
        }
        if (!f.seqFile()) {
            truncate(f.inode(), length);
        }
    }

    private void truncate(Inode i, long length) {
        long keep = (length + PhysicalMemory.PAGE_SIZE - 1) >>> PhysicalMemory.PAGE_SHIFT;
        for (Long index : new ArrayList<>(i.cachedIndexes())) {
            Page p = i.findPage(index);
            if (index >= keep && p.mapcount() == 0) {
                i.removePage(index);
                p.setMapping(null);
                memory.freePages(p, 0);
            }
        }
        int tail = (int) (length & (PhysicalMemory.PAGE_SIZE - 1));
        Page last = tail == 0 ? null : i.findPage(length >>> PhysicalMemory.PAGE_SHIFT);
        if (last != null && length < i.size()) {
            memory.write(PhysicalMemory.pageAddress(last) + tail, new byte[PhysicalMemory.PAGE_SIZE - tail], 0,
                    PhysicalMemory.PAGE_SIZE - tail);
        }
        i.setSize(length);
    }

    /**
     * Reads a whole file like {@code cat}.
     *
     * @param path absolute path
     * @return the content as ISO-8859-1 text (bytes as chars)
     * @throws Errno ENOENT if there is no such file
     */
    public String cat(String path) {
        Inode i = names.get(check(path));
        if (i == null) {
            throw new Errno(Errno.ENOENT, path);
        }
        byte[] out = new byte[(int) i.size()];
        for (int off = 0; off < out.length; off += PhysicalMemory.PAGE_SIZE) {
            Page p = i.findPage(off >>> PhysicalMemory.PAGE_SHIFT);
            if (p != null) {
                memory.read(PhysicalMemory.pageAddress(p), out, off, Math.min(PhysicalMemory.PAGE_SIZE, out.length - off));
            }
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    // ---- task life cycle

    @Override
    public void onFork(Task parent, Task child) {
        if (child.isKernelThread()) {
            return;
        }
        if (child.tgid() == parent.tgid()) {
            return;
        }
        FdTable p = tables.get(parent.groupLeader());
        if (p != null) {
            FdTable c = new FdTable();
            for (int fd = 0; fd < NR_OPEN; fd++) {
                if (p.fds[fd] != null) {
                    c.fds[fd] = p.fds[fd];
                    p.fds[fd].refs++;
                }
            }
            tables.put(child, c);
        }
    }

    @Override
    public void onExit(Task task) {
        if (task == task.groupLeader()) {
            FdTable table = tables.remove(task);
            if (table != null) {
                for (OpenFile f : table.fds) {
                    if (f != null) {
                        put(f);
                    }
                }
            }
        }
    }
}
