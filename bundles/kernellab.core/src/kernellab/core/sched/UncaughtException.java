package kernellab.core.sched;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import kernellab.api.Workload;

/**
 * What a task's workload code leaves behind when an exception escapes it: the text the JVM's
 * default handler prints ({@code ThreadGroup.uncaughtException} → {@code printStackTrace}),
 * with the task instead of the thread ({@code Exception in task Thrower [2] "main":
 * java.lang.IllegalStateException: boom}) and only the frames the student can act on.
 *
 * <p>The simulator's own frames go: those below the deepest frame of the student's code (the
 * coroutine that ran it) and those of the kernel and the api between the student's frames (a
 * system call that threw). JDK frames the student's code called stay, as the JVM shows them.
 * A frame is the simulator's if its class is the kernel's or the api's (same code source as
 * {@link Scheduler} or {@link Workload}; a lambda's hidden class counts as the class it is in). A cycle of frames repeated by deep recursion (a
 * {@link StackOverflowError}) is printed once with the number of repetitions. Causes and
 * suppressed exceptions follow as the JVM prints them, with {@code ... n more} for the frames
 * in common with the enclosing trace.
 */
final class UncaughtException {

    /** The longest cycle of frames folded into one ({@code a → b → a → b …}). */
    private static final int MAX_CYCLE = 4;
    /** A cycle must repeat this often to be folded. */
    private static final int MIN_REPEATS = 3;

    private static final List<CodeSource> SIMULATOR = Stream.of(codeSource(Scheduler.class), codeSource(Workload.class))
            .filter(Objects::nonNull).toList();

    private UncaughtException() {
    }

    /**
     * @param t the task whose code threw
     * @param e what it threw
     * @return the report, ending with a line terminator
     */
    static String report(Task t, Throwable e) {
        StringBuilder sb = new StringBuilder();
        sb.append("Exception in task ").append(t.comm).append(" [").append(t.pid).append("] \"")
                .append(t == t.groupLeader ? "main" : t.comm).append("\": ");
        print(sb, e, List.of(), "", "", Collections.newSetFromMap(new IdentityHashMap<>()));
        return sb.toString();
    }

    private static void print(StringBuilder sb, Throwable e, List<StackTraceElement> enclosing, String caption, String prefix,
            Set<Throwable> seen) {
        if (!seen.add(e)) {
            sb.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(e).append("]\n");
            return;
        }
        List<StackTraceElement> frames = studentFrames(e.getStackTrace());
        int m = frames.size() - 1;
        int n = enclosing.size() - 1;
        while (m >= 0 && n >= 0 && frames.get(m).equals(enclosing.get(n))) {
            m--;
            n--;
        }
        int inCommon = frames.size() - 1 - m;
        sb.append(prefix).append(caption).append(e).append('\n');
        printFrames(sb, frames.subList(0, m + 1), prefix);
        if (inCommon != 0) {
            sb.append(prefix).append("\t... ").append(inCommon).append(" more\n");
        }
        for (Throwable s : e.getSuppressed()) {
            print(sb, s, frames, "Suppressed: ", prefix + "\t", seen);
        }
        if (e.getCause() != null) {
            print(sb, e.getCause(), frames, "Caused by: ", prefix, seen);
        }
    }

    private static void printFrames(StringBuilder sb, List<StackTraceElement> frames, String prefix) {
        frames = withEntryFrameLined(frames);
        int i = 0;
        while (i < frames.size()) {
            int[] cycle = cycleAt(frames, i);
            int length = cycle[0];
            int repeats = cycle[1];
            for (int j = i; j < i + length; j++) {
                sb.append(prefix).append("\tat ").append(frame(frames.get(j))).append('\n');
            }
            if (repeats > 1) {
                sb.append(prefix).append("\t... ").append(length == 1 ? "the frame above" : "the " + length + " frames above")
                        .append(" repeated ").append(repeats - 1).append(" more times\n");
            }
            i += length * repeats;
        }
    }

    /**
     * A StackOverflowError thrown by the stack bang of a method's entry (compiled code) has a top
     * frame without a line number; when the frame below is a call of the same method, the top one
     * gets its line, so that deep recursion folds into one frame repeated.
     */
    private static List<StackTraceElement> withEntryFrameLined(List<StackTraceElement> frames) {
        if (frames.size() < 2 || frames.get(0).getLineNumber() >= 0) {
            return frames;
        }
        StackTraceElement top = frames.get(0);
        StackTraceElement next = frames.get(1);
        if (!top.getClassName().equals(next.getClassName()) || !top.getMethodName().equals(next.getMethodName())
                || !Objects.equals(top.getFileName(), next.getFileName())) {
            return frames;
        }
        List<StackTraceElement> lined = new ArrayList<>(frames);
        lined.set(0, next);
        return lined;
    }

    /** @return the shortest cycle starting at {@code i} that repeats at least {@link #MIN_REPEATS} times, and its repeats; else {1, 1} */
    private static int[] cycleAt(List<StackTraceElement> frames, int i) {
        for (int length = 1; length <= MAX_CYCLE; length++) {
            int repeats = 1;
            while (i + (repeats + 1) * length <= frames.size()
                    && frames.subList(i, i + length).equals(frames.subList(i + repeats * length, i + (repeats + 1) * length))) {
                repeats++;
            }
            if (repeats >= MIN_REPEATS) {
                return new int[] {length, repeats};
            }
        }
        return new int[] {1, 1};
    }

    /** @return the frame as the JVM prints it, with the module of a JDK frame but without class loader names */
    private static String frame(StackTraceElement f) {
        String module = f.getModuleName() == null ? "" : f.getModuleName() + "/";
        String where = f.isNativeMethod() ? "Native Method"
                : f.getFileName() == null ? "Unknown Source"
                        : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return module + f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

    private static List<StackTraceElement> studentFrames(StackTraceElement[] trace) {
        boolean[] simulator = new boolean[trace.length];
        int deepest = -1;
        for (int i = 0; i < trace.length; i++) {
            simulator[i] = isSimulator(trace[i]);
            if (!simulator[i] && trace[i].getModuleName() == null) {
                deepest = i;
            }
        }
        if (deepest < 0) {
            return Arrays.asList(trace);
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            if (!simulator[i]) {
                kept.add(trace[i]);
            }
        }
        return kept;
    }

    private static boolean isSimulator(StackTraceElement f) {
        if (f.getModuleName() != null) {
            return false;
        }
        String name = f.getClassName();
        int lambda = name.indexOf("$$Lambda");
        try {
            Class<?> c = Class.forName(lambda < 0 ? name : name.substring(0, lambda), false, Scheduler.class.getClassLoader());
            return SIMULATOR.contains(codeSource(c));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static CodeSource codeSource(Class<?> c) {
        return c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    }
}
