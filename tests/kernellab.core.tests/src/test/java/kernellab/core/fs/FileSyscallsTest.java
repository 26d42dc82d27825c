package kernellab.core.fs;

import static kernellab.api.Syscalls.MAP_ANONYMOUS;
import static kernellab.api.Syscalls.MAP_PRIVATE;
import static kernellab.api.Syscalls.MAP_SHARED;
import static kernellab.api.Syscalls.O_ACCMODE;
import static kernellab.api.Syscalls.O_APPEND;
import static kernellab.api.Syscalls.O_CREAT;
import static kernellab.api.Syscalls.O_EXCL;
import static kernellab.api.Syscalls.O_RDONLY;
import static kernellab.api.Syscalls.O_RDWR;
import static kernellab.api.Syscalls.O_TRUNC;
import static kernellab.api.Syscalls.O_WRONLY;
import static kernellab.api.Syscalls.PROT_READ;
import static kernellab.api.Syscalls.SEEK_CUR;
import static kernellab.api.Syscalls.SEEK_END;
import static kernellab.api.Syscalls.SEEK_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;
import kernellab.core.sched.Task;

/** open, read, write, lseek, ftruncate, close and unlink on the in-memory file system, with Linux's errors. */
class FileSyscallsTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(Syscalls sys, int fd, int n) {
        long buf = sys.alloca(n + 1L);
        int got = sys.read(fd, buf, n);
        return new String(sys.readBytes(buf, got), StandardCharsets.ISO_8859_1);
    }

    @Test
    void filesBehaveLikeLinuxFiles() {
        List<String> log = new ArrayList<>();
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task t = k.launch(TaskSpec.of("files", (Syscalls sys) -> {
                int fd = sys.open("/tmp/f", O_RDWR | O_CREAT);
                log.add("fd " + fd);
                sys.write(fd, bytes("hello, world\n"));
                log.add("pos " + sys.lseek(fd, 0, SEEK_CUR));
                sys.lseek(fd, 7, SEEK_SET);
                log.add("read '" + text(sys, fd, 5) + "'");
                log.add("end " + sys.lseek(fd, -1, SEEK_END));
                sys.ftruncate(fd, 5);
                sys.lseek(fd, 0, SEEK_SET);
                log.add("truncated '" + text(sys, fd, 100) + "'");
                sys.ftruncate(fd, 8);
                sys.lseek(fd, 0, SEEK_SET);
                log.add("grown " + text(sys, fd, 100).replace('\0', '0'));
                int app = sys.open("/tmp/f", O_WRONLY | O_APPEND);
                sys.write(app, bytes("!"));
                log.add("appended size " + sys.lseek(app, 0, SEEK_END));
                long p = sys.mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 0);
                sys.close(fd);
                sys.close(app);
                sys.unlink("/tmp/f");
                log.add("mapped after unlink '" + sys.readString(p) + "'");
                String maps = k.procFs().read("/proc/" + sys.getpid() + "/maps");
                log.add(maps.lines().filter(l -> l.contains("/tmp/f")).findFirst().orElse("").substring(26));
                for (String[] call : new String[][] {{"open missing"}, {"excl"}, {"read on O_WRONLY"}, {"read on O_ACCMODE"},
                        {"write on O_ACCMODE"}, {"bad lseek"}}) {
                    try {
                        switch (call[0]) {
                            case "open missing" -> sys.open("/tmp/f", O_RDONLY);
                            case "excl" -> {
                                sys.open("/tmp/g", O_WRONLY | O_CREAT);
                                sys.open("/tmp/g", O_WRONLY | O_CREAT | O_EXCL);
                            }
                            case "read on O_WRONLY" -> sys.read(sys.open("/tmp/g", O_WRONLY | O_TRUNC), sys.alloca(8), 8);
                            // Linux's nonstandard access mode 3 opens, but for neither reading nor writing
                            case "read on O_ACCMODE" -> sys.read(sys.open("/tmp/g", O_ACCMODE), sys.alloca(8), 8);
                            case "write on O_ACCMODE" -> sys.write(sys.open("/tmp/g", O_ACCMODE), sys.alloca(8), 8);
                            default -> sys.lseek(sys.open("/tmp/g", O_RDONLY), -1, SEEK_SET);
                        }
                        log.add(call[0] + " ok");
                    } catch (Errno e) {
                        log.add(call[0] + " " + e.symbol());
                    }
                }
            }).build()).get(0);
            k.runUntilAllExited(10_000_000_000L);
            assertEquals(0, t.shellExitStatus(), t.exitReport());
            assertEquals(List.of("/tmp/g"), k.vfs().paths().stream().filter(n -> n.startsWith("/tmp")).toList());
        }
        assertEquals(List.of("fd 3", "pos 13", "read 'world'", "end 12", "truncated 'hello'", "grown hello000",
                "appended size 9", "mapped after unlink 'hello'",
                "r--s 00000000 00:1a 2                          /tmp/f (deleted)", "open missing ENOENT", "excl EEXIST",
                "read on O_WRONLY EBADF", "read on O_ACCMODE EBADF", "write on O_ACCMODE EBADF", "bad lseek EINVAL"), log);
    }

    /** Reads a whole file 100 bytes at a time, as a C loop over read() does. */
    private static String readAll(Syscalls sys, int fd) {
        StringBuilder sb = new StringBuilder();
        String part;
        while (!(part = text(sys, fd, 100)).isEmpty()) {
            sb.append(part);
        }
        return sb.toString();
    }

    private static String errno(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (Errno e) {
            return e.symbol();
        }
    }

    @Test
    void programsReadProcFilesOfTheirOwnProcessThroughProcSelf() {
        List<String> log = new ArrayList<>();
        String[] kernelSide = new String[1];
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Workload reader = sys -> {
                int fd = sys.open("/proc/self/maps", O_RDONLY);
                long m = sys.mmap(0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
                String maps = readAll(sys, fd);
                kernelSide[0] = k.procFs().read("/proc/" + sys.getpid() + "/maps");
                log.add("maps as at the first read: " + maps.equals(kernelSide[0]) + ", with the mapping made after open: "
                        + maps.contains(Long.toHexString(m) + "-" + Long.toHexString(m + 8192) + " r--p "));
                log.add("lseek back " + sys.lseek(fd, 0, SEEK_SET) + ", same text: " + readAll(sys, fd).equals(maps));
                log.add("SEEK_END " + errno(() -> sys.lseek(fd, 0, SEEK_END)));
                log.add("mmap " + errno(() -> sys.mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0)));
                sys.close(fd);
                int status = sys.open("proc/self/status", O_RDONLY);
                log.add(readAll(sys, status).lines().filter(l -> l.startsWith("Pid:")).findFirst().orElseThrow());
                log.add("missing " + errno(() -> sys.open("/proc/self/nothing", O_RDONLY)));
                log.add("create " + errno(() -> sys.open("/proc/mine", O_WRONLY | O_CREAT)));
                int rw = sys.open("/proc/self/comm", O_RDWR);
                log.add("root writes " + errno(() -> sys.write(rw, bytes("x"))) + ", ftruncate " + errno(() -> sys.ftruncate(rw, 0))
                        + ", still '" + readAll(sys, rw).strip() + "'");
            };
            Task root = k.launch(TaskSpec.of("reader", reader).build()).get(0);
            Task user = k.launch(TaskSpec.of("user", (Syscalls sys) -> log.add("user opens for writing "
                    + errno(() -> sys.open("/proc/self/comm", O_WRONLY)) + ", reads '" + readAll(sys, sys.open("/proc/self/comm",
                            O_RDONLY)).strip() + "'")).uid(1000).build()).get(0);
            k.runUntilAllExited(10_000_000_000L);
            assertEquals(0, root.shellExitStatus(), root.exitReport());
            assertEquals(0, user.shellExitStatus(), user.exitReport());
        }
        assertEquals(List.of("maps as at the first read: true, with the mapping made after open: true", "lseek back 0, same text: true", "SEEK_END EINVAL",
                "mmap ENODEV", "Pid:\t2", "missing ENOENT", "create EACCES", "root writes EINVAL, ftruncate ok, still 'reader'",
                "user opens for writing EACCES, reads 'user'"), log);
        assertEquals(23, kernelSide[0].lines().count(), "a whole /proc/PID/maps (no [heap] yet), read 100 bytes at a time");
    }
}
