package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import kernellab.api.Syscalls;
import kernellab.api.Workload;
import kernellab.core.Kernel;
import kernellab.core.MachineConfig;
import kernellab.core.TaskSpec;

/**
 * The report of a workload that throws: the JVM's text with the task, the student's frames only
 * (the system call that threw and the coroutine that ran the code are gone), causes with
 * {@code ... n more}, deep recursion folded.
 */
class UncaughtExceptionTest {

    private static final long MS = 1_000_000L;

    /** Throws from a system call two frames down: printf does not know %n. */
    static final class BadPrintf implements Workload {
        @Override
        public void run(Syscalls sys) {
            sys.compute(MS);
            print(sys);
        }

        private static void print(Syscalls sys) {
            sys.printf("%n");
        }
    }

    /** Wraps a failure in another exception. */
    static final class Wrapper implements Workload {
        @Override
        public void run(Syscalls sys) {
            try {
                Integer.parseInt("x1");
            } catch (NumberFormatException e) {
                throw new IllegalStateException("bad config", e);
            }
        }
    }

    /** Recurses without end. */
    static final class Recursion implements Workload {
        @Override
        public void run(Syscalls sys) {
            down(0);
        }

        private static int down(int n) {
            return down(n + 1) + 1;
        }
    }

    private static Task runAlone(String comm, Workload w) {
        try (Kernel k = new Kernel(MachineConfig.builder().cpus(1).build())) {
            Task t = k.launch(TaskSpec.of(comm, w).build()).get(0);
            k.runUntilAllExited(1000 * MS);
            return t;
        }
    }

    @Test
    void aSystemCallThatThrowsShowsOnlyTheStudentsFrames() {
        Task t = runAlone("printer", new BadPrintf());
        assertEquals(134, t.shellExitStatus());
        assertEquals("""
                Exception in task printer [2] "main": java.lang.IllegalArgumentException: unsupported conversion %n in "%n"
                \tat kernellab.core.sched.UncaughtExceptionTest$BadPrintf.print(UncaughtExceptionTest.java:31)
                \tat kernellab.core.sched.UncaughtExceptionTest$BadPrintf.run(UncaughtExceptionTest.java:27)
                """, t.exitReport());
    }

    @Test
    void aCauseFollowsWithTheJdkFramesItCalledAndTheFramesInCommon() {
        Task t = runAlone("wrapper", new Wrapper());
        assertEquals("""
                Exception in task wrapper [2] "main": java.lang.IllegalStateException: bad config
                \tat kernellab.core.sched.UncaughtExceptionTest$Wrapper.run(UncaughtExceptionTest.java:42)
                Caused by: java.lang.NumberFormatException: For input string: "x1"
                \tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:L)
                \tat java.base/java.lang.Integer.parseInt(Integer.java:L)
                \tat java.base/java.lang.Integer.parseInt(Integer.java:L)
                \tat kernellab.core.sched.UncaughtExceptionTest$Wrapper.run(UncaughtExceptionTest.java:40)
                """, t.exitReport().replaceAll("(?m)^(\\tat java\\.base/.*\\.java:)\\d+\\)$", "$1L)"));
    }

    @Test
    void deepRecursionIsOneFrameRepeated() {
        Task t = runAlone("recursion", new Recursion());
        assertEquals(134, t.shellExitStatus());
        String[] lines = t.exitReport().split("\n");
        assertEquals("Exception in task recursion [2] \"main\": java.lang.StackOverflowError", lines[0]);
        assertEquals("\tat kernellab.core.sched.UncaughtExceptionTest$Recursion.down(UncaughtExceptionTest.java:55)", lines[1]);
        assertEquals(3, lines.length, t.exitReport());
        assertEquals(true, lines[2].matches("\t\\.\\.\\. the frame above repeated \\d+ more times"), lines[2]);
    }

    /** Compiled code overflows in a method's stack bang: the top frame has no line, the calls below have one. */
    @Test
    void aTopFrameWithoutALineFoldsIntoTheRecursionBelowIt() {
        Task t = runAlone("recursion", new Recursion());
        StackTraceElement[] trace = new StackTraceElement[42];
        trace[0] = new StackTraceElement("demo.Deep", "down", "Deep.java", -1);
        java.util.Arrays.fill(trace, 1, 41, new StackTraceElement("demo.Deep", "down", "Deep.java", 5));
        trace[41] = new StackTraceElement("demo.Deep", "run", "Deep.java", 3);
        StackOverflowError e = new StackOverflowError();
        e.setStackTrace(trace);
        assertEquals("""
                Exception in task recursion [2] "main": java.lang.StackOverflowError
                \tat demo.Deep.down(Deep.java:5)
                \t... the frame above repeated 40 more times
                \tat demo.Deep.run(Deep.java:3)
                """, UncaughtException.report(t, e));
    }
}
