package kernellab.core.fs;

/**
 * An open file description ({@code struct file}): the inode, the access mode and the file
 * position; shared by descriptors that {@code fork} copies.
 */
public final class OpenFile {

    private final Inode inode;
    private final int flags;
    long pos;
    int refs = 1;

    OpenFile(Inode inode, int flags) {
        this.inode = inode;
        this.flags = flags;
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
        return (flags & Vfs.O_ACCMODE) != Vfs.O_WRONLY;
    }

    /** @return whether the file was opened for writing ({@code FMODE_WRITE}) */
    public boolean writable() {
        return (flags & Vfs.O_ACCMODE) != Vfs.O_RDONLY;
    }

    /** @return the file position */
    public long pos() {
        return pos;
    }
}
