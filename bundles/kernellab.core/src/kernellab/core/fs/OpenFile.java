package kernellab.core.fs;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;

import kernellab.api.Syscalls;

/**
 * An open file description ({@code struct file}): the inode, the access mode and the file
 * position; shared by descriptors that {@code fork} copies. A file of a {@link SeqFiles} mount
 * (/proc) has no data of its own: its text is produced at the first read, as {@code seq_read}
 * does, and later reads continue in that text.
 */
public final class OpenFile {

    /** {@code FMODE_READ} and {@code FMODE_WRITE} of {@code struct file}'s {@code f_mode}. */
    private static final int FMODE_READ = 1;
    private static final int FMODE_WRITE = 2;

    private final Inode inode;
    private final int flags;
    private final Supplier<String> seq;
    private final Consumer<String> seqWrite;
    private byte[] seqText;
    long pos;
    int refs = 1;

    OpenFile(Inode inode, int flags) {
        this(inode, flags, null, null);
    }

    OpenFile(Inode inode, int flags, Supplier<String> seq, Consumer<String> seqWrite) {
        this.inode = inode;
        this.flags = flags;
        this.seq = seq;
        this.seqWrite = seqWrite;
    }

    /** @return what takes writes to a file of /proc that has a write handler, or {@code null} */
    Consumer<String> seqWrite() {
        return seqWrite;
    }

    /** @return whether this is a generated file of /proc rather than a file with data */
    public boolean seqFile() {
        return seq != null;
    }

    /** @return the generated text, produced at the first call */
    byte[] seqText() {
        if (seqText == null) {
            seqText = seq.get().getBytes(StandardCharsets.ISO_8859_1);
        }
        return seqText;
    }

    /** @return the inode */
    public Inode inode() {
        return inode;
    }

    /** @return the open flags ({@code O_ACCMODE} bits and {@code O_APPEND}) */
    public int flags() {
        return flags;
    }

    /** @return whether the file was opened for reading ({@code FMODE_READ}) */
    public boolean readable() {
        return (fmode() & FMODE_READ) != 0;
    }

    /** @return whether the file was opened for writing ({@code FMODE_WRITE}) */
    public boolean writable() {
        return (fmode() & FMODE_WRITE) != 0;
    }

    /**
     * @return the file's mode as Linux's {@code OPEN_FMODE} derives it from the access mode:
     *         O_RDONLY reads, O_WRONLY writes, O_RDWR both, and the nonstandard mode 3 neither
     */
    private int fmode() {
        return (flags + 1) & Syscalls.O_ACCMODE;
    }

    /** @return the file position */
    public long pos() {
        return pos;
    }
}
