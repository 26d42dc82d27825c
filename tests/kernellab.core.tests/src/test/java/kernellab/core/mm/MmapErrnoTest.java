package kernellab.core.mm;

import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_FIXED;
import static kernellab.api.Syscalls.MAP_FIXED_NOREPLACE;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.MADV_DONTNEED;
import static kernellab.api.Syscalls.MS_ASYNC;
import static kernellab.api.Syscalls.MS_SYNC;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_RDONLY;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.O_WRONLY;
import static kernellab.api.Syscalls.PROT_EXEC;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.PROT_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Syscalls;

/** Every bad memory call fails with the errno Linux returns, and the process goes on. */
class MmapErrnoTest {

    private static final long A = 0x1_0000_0000L;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    private static final int RW = PROT_READ | PROT_WRITE;

    private interface Call {
        void run() throws Errno;
    }

    private static String errno(Call c) {
        try {
            c.run();
            return "ok";
        } catch (Errno e) {
            return e.symbol();
        }
    }

    @Test
    void errnos() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("errnos", (Syscalls sys) -> {
                int ro = sys.open("/ro.txt", O_RDWR | O_CREAT);
                sys.write(ro, new byte[8192]);
                sys.close(ro);
                int rd = sys.open("/ro.txt", O_RDONLY);
                int wr = sys.open("/ro.txt", O_WRONLY);
                log.add("len 0 " + errno(() -> sys.mmap(0, 0, RW, ANON, -1, 0)));
                log.add("no type " + errno(() -> sys.mmap(0, 4096, RW, MAP_ANONYMOUS, -1, 0)));
                log.add("bad prot " + errno(() -> sys.mmap(0, 4096, 8, ANON, -1, 0)));
                log.add("unaligned fixed " + errno(() -> sys.mmap(A + 1, 4096, RW, ANON | MAP_FIXED, -1, 0)));
                log.add("unaligned offset " + errno(() -> sys.mmap(0, 4096, PROT_READ, MAP_PRIVATE, rd, 100)));
                log.add("bad fd " + errno(() -> sys.mmap(0, 4096, PROT_READ, MAP_PRIVATE, 42, 0)));
                log.add("shared write on O_RDONLY " + errno(() -> sys.mmap(0, 4096, RW, MAP_SHARED, rd, 0)));
                log.add("shared read on O_RDONLY " + errno(() -> sys.mmap(0, 4096, PROT_READ, MAP_SHARED, rd, 0)));
                log.add("private on O_WRONLY " + errno(() -> sys.mmap(0, 4096, PROT_READ, MAP_PRIVATE, wr, 0)));
                log.add("fixed below mmap_min_addr " + errno(() -> sys.mmap(4096, 4096, RW, ANON | MAP_FIXED, -1, 0)));
                log.add("too long " + errno(() -> sys.mmap(0, 1L << 48, RW, ANON, -1, 0)));
                sys.mmap(A, 8192, RW, ANON | MAP_FIXED, -1, 0);
                log.add("noreplace " + errno(() -> sys.mmap(A + 4096, 4096, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0)));
                log.add("munmap unaligned " + errno(() -> sys.munmap(A + 1, 4096)));
                log.add("munmap len 0 " + errno(() -> sys.munmap(A, 0)));
                log.add("munmap nothing " + errno(() -> sys.munmap(A + 0x100000, 4096)));
                log.add("mprotect unaligned " + errno(() -> sys.mprotect(A + 1, 4096, PROT_READ)));
                log.add("mprotect hole " + errno(() -> sys.mprotect(A, 3 * 4096, PROT_READ)));
                log.add("after partial mprotect " + h.region(sys.getpid(), A, A + 0x10000).replace('\n', '|'));
                long shared = sys.mmap(0, 4096, PROT_READ, MAP_SHARED, rd, 0);
                log.add("mprotect beyond VM_MAYWRITE " + errno(() -> sys.mprotect(shared, 4096, RW)));
                log.add("mprotect exec ok " + errno(() -> sys.mprotect(shared, 4096, PROT_READ | PROT_EXEC)));
                log.add("madvise bad advice " + errno(() -> sys.madvise(A, 4096, 99)));
                log.add("madvise hole " + errno(() -> sys.madvise(A, 0x10000, MADV_DONTNEED)));
                log.add("msync both " + errno(() -> sys.msync(A, 4096, MS_ASYNC | MS_SYNC)));
                log.add("msync hole " + errno(() -> sys.msync(A + 0x10000, 4096, MS_SYNC)));
                log.add("sbrk too far " + errno(() -> sys.sbrk(1L << 46)));
                log.add("close twice " + errno(() -> {
                    sys.close(wr);
                    sys.close(wr);
                }));
            });
            h.runToEnd();
        }
        assertEquals(List.of("len 0 EINVAL", "no type EINVAL", "bad prot EINVAL", "unaligned fixed EINVAL",
                "unaligned offset EINVAL", "bad fd EBADF", "shared write on O_RDONLY EACCES", "shared read on O_RDONLY ok",
                "private on O_WRONLY EACCES", "fixed below mmap_min_addr EPERM", "too long ENOMEM", "noreplace EEXIST",
                "munmap unaligned EINVAL", "munmap len 0 EINVAL", "munmap nothing ok", "mprotect unaligned EINVAL",
                "mprotect hole ENOMEM",
                "after partial mprotect 100000000-100002000 r--p 00000000 00:00 0 |",
                "mprotect beyond VM_MAYWRITE EACCES", "mprotect exec ok ok", "madvise bad advice EINVAL", "madvise hole ENOMEM",
                "msync both EINVAL", "msync hole ENOMEM", "sbrk too far ENOMEM", "close twice EBADF"), log.entries);
    }

    @Test
    void maxMapCountLimitsTheNumberOfVmas() {
        VmHarness.Log log = new VmHarness.Log();
        try (VmHarness h = new VmHarness()) {
            h.launch("maxmap", (Syscalls sys) -> {
                MmStruct mm = h.vm().mm(h.k.scheduler().task(sys.getpid()));
                h.vm().setMaxMapCount(mm.mapCount() + 2);
                sys.mmap(A, 4096, RW, ANON | MAP_FIXED, -1, 0);
                sys.mmap(A + 0x10000, 3 * 4096, RW, ANON | MAP_FIXED, -1, 0);
                log.add(errno(() -> sys.mmap(A + 0x20000, 4096, RW, ANON | MAP_FIXED, -1, 0)));
                log.add(errno(() -> sys.mmap(A + 0x40000, 4096, RW, ANON | MAP_FIXED, -1, 0)));
                log.add(errno(() -> sys.mmap(A + 0x1000, 4096, RW, ANON | MAP_FIXED, -1, 0)));
                log.add(errno(() -> sys.munmap(A + 0x20000, 4096)));
                log.add(errno(() -> sys.munmap(A + 0x11000, 4096)));
                log.add(errno(() -> sys.munmap(A + 0x10000, 4096)));
            });
            h.runToEnd();
        }
        assertEquals(List.of("ok", "ENOMEM", "ENOMEM", "ok", "ENOMEM", "ok"), log.entries,
                "do_mmap refuses once map_count exceeds the limit (even a merging request); a munmap that splits "
                        + "a VMA in two needs room, trimming one end does not");
    }
}
