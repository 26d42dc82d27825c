package kernellab.core.proc;

import kernellab.api.Policy;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.sched.TaskState;

/** Renderers of the scheduler's per-task files, {@code /proc/PID/sched} and {@code /proc/PID/stat}. */
final class TaskProc {

    private TaskProc() {
    }

    /**
     * {@code /proc/PID/sched} as {@code proc_sched_show_task} prints it (without schedstats
     * details and PELT averages), with the lab's WRR fields after {@code prio}.
     */
    static String sched(Scheduler s, Task t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.comm()).append(" (").append(t.pid()).append(", #threads: ").append(t.threadCount()).append(")\n");
        sb.append("-".repeat(67)).append('\n');
        splitNs(sb, "se.exec_start", t.execStart());
        splitNs(sb, "se.vruntime", t.vruntime());
        splitNs(sb, "se.sum_exec_runtime", t.sumExecRuntime());
        plain(sb, "se.nr_migrations", t.nrMigrations());
        splitNs(sb, "sched_info.run_delay", t.runDelay());
        plain(sb, "sched_info.pcount", t.pcount());
        plain(sb, "nr_switches", t.nvcsw() + t.nivcsw());
        plain(sb, "nr_voluntary_switches", t.nvcsw());
        plain(sb, "nr_involuntary_switches", t.nivcsw());
        plain(sb, "se.load.weight", (long) t.loadWeight() << 10);
        plain(sb, "policy", t.policy().number());
        plain(sb, "prio", t.prio());
        if (t.policy() == Policy.SCHED_WRR) {
            plain(sb, "wrr.weight", t.wrrWeight());
            splitNs(sb, "wrr.time_slice", t.wrrSliceRemaining());
        }
        plain(sb, "clock-delta", 0);
        return sb.toString();
    }

    private static void plain(StringBuilder sb, String name, long v) {
        sb.append(String.format("%-45s:%21d%n", name, v));
    }

    private static void splitNs(StringBuilder sb, String name, long ns) {
        sb.append(String.format("%-45s:%s%n", name, Fmt.right(Fmt.splitNs(ns), 21)));
    }

    /**
     * {@code /proc/PID/stat}: the 52 fields in the order of {@code do_task_stat}. Times are in
     * clock ticks (USER_HZ = 100); memory fields are 0 until the memory manager provides them.
     */
    static String stat(Scheduler s, Task t) {
        long priority = t.policy().isRealTime() ? -1 - t.rtPriority() : t.prio() - 100;
        long[] f = {
            t.ppid(), t.tgid(), t.tgid(), 0, -1, flags(t), // ppid pgrp session tty_nr tpgid flags
            0, 0, 0, 0, // minflt cminflt majflt cmajflt
            Fmt.clockTicks(t.utime()), Fmt.clockTicks(t.stime()), // utime stime
            Fmt.clockTicks(t.cutime()), Fmt.clockTicks(t.cstime()), // cutime cstime
            priority, t.nice(), t.threadCount(), 0, Fmt.clockTicks(t.startTime()), // priority nice num_threads itrealvalue starttime
            0, 0, -1, // vsize rss rsslim (RLIM_INFINITY)
            0, 0, 0, 0, 0, // startcode endcode startstack kstkesp kstkeip
            0, 0, 0, 0, 0, 0, 0, // signal blocked sigignore sigcatch wchan nswap cnswap
            t == t.groupLeader() ? 17 : -1, t.cpu(), t.rtPriority(), t.policy().number(), // exit_signal processor rt_priority policy
            0, 0, 0, // delayacct_blkio_ticks guest_time cguest_time
            0, 0, 0, 0, 0, 0, 0, // start_data end_data start_brk arg_start arg_end env_start env_end
            t.exitTime() < 0 ? 0 : t.waitStatus(), // exit_code
        };
        StringBuilder sb = new StringBuilder();
        sb.append(t.pid()).append(" (").append(t.comm()).append(") ").append(t.state().letter());
        for (int i = 0; i < f.length; i++) {
            sb.append(' ').append(i == 21 ? Long.toUnsignedString(f[i]) : Long.toString(f[i]));
        }
        return sb.append('\n').toString();
    }

    /** @return PF_KTHREAD for kernel threads, PF_RANDOMIZE for user tasks, as a live system shows them */
    private static long flags(Task t) {
        return t.isKernelThread() ? 0x00208040L : 0x00400000L;
    }
}
