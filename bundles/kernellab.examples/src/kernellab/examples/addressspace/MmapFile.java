package kernellab.examples.addressspace;

import java.nio.charset.StandardCharsets;

import kernellab.api.Rusage;
import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * The lecture's {@code mmap} example: a text file mapped into memory with {@code MAP_SHARED},
 * read and changed through plain loads and stores, written back with {@code msync}, unmapped,
 * and read again with {@code read()}.
 *
 * <p>The program writes {@value #PATH} ({@link #TEXT}: four lines, 75 bytes), opens it
 * read-write, maps it ({@code mmap(NULL, 75, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)}) and
 * closes the descriptor at once: the mapping keeps the file. It prints the mapping's line of
 * {@code /proc/self/maps}, counts the lines by loading byte after byte from memory, copies
 * {@code "Let's write over it"} to offset 20 with a store, calls {@code msync} and
 * {@code munmap}, and prints the file as {@code read()} returns it:
 * <pre>
 * mmap(NULL, 75, PROT_READ|PROT_WRITE, MAP_SHARED, 3, 0) = 0x7ffff7ffa000
 * 7ffff7ffa000-7ffff7ffb000 rw-s 00000000 08:01 1310725                    /home/student/test.txt
 * 4 lines, the first: "This is line one."; reading them cost 1 minor and 0 major page faults
 * ...
 * read() after munmap:
 * This is line one.
 * ThLet's write over its is line three.
 * </pre>
 *
 * <p>What to look at: a file mapping is a VMA whose pages are the file's pages in the page
 * cache: the maps line names the file with its device, inode and offset, and {@code s} says
 * shared. The mapping covers a whole page although the file has 75 bytes (the rest of the page
 * reads as zeros; touching a page wholly past the end would be SIGBUS). The first load faults
 * the page in from the page cache (a minor fault: the file was just written, so its page is
 * cached); the store goes to that very page after one more minor fault (ext4 writes dirty pages
 * back, so the kernel maps a shared file page read-only until its first write:
 * {@code vma_wants_writenotify}), and the page becomes dirty, so {@code read()} through
 * another descriptor sees it even before {@code msync}, and so does {@code cat} after the
 * program. With {@code MAP_PRIVATE} the store would copy the page first and the file would stay
 * unchanged. The store runs over the end of the second line and into the third: memory has no
 * lines, only bytes.
 */
public class MmapFile implements Workload {

    /** The file the program writes and maps. */
    public static final String PATH = "/home/student/test.txt";
    /** Its contents: four lines. */
    public static final String TEXT = "This is line one.\nThis is line two.\nThis is line three.\nThis is line four.\n";
    /** What the program stores into the mapping. */
    public static final String OVERWRITE = "Let's write over it";
    /** Where it stores it, from the start of the file. */
    public static final int OFFSET = 20;

    /** Creates the program. */
    public MmapFile() {
    }

    @Override
    public void run(Syscalls sys) {
        ProcReader proc = new ProcReader(sys);
        int fd = sys.open(PATH, Syscalls.O_RDWR | Syscalls.O_CREAT | Syscalls.O_TRUNC);
        sys.write(fd, TEXT.getBytes(StandardCharsets.ISO_8859_1));
        sys.close(fd);
        sys.printf("wrote %d bytes to %s\n", TEXT.length(), PATH);

        fd = sys.open(PATH, Syscalls.O_RDWR);
        long length = sys.lseek(fd, 0, Syscalls.SEEK_END);
        long p = sys.mmap(0, length, Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_SHARED, fd, 0);
        sys.printf("mmap(NULL, %d, PROT_READ|PROT_WRITE, MAP_SHARED, %d, 0) = %p\n", length, fd, p);
        sys.close(fd);
        sys.printf("close(%d): the mapping keeps the file\n", fd);
        sys.printf("%s\n", proc.mapsLine(p));

        Rusage before = sys.getrusage(Syscalls.RUSAGE_SELF);
        int lines = 0;
        StringBuilder first = new StringBuilder();
        for (long i = 0; i < length; i++) {
            byte c = sys.readByte(p + i);
            if (c == '\n') {
                lines++;
            } else if (lines == 0) {
                first.append((char) c);
            }
        }
        Rusage after = sys.getrusage(Syscalls.RUSAGE_SELF);
        sys.printf("%d lines, the first: \"%s\"; reading them cost %d minor and %d major page faults\n", lines,
                first.toString(), after.minflt() - before.minflt(), after.majflt() - before.majflt());

        sys.writeBytes(p + OFFSET, OVERWRITE.getBytes(StandardCharsets.ISO_8859_1));
        sys.printf("memcpy(p + %d, \"%s\", %d)\n", OFFSET, OVERWRITE, OVERWRITE.length());
        sys.msync(p, length, Syscalls.MS_SYNC);
        sys.printf("msync(p, %d, MS_SYNC)\n", length);
        sys.munmap(p, length);
        sys.printf("munmap(p, %d): %s\n", length, proc.mapsLine(p) == null ? "no longer mapped" : "still mapped");

        fd = sys.open(PATH, Syscalls.O_RDONLY);
        long buf = sys.malloc(length);
        int n = sys.read(fd, buf, (int) length);
        sys.close(fd);
        sys.printf("read() after munmap:\n%s", new String(sys.readBytes(buf, n), StandardCharsets.ISO_8859_1));
        sys.free(buf);
    }
}
