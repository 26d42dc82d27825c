package kernellab.core.mm;

import kernellab.api.Gfp;
import kernellab.api.LogLevel;
import kernellab.core.printk.KernelLog;
import kernellab.core.printk.RateLimit;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Signal;
import kernellab.core.sched.Task;
import kernellab.core.trace.Tracer;

/**
 * The OOM killer ({@code mm/oom_kill.c}), installed as the page allocator's
 * {@link OutOfMemoryHandler}: {@code out_of_memory} picks the victim by {@code oom_badness},
 * logs the kernel's lines and kills it.
 */
final class OomKill {

    private final VirtualMemory vm;
    private final Scheduler scheduler;
    private final KernelLog log;
    /** {@code oom_rs} of oom_kill_process: the "invoked oom-killer" header is rate-limited, the kill line is not. */
    private final RateLimit oomRateLimit;
    private final Tracer tracer;
    private final VmStat vmstat;
    /** The task whose fault or exec is allocating, Linux's {@code current} inside the allocator; {@code null} otherwise. */
    TaskVm faulting;

    OomKill(VirtualMemory vm) {
        this.vm = vm;
        this.scheduler = vm.scheduler;
        this.log = vm.log;
        this.oomRateLimit = new RateLimit(log, RateLimit.DEFAULT_INTERVAL_NS, RateLimit.DEFAULT_BURST);
        this.tracer = vm.tracer;
        this.vmstat = vm.vmstat();
        vm.physicalMemory().buddy().setOutOfMemoryHandler(this::outOfMemory);
    }

    private boolean outOfMemory(int gfp, int order) {
        TaskVm victim = outOfMemoryKill(gfp, order, faulting);
        return victim != null && victim != faulting;
    }

    /**
     * {@code out_of_memory}: picks the process with the highest badness (RSS + page tables, the
     * points of {@code oom_badness}), logs the kernel's lines and kills it with SIGKILL. A victim
     * other than the allocating task dies at once and its memory is freed; the allocating task
     * itself is only marked and dies on its way back to user mode.
     *
     * @return the victim's state, or {@code null} if there was no candidate
     */
    TaskVm outOfMemoryKill(int gfp, int order, TaskVm current) {
        TaskVm chosen = null;
        long best = -1;
        for (Task t : scheduler.allTasks()) {
            TaskVm tv = vm.tasks.get(t);
            if (tv == null || tv.mm == null || t.exitTime() >= 0 || t.pid() == 1 || t.isKernelThread() || t != t.groupLeader()
                    || tv.oomKilled) {
                continue;
            }
            long points = tv.mm.rss() + (tv.mm.pgd.tablePages());
            if (points > best) {
                best = points;
                chosen = tv;
            }
        }
        if (chosen == null) {
            return null;
        }
        Task victim = chosen.task;
        Task cur = current == null ? null : current.task;
        String who = cur != null ? cur.comm() : scheduler.currentComm(scheduler.currentCpu());
        if (oomRateLimit.allow("oom_kill_process")) {
            log.printk(LogLevel.KERN_WARNING, String.format("%s invoked oom-killer: gfp_mask=%#x(%s), order=%d, oom_score_adj=0",
                    who, gfp, Gfp.describe(gfp), order));
        }
        MmStruct mm = chosen.mm;
        log.printk(LogLevel.KERN_ERR, String.format(
                "Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB, UID:%d pgtables:%dkB oom_score_adj:0",
                victim.pid(), victim.comm(), mm.totalVm << 2, mm.rss(MmStruct.MM_ANONPAGES) << 2, mm.rss(MmStruct.MM_FILEPAGES) << 2,
                mm.rss(MmStruct.MM_SHMEMPAGES) << 2, victim.uid(), mm.pgd.tablePages() << 2));
        vmstat.oomKill++;
        if (tracer.enabled(VmTracepoints.MARK_VICTIM)) {
            tracer.event(VmTracepoints.MARK_VICTIM).field("pid", victim.pid()).field("comm", victim.comm())
                    .field("total_vm", (mm.totalVm << 2) + "kB").field("anon_rss", (mm.rss(MmStruct.MM_ANONPAGES) << 2) + "kB")
                    .field("file_rss", (mm.rss(MmStruct.MM_FILEPAGES) << 2) + "kB")
                    .field("shmem_rss", (mm.rss(MmStruct.MM_SHMEMPAGES) << 2) + "kB").field("uid", victim.uid())
                    .field("pgtables", (mm.pgd.tablePages() << 2) + "kB").emit();
        }
        chosen.oomKilled = true;
        if (chosen != current) {
            killOomVictim(victim);
        }
        return chosen;
    }

    boolean killOomVictim(Task t) {
        TaskVm tv = vm.tasks.get(t);
        if (tv == null || !tv.oomKilled) {
            return false;
        }
        scheduler.signals().killProcess(t, Signal.SIGKILL.number(), t.comm() + "[" + t.pid() + "]: killed by the OOM killer");
        return true;
    }
}
