package kernellab.core.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import kernellab.api.Errno;
import kernellab.core.fs.SeqFiles;
import kernellab.core.sched.RtSysctls;
import kernellab.core.sched.Scheduler;
import kernellab.core.sched.Task;

/**
 * The simulated {@code /proc} (and the few {@code /sys} attributes KernelLab has): files rendered on
 * demand from kernel state, read-only unless registered with a write handler. The
 * scheduler's files are registered here; other subsystems add theirs with
 * {@link #register(String, Supplier)} (e.g. {@code /proc/slabinfo}) and
 * {@link #registerPerTask(String, Function)} (e.g. {@code maps} for {@code /proc/PID/maps}).
 * Mounted in the simulated file system, it is what programs read with {@code open} and
 * {@code read}; {@code /proc/self} is the reading process.
 */
public final class ProcFs implements SeqFiles {

    private final Scheduler scheduler;
    private final Map<String, Supplier<String>> files = new TreeMap<>();
    private final Map<String, Function<Task, String>> perTask = new TreeMap<>();
    private final Map<String, Consumer<String>> writers = new TreeMap<>();

    /**
     * Registers the scheduler's files.
     *
     * @param scheduler the kernel
     */
    public ProcFs(Scheduler scheduler) {
        this.scheduler = scheduler;
        register("/proc/sched_debug", () -> SchedDebug.render(scheduler));
        register("/proc/schedstat", () -> SchedStat.render(scheduler));
        register("/proc/uptime", this::uptime);
        registerPerTask("sched", t -> TaskProc.sched(scheduler, t));
        registerPerTask("stat", t -> TaskProc.stat(scheduler, t));
        registerPerTask("comm", t -> t.comm() + "\n");
        RtSysctls rt = scheduler.rtSysctls();
        registerSysctl("/proc/sys/kernel/sched_rt_period_us", rt::rtPeriodUs, rt::writeRtPeriodUs);
        registerSysctl("/proc/sys/kernel/sched_rt_runtime_us", rt::rtRuntimeUs, rt::writeRtRuntimeUs);
        registerSysctl("/proc/sys/kernel/sched_rr_timeslice_ms", rt::rrTimesliceMs, rt::writeRrTimesliceMs);
    }

    /**
     * Registers an int sysctl of {@code /proc/sys}: read as the number and a newline
     * ({@code proc_dointvec}), written through its handler.
     *
     * @param path e.g. {@code /proc/sys/kernel/sched_rt_runtime_us}
     * @param value the current value
     * @param handler takes the written text; throws {@link Errno} (EINVAL) for a bad value
     */
    public void registerSysctl(String path, IntSupplier value, Consumer<String> handler) {
        registerWritable(path, () -> value.getAsInt() + "\n", handler);
    }

    /**
     * Registers a kernel file that root may write (mode 0644), such as a sysctl or a sysfs
     * attribute of {@code /sys/kernel/mm}.
     *
     * @param path absolute path
     * @param renderer produces the file's content
     * @param handler takes the written text; throws {@link Errno} (EINVAL) for a bad value
     */
    public void registerWritable(String path, Supplier<String> renderer, Consumer<String> handler) {
        register(path, renderer);
        writers.put(path, handler);
    }

    @Override
    public Consumer<String> writer(String path) {
        return writers.get(path);
    }

    /**
     * Writes a sysctl like {@code echo VALUE > FILE} as root would.
     *
     * @param path e.g. {@code /proc/sys/kernel/sched_rt_runtime_us}
     * @param text the data written
     * @throws Errno ENOENT if there is no such file, EINVAL if it is read-only or the handler
     *         refuses the value
     */
    public void write(String path, String text) {
        if (lookup(null, path) == null) {
            throw new Errno(Errno.ENOENT, path);
        }
        Consumer<String> w = writers.get(path);
        if (w == null) {
            throw new Errno(Errno.EINVAL);
        }
        w.accept(text);
    }

    /**
     * @param path absolute path, e.g. {@code /proc/buddyinfo}
     * @param renderer produces the file's content
     */
    public void register(String path, Supplier<String> renderer) {
        files.put(path, renderer);
    }

    /**
     * @param name file name inside {@code /proc/PID/}, e.g. {@code maps}
     * @param renderer produces the file's content for a task
     */
    public void registerPerTask(String name, Function<Task, String> renderer) {
        perTask.put(name, renderer);
    }

    /**
     * Reads a file like {@code cat} would.
     *
     * @param path e.g. {@code /proc/sched_debug}, {@code /proc/17/sched}; {@code /proc/self/stat}
     *        is not supported (there is no calling task)
     * @return the content
     * @throws Errno ENOENT if there is no such file
     */
    public String read(String path) {
        Supplier<String> f = lookup(null, path);
        if (f == null) {
            throw new Errno(Errno.ENOENT, path);
        }
        return f.get();
    }

    /**
     * {@inheritDoc} {@code /proc/self/NAME} is the file of the reader's process (its thread-group
     * leader), as the {@code self} link of procfs points to the caller's tgid.
     */
    @Override
    public Supplier<String> lookup(Task reader, String path) {
        Supplier<String> f = files.get(path);
        if (f != null) {
            return f;
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("proc")) {
            Function<Task, String> r = perTask.get(parts[3]);
            Task t = parts[2].equals("self") && reader != null ? reader.groupLeader() : parsePid(parts[2]);
            if (r != null && t != null) {
                return () -> r.apply(t);
            }
        }
        return null;
    }

    private Task parsePid(String s) {
        try {
            return scheduler.task(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return the registered file paths (per-task files as {@code /proc/PID/name}) */
    public List<String> paths() {
        List<String> list = new ArrayList<>(files.keySet());
        perTask.keySet().forEach(n -> list.add("/proc/PID/" + n));
        return list;
    }

    private String uptime() {
        long ns = scheduler.now();
        long idle = 0;
        for (int cpu = 0; cpu < scheduler.nrCpus(); cpu++) {
            idle += ns - scheduler.runQueue(cpu).busyTime();
        }
        return String.format("%d.%02d %d.%02d%n", ns / 1_000_000_000L, ns / 10_000_000L % 100,
                idle / 1_000_000_000L, idle / 10_000_000L % 100);
    }
}
