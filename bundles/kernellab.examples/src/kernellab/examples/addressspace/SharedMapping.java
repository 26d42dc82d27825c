package kernellab.examples.addressspace;

import kernellab.api.Syscalls;
import kernellab.api.Workload;

/**
 * Two processes sharing memory through a {@code MAP_SHARED} mapping, next to a
 * {@code MAP_PRIVATE} one for comparison.
 *
 * <p>The parent maps one anonymous page of each kind, writes {@code "written by the parent"}
 * into both and forks. The child prints what it sees, writes {@code "written by the child"}
 * into both, and exits. The parent waits for it with {@code waitpid} and prints both pages
 * again:
 * <pre>
 * SharedMapping[2]: shared  0x7ffff7ffa000: "written by the parent"
 * SharedMapping[2]: private 0x7ffff7d8f000: "written by the parent"
 * SharedMapping[2]: 7ffff7ffa000-7ffff7ffb000 rw-s 00000000 00:01 1024                       /dev/zero (deleted)
 * SharedMapping[2]: 7ffff7d8f000-7ffff7d93000 rw-p 00000000 00:00 0
 * SharedMapping[3]: child sees shared "written by the parent", private "written by the parent"
 * SharedMapping[3]: child wrote "written by the child" into both
 * SharedMapping[2]: after waitpid: shared "written by the child", private "written by the parent"
 * </pre>
 *
 * <p>What to look at: fork gives the child a copy of the parent's address space with the same
 * addresses, so the same pointer works in both. For the private mapping the copy is
 * copy-on-write: the child's store faults and gets a page of its own, so the parent never sees
 * it. The shared mapping's pages are not copied: both page tables point at the same page frame,
 * so the child's store is the parent's. An anonymous shared mapping is a file of the kernel's
 * internal shmem mount, which {@code /proc/PID/maps} shows as {@code /dev/zero (deleted)} with
 * {@code rw-s}; the private one is {@code rw-p} without a name, and 16 kB long: its page merged
 * with the anonymous mapping next to it (the main thread's TLS block), which has the same flags.
 * {@code waitpid} is what orders the two processes: without it the parent could read before the
 * child wrote (shared memory gives no synchronization of its own).
 */
public class SharedMapping implements Workload {

    /** What the parent writes. */
    public static final String PARENT_TEXT = "written by the parent";
    /** What the child writes. */
    public static final String CHILD_TEXT = "written by the child";

    /** Creates the program. */
    public SharedMapping() {
    }

    @Override
    public void run(Syscalls sys) {
        ProcReader proc = new ProcReader(sys);
        int page = 4096;
        long shared = sys.mmap(0, page, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_SHARED | Syscalls.MAP_ANONYMOUS, -1, 0);
        long priv = sys.mmap(0, page, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
        sys.writeString(shared, PARENT_TEXT);
        sys.writeString(priv, PARENT_TEXT);
        sys.printf("shared  %p: \"%s\"\n", shared, shared);
        sys.printf("private %p: \"%s\"\n", priv, priv);
        sys.printf("%s\n%s\n", proc.mapsLine(shared), proc.mapsLine(priv));

        int child = sys.fork(c -> {
            c.printf("child sees shared \"%s\", private \"%s\"\n", shared, priv);
            c.writeString(shared, CHILD_TEXT);
            c.writeString(priv, CHILD_TEXT);
            c.printf("child wrote \"%s\" into both\n", CHILD_TEXT);
        });
        sys.waitpid(child, 0);
        sys.printf("after waitpid: shared \"%s\", private \"%s\"\n", shared, priv);
        sys.munmap(shared, page);
        sys.munmap(priv, page);
    }
}
