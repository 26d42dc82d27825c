package kernellab.runner.internal.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kernellab.api.Errno;
import kernellab.api.Policy;
import kernellab.core.fs.Inode;
import kernellab.core.mm.AnonVma;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.MmSnapshot;
import kernellab.core.mm.Page;
import kernellab.core.mm.PageFlag;
import kernellab.core.mm.PageTable;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.Slab;
import kernellab.core.mm.SlabCacheStats;
import kernellab.core.mm.SlabList;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.mm.Zone;
import kernellab.core.sched.RunQueue;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;
import kernellab.core.trace.TraceEvent;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.ClassQueueInfo;
import kernellab.runner.protocol.CpuRunQueue;
import kernellab.runner.protocol.FrameOwner;
import kernellab.runner.protocol.FrameRun;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkLevel;
import kernellab.runner.protocol.ProcessMaps;
import kernellab.runner.protocol.RunQueuesSnapshot;
import kernellab.runner.protocol.SlabCacheDetail;
import kernellab.runner.protocol.SlabCacheInfo;
import kernellab.runner.protocol.SlabInfo;
import kernellab.runner.protocol.SlabSnapshot;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.TasksSnapshot;
import kernellab.runner.protocol.TraceEventInfo;
import kernellab.runner.protocol.VmaInfo;
import kernellab.runner.protocol.ZoneInfo;
import kernellab.runner.internal.Messages;

/** Copies kernel state into the protocol's records; called while the engine is stopped. */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * @param t a task
     * @return its fields
     */
    public static TaskInfo task(Task t) {
        long slice = t.hasClassWeight() ? t.sliceLeft() : t.policy() == Policy.SCHED_RR ? t.rrSliceRemaining() : 0;
        return new TaskInfo(t.pid(), t.tgid(), t.ppid(), t.comm(), String.valueOf(t.state().letter()), t.policy(),
                t.schedClassName(), t.prio(), t.rtPriority(), t.nice(), t.weight(), slice, t.vruntime(), t.cpu(), t.onCpu(), t.onRq(),
                Units.cpuList(t.cpusAllowed()), t.uid(), t.sumExecRuntime(), t.runDelay(), t.nvcsw(), t.nivcsw(),
                t.nrMigrations(), t.startTime(), t.exitTime(), t.minFlt(), t.majFlt());
    }

    /**
     * @param sim the simulation
     * @return every live and zombie task
     */
    public static TasksSnapshot tasks(Simulation sim) {
        Scheduler s = sim.kernel().scheduler();
        return new TasksSnapshot(s.now(), tasks(s.tasks()));
    }

    /**
     * @param tasks some tasks
     * @return their fields, in the same order
     */
    public static List<TaskInfo> tasks(Collection<Task> tasks) {
        return tasks.stream().map(Snapshots::task).toList();
    }

    /**
     * @param e a trace event, or {@code null}
     * @return its record, or {@code null}
     */
    public static TraceEventInfo event(TraceEvent e) {
        if (e == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (TraceEvent.Field f : e.fields()) {
            fields.put(f.name(), String.valueOf(f.value()));
        }
        return new TraceEventInfo(e.sequence(), e.name(), e.timeNs(), e.cpu(), e.comm(), e.pid(), fields);
    }

    /**
     * @param sim the simulation
     * @return every CPU's run queue
     */
    public static RunQueuesSnapshot runQueues(Simulation sim) {
        Scheduler s = sim.kernel().scheduler();
        List<CpuRunQueue> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < s.nrCpus(); cpu++) {
            RunQueue rq = s.runQueue(cpu);
            Task curr = rq.curr();
            List<ClassQueueInfo> queues = rq.classQueues().stream().map(q -> new ClassQueueInfo(q.name(), q.nrRunning(),
                    q.figures().stream().map(f -> new ClassQueueInfo.Figure(f.name(), f.value())).toList(), tasks(q.tasks())))
                    .toList();
            cpus.add(new CpuRunQueue(cpu, curr.isIdleTask() ? null : task(curr), rq.nrRunning(), queues,
                    s.policyClassName(), rq.nrSwitches(), rq.busyTime(), event(sim.recorder().lastOnCpu(cpu))));
        }
        return new RunQueuesSnapshot(s.now(), s.tracer().sequence(), cpus);
    }

    private static SlabCacheInfo cache(SlabCacheStats c) {
        return new SlabCacheInfo(c.name(), c.activeObjs(), c.numObjs(), c.objSize(), c.objPerSlab(), c.pagesPerSlab(),
                c.activeSlabs(), c.numSlabs(), c.fullSlabs(), c.partialSlabs(), c.emptySlabs());
    }

    /**
     * @param sim the simulation
     * @return the slab caches
     */
    public static SlabSnapshot slabs(Simulation sim) {
        return new SlabSnapshot(sim.now(), sim.memory().slabInfo().stream().map(Snapshots::cache).toList());
    }

    /**
     * @param sim the simulation
     * @param name a cache name
     * @return the cache and its slabs
     * @throws Errno ENOENT if there is no such cache
     */
    public static SlabCacheDetail slabCache(Simulation sim, String name) {
        KmemCache c = sim.memory().slab().find(name);
        if (c == null) {
            throw new Errno(Errno.ENOENT, Messages.noSlabCache(name));
        }
        List<SlabInfo> slabs = new ArrayList<>();
        for (SlabList list : List.of(c.full(), c.partial(), c.empty())) {
            for (Slab s : list.slabs()) {
                StringBuilder map = new StringBuilder();
                for (int i = 0; i < c.objectsPerSlab(); i++) {
                    map.append(s.isAllocated(i) ? '#' : '.');
                }
                slabs.add(new SlabInfo(PhysicalMemory.pageAddress(s.firstPage()), list.kind().name().toLowerCase(), s.inuse(),
                        c.objectsPerSlab(), s.colourOffset(), map.toString()));
            }
        }
        return new SlabCacheDetail(sim.now(), cache(c.stats()), slabs);
    }

    /**
     * @param sim the simulation
     * @return the buddy allocator's zones and the owners of all frames
     */
    public static BuddySnapshot buddy(Simulation sim) {
        PhysicalMemory m = sim.memory();
        List<ZoneInfo> zones = new ArrayList<>();
        for (Zone z : m.buddy().zones()) {
            if (z.populated()) {
                List<Long> nrFree = new ArrayList<>();
                for (int o = 0; o < PhysicalMemory.NR_PAGE_ORDERS; o++) {
                    nrFree.add(z.freeArea(o).nrFree());
                }
                zones.add(new ZoneInfo(z.name(), z.startPfn(), z.endPfn(), z.managedPages(), z.freePages(), nrFree));
            }
        }
        List<FrameRun> frames = new ArrayList<>();
        FrameOwner owner = null;
        long start = 0;
        int n = m.buddy().nrPages();
        for (int pfn = 0; pfn < n; pfn++) {
            FrameOwner o = owner(m.buddy().pfnToPage(pfn));
            if (o != owner) {
                if (owner != null) {
                    frames.add(new FrameRun(start, pfn - start, owner));
                }
                owner = o;
                start = pfn;
            }
        }
        frames.add(new FrameRun(start, n - start, owner));
        return new BuddySnapshot(sim.now(), zones, frames);
    }

    /**
     * @param sim the simulation
     * @param pid a process id
     * @return its address space
     * @throws Errno ESRCH if there is no such process, or it has no address space (a kernel thread)
     */
    public static ProcessMaps processMaps(Simulation sim, int pid) {
        MmSnapshot mm = mmOf(sim, pid);
        List<VmaInfo> vmas = mm.vmas().stream().map(v -> new VmaInfo(v.start(), v.end(), v.perms(), v.vmFlags(), v.offset(),
                v.dev(), v.inode(), v.name(), v.sizeKb(), v.rssKb(), v.pssKb(), v.anonymousKb(), v.dirtyKb(), v.slabAddress(),
                v.anonVmaAddress())).toList();
        return new ProcessMaps(mm.pid(), mm.comm(), sim.now(), mm.taskSize(), mm.mmapBase(), mm.startCode(), mm.endCode(),
                mm.startData(), mm.endData(), mm.startBrk(), mm.brk(), mm.startStack(), mm.totalVmKb(), mm.rssAnonKb(),
                mm.rssFileKb(), mm.rssShmemKb(), mm.pgtablesKb(), mm.mapCount(), mm.mmUsers(), mm.cacheHits(),
                mm.cacheMisses(), mm.minflt(), mm.majflt(), sim.kernel().vm().levels(), vmas);
    }

    /**
     * Walks a process's page tables for one address without touching its {@code find_vma} cache
     * or the accessed bits, so looking does not change what is looked at.
     *
     * @param sim the simulation
     * @param pid a process id
     * @param address a user virtual address
     * @return the walk and what it found
     * @throws Errno ESRCH if there is no such process, or it has no address space
     */
    public static PageWalk pageWalk(Simulation sim, int pid, long address) {
        MmSnapshot mm = mmOf(sim, pid);
        VirtualMemory vm = sim.kernel().vm();
        List<PageTable.WalkStep> steps = vm.pageWalk(sim.kernel().scheduler().task(pid), address);
        List<PageWalkLevel> levels = steps.stream()
                .map(w -> new PageWalkLevel(w.level(), w.index(), w.entry(), w.present())).toList();
        MmSnapshot.Vma vma = mm.vmas().stream().filter(v -> v.start() <= address && address < v.end()).findFirst()
                .orElse(null);
        String where = vma == null ? null
                : String.format("%x-%x %s %s", vma.start(), vma.end(), vma.perms(), vma.name()).strip();
        PageTable.WalkStep last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        boolean mapped = last != null && last.present() && steps.size() == vm.levels();
        if (!mapped) {
            return new PageWalk(pid, address, levels, false, -1, -1, where, notPresent(address, vma, last, steps.size(), vm));
        }
        long pfn = PageTable.pfn(last.entry());
        long physical = (pfn << PhysicalMemory.PAGE_SHIFT) | (address & (PhysicalMemory.PAGE_SIZE - 1));
        Page page = vm.normalPage(last.entry());
        String frame = page == null ? Messages.specialFrame()
                : Messages.ownedFrame(owner(page).name().toLowerCase(Locale.ROOT).replace('_', ' '), page.mapcount());
        return new PageWalk(pid, address, levels, true, pfn, physical, where,
                Messages.walkMapped(pfn, frame, (last.entry() & PageTable.PTE_RW) != 0, physical));
    }

    private static String notPresent(long address, MmSnapshot.Vma vma, PageTable.WalkStep last, int depth, VirtualMemory vm) {
        if (vma == null) {
            return Messages.walkNoVma(address);
        }
        if (last != null && last.entry() != 0 && !last.present()) {
            return Messages.walkProtNone(last.level());
        }
        if (depth < vm.levels()) {
            return Messages.walkNoTable(last == null ? null : last.level());
        }
        return Messages.walkEmptyPte();
    }

    private static MmSnapshot mmOf(Simulation sim, int pid) {
        Task t = sim.kernel().scheduler().task(pid);
        MmSnapshot mm = t == null ? null : sim.kernel().vm().snapshot(t);
        if (mm == null) {
            throw new Errno(Errno.ESRCH, t == null ? Messages.noProcess(pid) : Messages.processWithoutMm(pid));
        }
        return mm;
    }

    /**
     * Who owns a frame, told apart as the kernel does: a slab's pages point to their slab, page
     * tables have the page type {@code PG_table} ({@code PageTable()}), anonymous pages have an
     * {@code anon_vma} as {@code page->mapping} ({@code PageAnon()}), page-cache pages the
     * {@code address_space} of their file's inode; other allocated or reserved frames are the
     * kernel's.
     *
     * @param p a page frame
     * @return its owner
     */
    static FrameOwner owner(Page p) {
        if (p.slab() != null) {
            return FrameOwner.SLAB;
        }
        if (!p.isAllocated() && !p.test(PageFlag.RESERVED)) {
            return FrameOwner.FREE;
        }
        if (p.test(PageFlag.TABLE)) {
            return FrameOwner.PAGE_TABLE;
        }
        if (p.mapping() instanceof AnonVma) {
            return FrameOwner.ANON;
        }
        return p.mapping() instanceof Inode ? FrameOwner.PAGE_CACHE : FrameOwner.KERNEL;
    }
}
