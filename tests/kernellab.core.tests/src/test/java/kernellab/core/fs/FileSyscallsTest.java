package kernellab.core.fs;

import static kernellab.api.Syscalls.MAP_SHARED;
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
                for (String[] call : new String[][] {{"open missing"}, {"excl"}, {"read on O_WRONLY"}, {"bad lseek"}}) {
                    try {
                        switch (call[0]) {
                            case "open missing" -> sys.open("/tmp/f", O_RDONLY);
                            case "excl" -> {
                                sys.open("/tmp/g", O_WRONLY | O_CREAT);
                                sys.open("/tmp/g", O_WRONLY | O_CREAT | O_EXCL);
                            }
                            case "read on O_WRONLY" -> sys.read(sys.open("/tmp/g", O_WRONLY | O_TRUNC), sys.alloca(8), 8);
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
                "read on O_WRONLY EBADF", "bad lseek EINVAL"), log);
    }
}
