package kernellab.core.proc;

import kernellab.core.mm.MmStruct;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

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
        if (t.hasClassWeight()) {
            plain(sb, t.schedClassName() + ".weight", t.weight());
            splitNs(sb, t.schedClassName() + ".time_slice", t.sliceLeft());
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
     * clock ticks (USER_HZ = 100). The memory fields come from the task's address space (0 for
     * a task without one): the fault counters of the whole thread group and of its reaped
     * children (cminflt, cmajflt, kept with cutime and cstime in the signal_struct), vsize in
     * bytes, rss in pages and, for a task running an exec'ed program, the layout addresses of the mm.
     */
    static String stat(Scheduler s, Task t) {
        long priority = t.policy().isRealTime() ? -1 - t.rtPriority() : t.prio() - 100;
        VirtualMemory vm = s.lifecycleListener(VirtualMemory.class);
        MmStruct space = vm == null ? null : vm.mm(t);
        MmStruct mm = space != null && space.exeName() != null ? space : null;
        Task leader = t.groupLeader();
        long minflt = 0;
        long majflt = 0;
        for (Task th : s.allTasks()) {
            if (th.tgid() == t.tgid()) {
                minflt += th.minFlt();
                majflt += th.majFlt();
            }
        }
        long[] f = {
            t.ppid(), t.tgid(), t.tgid(), 0, -1, flags(t), // ppid pgrp session tty_nr tpgid flags
            minflt, leader.cminFlt(), majflt, leader.cmajFlt(), // minflt cminflt majflt cmajflt
            Fmt.clockTicks(t.utime()), Fmt.clockTicks(t.stime()), // utime stime
            Fmt.clockTicks(leader.cutime()), Fmt.clockTicks(leader.cstime()), // cutime cstime
            priority, t.nice(), t.threadCount(), 0, Fmt.clockTicks(t.startTime()), // priority nice num_threads itrealvalue starttime
            space == null ? 0 : space.totalVm() << PhysicalMemory.PAGE_SHIFT, space == null ? 0 : space.rss(), -1, // vsize rss rsslim
            mm == null ? 0 : mm.startCode(), mm == null ? 0 : mm.endCode(), mm == null ? 0 : mm.startStack(), 0, 0, // startcode endcode startstack kstkesp kstkeip
            0, 0, 0, 0, 0, 0, 0, // signal blocked sigignore sigcatch wchan nswap cnswap
            t == t.groupLeader() ? 17 : -1, t.cpu(), t.rtPriority(), t.policy().number(), // exit_signal processor rt_priority policy
            0, 0, 0, // delayacct_blkio_ticks guest_time cguest_time
            mm == null ? 0 : mm.startData(), mm == null ? 0 : mm.endData(), mm == null ? 0 : mm.startBrk(), // start_data end_data start_brk
            mm == null ? 0 : mm.argStart(), mm == null ? 0 : mm.argEnd(), // arg_start arg_end
            mm == null ? 0 : mm.envStart(), mm == null ? 0 : mm.envEnd(), // env_start env_end
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
