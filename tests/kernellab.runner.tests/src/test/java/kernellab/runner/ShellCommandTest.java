package kernellab.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kernellab shell} fed a script, as a separate process. The script of every command is
 * {@code shell/every-command.ksh}; its exact output, {@code shell/every-command.out}, shows
 * among others: task 4 forked from 2 inheriting weight 4, io made SCHED_FIFO (prio 89) so that
 * after 10 ms it has run two 1 ms bursts and preempted hog 4 twice (8 ms run, 2 ms waiting,
 * slice 40 - 8 = 32 ms kept although the weight is now 7), and after 110 ms only init left.
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
        assertEquals("kernellab shell: " + script + ":8: sched_setweight(99, 3) failed with ESRCH\n"
                + "kernellab shell: " + script + ":10: sched_setscheduler(3, SCHED_RR, 0) failed with EINVAL\n"
                + "kernellab shell: " + script + ":28: cat: /proc/nosuch: No such file or directory\n"
                + "kernellab shell: " + script + ":29: frobnicate: command not found (try help)\n", r.err());
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
                exec cpu-bound:1ms
                fork 2
                """, "shell", "--cpus", "1", "-k");
        assertEquals("""
                [pid 2] fork() = -1 ESRCH (No such process)
                [2] cpu-bound
                [pid 2] fork() = 3
                """, r.out());
        assertEquals("""
                kernellab shell: <stdin>:1: usage: setweight PID W
                kernellab shell: <stdin>:2: run: 'soon' is not a duration (a number with ns, us, ms or s, e.g. 100ms)
                kernellab shell: <stdin>:3: kmalloc: unknown GFP flag 'GFP_MAGIC'
                kernellab shell: <stdin>:4: [pid 2] fork() failed with ESRCH
                """, r.err());
        assertEquals(1, r.exitCode());
    }
}
