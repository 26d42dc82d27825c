package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kernellab shell} fed a script, as a separate process. The script of every command is
 * {@code shell/every-command.ksh}; its exact output, {@code shell/every-command.out}, and errors,
 * {@code shell/every-command.err}, show among others: task 4 forked from 2 inheriting weight 4,
 * io made SCHED_FIFO (prio 89) so that after 10 ms it has run two 1 ms bursts and preempted hog
 * 4 twice (8 ms run, 2 ms waiting, slice 40 - 8 = 32 ms kept although the weight is now 7), and
 * after 110 ms only init left. Then the memory commands on process 5 (made current with pid):
 * a 16 KiB anonymous mapping placed just below mmap_base (0x7ffff7fff000, 128 MiB under
 * TASK_SIZE), a read mapping the zero page and a write copying it, a write faulting in a new
 * page and a second one taking no fault, the page walk of a touched, an untouched and an
 * unmapped address, copy-on-write after fork (the child copies, the parent then reuses its page),
 * mprotect splitting the mapping in three VMAs and a PROT_NONE entry, Linux's errors (EINVAL for
 * an unaligned MAP_FIXED, a zero length or an unaligned munmap, EBADF, ENOMEM for mprotect of a
 * hole), brk growing the heap 132 KiB and refusing an address below its start (the old break
 * returned), malloc's first block at the heap start + 0x2a0 and a 200000-byte one in a mapping
 * of its own, pmap's three forms with the RSS and Dirty totals of the pages touched, a SIGSEGV
 * with the kernel's log line, kill, and glibc's abort on a double free. Last the lecture's file
 * mapping in process 8: open (ENOENT without O_CREAT), write, a shared mapping of two pages that
 * keeps the file after close (a second close and a mapping of the closed descriptor are EBADF;
 * Linux's access mode 3 opens a descriptor that can neither read nor be mapped: EACCES), its maps
 * line, a read taking the file's page from the page cache and a write faulting again (ext4's
 * write notification), the text read back with cat, and SIGBUS for the page wholly past the end
 * of the file.
 */
class ShellCommandTest {

    private static Path script(Path dir) throws IOException {
        Path script = dir.resolve("every-command.ksh");
        Files.writeString(script, RunCommandTest.resource("shell/every-command.ksh"));
        return script;
    }

    @Test
    void aScriptOfEveryCommandPrintsTheExactResultsAndGoesOnWithKeepGoing(@TempDir Path dir) throws IOException {
        Path script = script(dir);
        Cli.Result r = Cli.run("shell", "--cpus", "2", "--seed", "3", "--keep-going", script.toString());
        assertEquals(RunCommandTest.resource("shell/every-command.out"), r.out());
        assertEquals(RunCommandTest.resource("shell/every-command.err").replace("SCRIPT", script.toString()), r.err());
        assertEquals(1, r.exitCode());
    }

    @Test
    void aScriptStopsAtTheFirstFailingLineAndNamesIt(@TempDir Path dir) throws IOException {
        Path script = script(dir);
        Cli.Result r = Cli.run("shell", "--cpus", "2", "--seed", "3", script.toString());
        String all = RunCommandTest.resource("shell/every-command.out");
        String upToLine8 = all.substring(0, all.indexOf("sched_setweight(99, 3) = -1 ESRCH (No such process)\n")
                + "sched_setweight(99, 3) = -1 ESRCH (No such process)\n".length());
        assertEquals(upToLine8, r.out());
        assertEquals("kernellab shell: " + script + ":8: sched_setweight(99, 3) failed with ESRCH\n", r.err());
        assertEquals(1, r.exitCode());
    }

    @Test
    void standardInputIsAScriptToo() {
        Cli.Result r = Cli.runWithInput("""
                exec cpu-bound:2ms --comm a
                run 1ms
                ps
                setweight 2 0
                ps
                """, "shell", "--cpus", "1");
        assertEquals("""
                [2] a
                  PID  PPID CLS PRI  NI  WT PSR S      TIME COMMAND
                    1     0 WRR 120   0  10   0 S     0.000 init
                    2     1 WRR 120   0  10   0 R     1.000 a
                sched_setweight(2, 0) = -1 EINVAL (Invalid argument)
                """, r.out());
        assertEquals("kernellab shell: <stdin>:4: sched_setweight(2, 0) failed with EINVAL\n", r.err());
        assertEquals(1, r.exitCode());
    }

    @Test
    void malformedCommandsNameTheirUsage() {
        Cli.Result r = Cli.runWithInput("""
                setweight 2
                run soon
                kmalloc 64 GFP_MAGIC
                fork 2
                touch 0x1000
                pid
                exec cpu-bound:1ms
                fork 2
                mmap NULL 4096 PROT_READ
                mmap NULL 4096 PROT_READ MAP_PRIVATE -1
                mmap NULL 4Q PROT_READ MAP_PRIVATE
                mmap NULL 4096 PROT_READ MAP_PRIVATE|MAP_MAGIC
                touch 0x1000 x
                touch nowhere
                pmap -z 2
                pmap two
                pagewalk 2
                kill two
                malloc
                pid 42
                open
                open /tmp/x O_MAGIC
                close x
                write 3
                """, "shell", "--cpus", "1", "-k");
        assertEquals("""
                [pid 2] fork() = -1 ESRCH (No such process)
                no current process
                [2] cpu-bound
                [pid 2] fork() = 3
                """, r.out());
        assertEquals("""
                kernellab shell: <stdin>:1: usage: setweight PID W
                kernellab shell: <stdin>:2: run: 'soon' is not a duration (a number with ns, us, ms or s, e.g. 100ms)
                kernellab shell: <stdin>:3: kmalloc: unknown GFP flag 'GFP_MAGIC'
                kernellab shell: <stdin>:4: [pid 2] fork() failed with ESRCH
                kernellab shell: <stdin>:5: touch: no current process: exec or fork one, or choose one with pid PID
                kernellab shell: <stdin>:9: usage: mmap ADDR LEN PROT FLAGS [FD OFF]
                kernellab shell: <stdin>:10: usage: mmap ADDR LEN PROT FLAGS [FD OFF]
                kernellab shell: <stdin>:11: mmap: not a length (bytes, 0x… or a number with K, M or G): '4Q'
                kernellab shell: <stdin>:12: mmap: unknown flag 'MAP_MAGIC'
                kernellab shell: <stdin>:13: usage: touch ADDR [r|w]
                kernellab shell: <stdin>:14: touch: not an address: 'nowhere'
                kernellab shell: <stdin>:15: usage: pmap [-x|-d|-X|-XX] PID
                kernellab shell: <stdin>:16: pmap: the pid must be a number: 'two'
                kernellab shell: <stdin>:17: usage: pagewalk PID ADDR
                kernellab shell: <stdin>:18: kill: the pid must be a number: 'two'
                kernellab shell: <stdin>:19: usage: malloc SIZE
                kernellab shell: <stdin>:20: pid: no process 42 (ESRCH)
                kernellab shell: <stdin>:21: usage: open PATH [FLAGS]
                kernellab shell: <stdin>:22: open: unknown flag 'O_MAGIC'
                kernellab shell: <stdin>:23: close: the file descriptor must be a number: 'x'
                kernellab shell: <stdin>:24: usage: write FD TEXT
                """, r.err());
        assertEquals(1, r.exitCode());
    }

    @Test
    void exitAndQuitEndAScriptWithTheirStatus() {
        Cli.Result exit = Cli.runWithInput("""
                exec cpu-bound:2ms --comm a
                exit 3
                ps
                """, "shell", "--cpus", "1");
        assertEquals("[2] a\n", exit.out());
        assertEquals("", exit.err());
        assertEquals(3, exit.exitCode());
        Cli.Result quit = Cli.runWithInput("quit\nps\n", "shell");
        assertEquals("", quit.out() + quit.err());
        assertEquals(0, quit.exitCode());
        Cli.Result afterFailure = Cli.runWithInput("setweight 99 3\nexit\n", "shell", "-k");
        assertEquals(1, afterFailure.exitCode());
        Cli.Result bad = Cli.runWithInput("exit soon\n", "shell");
        assertEquals("kernellab shell: <stdin>:1: exit: the status must be a number: 'soon'\n", bad.err());
        assertEquals(1, bad.exitCode());
    }

    @Test
    void aScriptThatIsMissingADirectoryOrBinaryIsOneLineAndTheHelpPointerAndExit2(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("a.out");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0});
        Path latin1 = dir.resolve("latin1.ksh");
        Files.write(latin1, new byte[] {'p', 's', ' ', (byte) 0xe9, '\n'});
        for (String[] c : new String[][] {{dir.resolve("nope.ksh").toString(), "No such file or directory"},
                {dir.toString(), "Is a directory"}, {binary.toString(), "cannot execute binary file"},
                {latin1.toString(), "cannot execute binary file"}}) {
            Cli.Result r = Cli.run("shell", c[0]);
            assertEquals(2, r.exitCode(), c[0]);
            assertEquals("", r.out());
            assertEquals("kernellab shell: " + c[0] + ": " + c[1] + "\nTry 'kernellab shell --help' for more information.\n",
                    r.err());
        }
    }

    /**
     * The RT sysctls read with {@code cat} and written with {@code echo … >}, refused as
     * {@code sched_rt_handler} refuses them (a runtime above the period, a period below the
     * runtime: EINVAL, bash's {@code write error}); {@code sched_rr_handler} turns 0 into the
     * default 100 ms.
     */
    @Test
    void theRtSysctlsAreReadWithCatAndWrittenWithEcho() {
        Cli.Result r = Cli.runWithInput("""
                cat /proc/sys/kernel/sched_rt_runtime_us
                cat /proc/sys/kernel/sched_rt_period_us
                echo 1000001 > /proc/sys/kernel/sched_rt_runtime_us
                echo 900000 > /proc/sys/kernel/sched_rt_period_us
                echo 500000 > /proc/sys/kernel/sched_rt_runtime_us
                echo 600000 > /proc/sys/kernel/sched_rt_period_us
                cat /proc/sys/kernel/sched_rt_runtime_us
                cat /proc/sys/kernel/sched_rt_period_us
                echo -1 > /proc/sys/kernel/sched_rt_runtime_us
                cat /proc/sys/kernel/sched_rt_runtime_us
                echo 0 > /proc/sys/kernel/sched_rr_timeslice_ms
                cat /proc/sys/kernel/sched_rr_timeslice_ms
                echo 1 > /proc/sys/kernel/nope
                """, "shell", "--cpus", "1", "--keep-going");
        assertEquals("""
                950000
                1000000
                echo: write error: Invalid argument
                echo: write error: Invalid argument
                500000
                600000
                -1
                100
                echo: /proc/sys/kernel/nope: No such file or directory
                """, r.out());
    }

    /** The THP mode of {@code /sys/kernel/mm/transparent_hugepage/enabled}: read with cat, set with echo ({@code enabled_store}). */
    @Test
    void theThpModeIsReadWithCatAndSetWithEcho() {
        Cli.Result r = Cli.runWithInput("""
                cat /sys/kernel/mm/transparent_hugepage/enabled
                echo never > /sys/kernel/mm/transparent_hugepage/enabled
                cat /sys/kernel/mm/transparent_hugepage/enabled
                echo sometimes > /sys/kernel/mm/transparent_hugepage/enabled
                """, "shell", "--cpus", "1", "--keep-going");
        assertEquals("""
                always [madvise] never
                always madvise [never]
                echo: write error: Invalid argument
                """, r.out());
    }
}
