package kernellab.core.sched;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.LogLevel;
import kernellab.core.trace.SchedTracepoints;

/**
 * The debug dump of a disabled class ({@code scx_dump_state}): the reason, the Java stack of the
 * class's code where it failed, each CPU's queue and every task of the class with its state,
 * weight and slice. It goes to the kernel log (so {@code dmesg}, the CLI's stderr and the IDE
 * Console show it) and, line by line, to the {@code sched_ext_dump} trace event, as Linux does.
 */
final class ExtDump {

    private ExtDump() {
    }

    /** Lines of the dump. */
    static List<String> render(ExtSchedClass ext, ExtExitKind kind, String message, Throwable cause, int cpu) {
        Scheduler s = ext.scheduler;
        List<String> out = new ArrayList<>();
        Task curr = s.rqs[cpu].curr;
        out.add(ext.opsName + ": " + (curr.idleTask ? "swapper/" + cpu : curr.comm) + "[" + curr.pid + "] triggered exit kind "
                + kind.code() + ":");
        out.add("  " + kind.reason() + " (" + message + ")");
        if (cause != null) {
            out.add("");
            out.add("Backtrace:");
            backtrace(cause, out);
        }
        out.add("");
        out.add("CPU states");
        out.add("----------");
        for (RunQueue rq : s.rqs) {
            out.add("");
            out.add(String.format("CPU %-4d: nr_run=%d %s_nr_running=%d total_weight=%d curr=%s[%d] class=%s", rq.cpu,
                    rq.nrRunning, ext.opsName, rq.ext.nrRunning, rq.ext.totalWeight,
                    rq.curr.idleTask ? "swapper/" + rq.cpu : rq.curr.comm, rq.curr.pid, rq.curr.schedClass.name()));
            long now = s.engine.now();
            for (ExtEntity e = rq.ext.head; e != null; e = e.next) {
                out.add("  " + taskLine(e, now));
            }
        }
        List<String> sleeping = new ArrayList<>();
        for (Task t : s.tasks()) {
            if (t.schedClass == ext && !t.onRq && t.exitTime < 0) {
                sleeping.add("  " + taskLine(t.scx, s.engine.now()));
            }
        }
        if (!sleeping.isEmpty()) {
            out.add("");
            out.add("Tasks of the class not queued");
            out.add("-----------------------------");
            out.addAll(sleeping);
        }
        return out;
    }

    private static String taskLine(ExtEntity e, long now) {
        Task t = e.task;
        String state = t.onCpu ? "running" : t.onRq ? "waiting " + millis(now - e.runnableAt) : "sleeping";
        return String.format("%c %s[%d] %s weight=%d slice=%s cpu=%d cpus=%s", t.onRq ? 'R' : t.state.letter(), t.comm,
                t.pid, state, e.weight, millis(e.slice), t.cpu, cpuList(t));
    }

    private static String cpuList(Task t) {
        StringBuilder sb = new StringBuilder();
        int start = -1;
        int prev = -2;
        for (int c = t.cpusAllowed.nextSetBit(0); ; c = t.cpusAllowed.nextSetBit(c + 1)) {
            if (c != prev + 1 || c < 0) {
                if (start >= 0) {
                    sb.append(sb.isEmpty() ? "" : ",").append(start == prev ? Integer.toString(start) : start + "-" + prev);
                }
                start = c;
            }
            if (c < 0) {
                break;
            }
            prev = c;
        }
        return sb.toString();
    }

    /**
     * The exception and its causes, with the frames of the class's code as {@code at
     * pkg.Class.method(File.java:N)} (without the class loader's name, so the IDE's console links
     * them to the source): the kernel's own frames are cut.
     */
    private static void backtrace(Throwable cause, List<String> out) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.add((t == cause ? "  " : "  Caused by: ") + t);
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().startsWith("kernellab.core.")) {
                    break;
                }
                out.add("\tat " + f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() == null ? "Unknown Source"
                        : f.getFileName() + (f.getLineNumber() >= 0 ? ":" + f.getLineNumber() : "")) + ")");
            }
        }
    }

    /** Prints the dump to the kernel log and the {@code sched_ext_dump} trace event. */
    static void log(ExtSchedClass ext, ExtExit exit) {
        Scheduler s = ext.scheduler;
        s.log.printk(LogLevel.KERN_ERR, "sched_ext: BPF scheduler \"" + ext.opsName + "\" disabled (" + exit.kind().reason() + ")");
        s.log.printk(LogLevel.KERN_ERR, "sched_ext: " + ext.opsName + ": " + exit.message());
        boolean traced = s.tracer.enabled(SchedTracepoints.SCHED_EXT_DUMP);
        for (String line : exit.dump()) {
            s.log.printk(LogLevel.KERN_ERR, line);
            if (traced) {
                s.tracer.event(SchedTracepoints.SCHED_EXT_DUMP, exit.cpu()).field("line", line).emit();
            }
        }
        s.log.printk(LogLevel.KERN_ERR, "sched_ext: the tasks of \"" + ext.opsName + "\" now run in the fair class");
    }

    /** @return {@code ns} as milliseconds with three decimals, e.g. {@code 5001.250ms} */
    static String millis(long ns) {
        return String.format("%d.%03dms", ns / 1_000_000, Math.abs(ns / 1000 % 1000));
    }
}
