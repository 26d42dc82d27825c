package kernellab.core.mm;

import kernellab.api.Gfp;
import kernellab.api.SlabFlags;

/**
 * The slab caches the kernel allocates its own process objects from, created at boot in
 * {@code start_kernel()}'s order ({@code pid_idr_init}, {@code anon_vma_init},
 * {@code cred_init}, {@code fork_init}, {@code proc_caches_init}) with the object sizes,
 * alignments, flags and constructors of an x86_64 Linux 5.x kernel, so that their
 * /proc/slabinfo lines match a real machine's:
 *
 * <pre>
 * pid 128, anon_vma 88, anon_vma_chain 64, cred_jar 192, task_struct 5632,
 * sighand_cache 2112, signal_cache 1152, files_cache 704, fs_cache 64,
 * mm_struct 1088, vm_area_struct 208
 * </pre>
 *
 * {@link #fork} allocates what {@code copy_process()} allocates in kernel/fork.c, sharing
 * instead of copying what the clone flags say; {@link #exit} frees what {@code do_exit()}
 * drops, {@link #release} what {@code release_task()} and the last {@code put_task_struct()}
 * free.
 */
public final class KernelCaches {

    /** Share the address space ({@code CLONE_VM}). */
    public static final int CLONE_VM = 0x100;
    /** Share the file-system information ({@code CLONE_FS}). */
    public static final int CLONE_FS = 0x200;
    /** Share the file descriptor table ({@code CLONE_FILES}). */
    public static final int CLONE_FILES = 0x400;
    /** Share the signal handlers ({@code CLONE_SIGHAND}). */
    public static final int CLONE_SIGHAND = 0x800;
    /** Same thread group ({@code CLONE_THREAD}). */
    public static final int CLONE_THREAD = 0x10000;
    /** What {@code pthread_create} passes. */
    public static final int PTHREAD_FLAGS = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

    private final PhysicalMemory memory;
    private final KmemCache pid;
    private final KmemCache anonVma;
    private final KmemCache anonVmaChain;
    private final KmemCache cred;
    private final KmemCache taskStruct;
    private final KmemCache sighand;
    private final KmemCache signal;
    private final KmemCache files;
    private final KmemCache fs;
    private final KmemCache mmStruct;
    private final KmemCache vmAreaStruct;

    /**
     * Creates the caches.
     *
     * @param memory the machine's memory subsystem
     */
    public KernelCaches(PhysicalMemory memory) {
        this.memory = memory;
        SlabAllocator slab = memory.slab();
        int hw = SlabFlags.SLAB_HWCACHE_ALIGN;
        int panic = SlabFlags.SLAB_PANIC | SlabFlags.SLAB_ACCOUNT;
        String old = memory.setCallSite("start_kernel");
        pid = slab.createCache("pid", 112, 8, hw | panic, null);
        // anon_vma_ctor and sighand_ctor initialise locks and list heads, which have no bytes to set here;
        // having a constructor still moves SLUB's free pointer out of the object, as in the kernel.
        anonVma = slab.createCache("anon_vma", 80, 0, SlabFlags.SLAB_TYPESAFE_BY_RCU | panic, obj -> { });
        anonVmaChain = slab.createCache("anon_vma_chain", 64, 8, panic, null);
        cred = slab.createCache("cred_jar", 176, 0, hw | panic, null);
        taskStruct = slab.createCache("task_struct", 5632, 64, panic, null);
        sighand = slab.createCache("sighand_cache", 2088, 0, hw | panic | SlabFlags.SLAB_TYPESAFE_BY_RCU, obj -> { });
        signal = slab.createCache("signal_cache", 1104, 0, hw | panic, null);
        files = slab.createCache("files_cache", 704, 0, hw | panic, null);
        fs = slab.createCache("fs_cache", 56, 0, hw | panic, null);
        mmStruct = slab.createCache("mm_struct", 1064, 0, hw | panic, null);
        vmAreaStruct = slab.createCache("vm_area_struct", 208, 8, panic, null);
        memory.setCallSite(old);
    }

    /** @return the cache of {@code pid_cachep} */
    public KmemCache pid() {
        return pid;
    }

    /** @return the cache of {@code anon_vma_cachep} */
    public KmemCache anonVma() {
        return anonVma;
    }

    /** @return the cache of {@code anon_vma_chain_cachep} */
    public KmemCache anonVmaChain() {
        return anonVmaChain;
    }

    /** @return the cache of {@code cred_jar} */
    public KmemCache cred() {
        return cred;
    }

    /** @return the cache of {@code task_struct_cachep} */
    public KmemCache taskStruct() {
        return taskStruct;
    }

    /** @return the cache of {@code sighand_cachep} */
    public KmemCache sighand() {
        return sighand;
    }

    /** @return the cache of {@code signal_cachep} */
    public KmemCache signal() {
        return signal;
    }

    /** @return the cache of {@code files_cachep} */
    public KmemCache files() {
        return files;
    }

    /** @return the cache of {@code fs_cachep} */
    public KmemCache fs() {
        return fs;
    }

    /** @return the cache of {@code mm_cachep} */
    public KmemCache mmStruct() {
        return mmStruct;
    }

    /** @return the cache of {@code vm_area_cachep} */
    public KmemCache vmAreaStruct() {
        return vmAreaStruct;
    }

    /** A kernel object that tasks may share, freed when the last user drops it. */
    private static final class Shared {
        final KmemCache cache;
        final long address;
        int users = 1;

        Shared(KmemCache cache, long address) {
            this.cache = cache;
            this.address = address;
        }
    }

    /**
     * The kernel objects of one task, as {@link #fork} allocated them. The static objects of
     * the boot task ({@code init_task}, {@code init_mm}…) have address 0 and are never freed.
     */
    public static final class TaskObjects {
        private long taskStruct;
        private Page stack;
        private long pid;
        private Shared cred;
        private Shared mm;
        private Shared files;
        private Shared fs;
        private Shared sighand;
        private Shared signal;
        private boolean exited;

        /** @return the task_struct's address (0 for the static {@code init_task}) */
        public long taskStruct() {
            return taskStruct;
        }

        /** @return the mm_struct's address, 0 for a kernel thread or {@code init_mm} */
        public long mm() {
            return mm == null ? 0 : mm.address;
        }
    }

    /**
     * The boot task's objects: all static, nothing allocated ({@code init_task},
     * {@code init_cred}, {@code init_fs}, {@code init_files}, {@code init_sighand},
     * {@code init_signals}).
     *
     * @return objects for the idle task of CPU 0, the parent of init and kthreadd
     */
    public TaskObjects bootTask() {
        TaskObjects t = new TaskObjects();
        t.cred = pinned(cred);
        t.files = pinned(files);
        t.fs = pinned(fs);
        t.sighand = pinned(sighand);
        t.signal = pinned(signal);
        return t;
    }

    private static Shared pinned(KmemCache cache) {
        Shared s = new Shared(cache, 0);
        s.users = Integer.MAX_VALUE / 2;
        return s;
    }

    /**
     * {@code copy_process()}'s allocations: a task_struct and a kernel stack, a pid, and for
     * everything the clone flags do not share a new object: cred (unless CLONE_THREAD),
     * files_struct, fs_struct, sighand_struct, signal_struct (unless CLONE_THREAD) and, for a
     * user task without CLONE_VM, an mm_struct.
     *
     * @param parent the parent's objects
     * @param cloneFlags {@code CLONE_*} flags of this class
     * @param kernelThread whether the child is a kernel thread (no mm)
     * @return the child's objects, or {@code null} when memory ran out (everything taken is given back)
     */
    public TaskObjects fork(TaskObjects parent, int cloneFlags, boolean kernelThread) {
        String old = memory.setCallSite("copy_process");
        try {
            TaskObjects c = new TaskObjects();
            SlabAllocator slab = memory.slab();
            c.taskStruct = slab.cacheAlloc(taskStruct, Gfp.GFP_KERNEL);
            c.stack = c.taskStruct == 0 ? null : memory.allocThreadStack();
            c.pid = c.stack == null ? 0 : slab.cacheAlloc(pid, Gfp.GFP_KERNEL);
            if (c.pid == 0) {
                release(c);
                return null;
            }
            boolean ok = (c.cred = shareOrAlloc(parent.cred, cred, (cloneFlags & CLONE_THREAD) != 0)) != null
                    && (c.files = shareOrAlloc(parent.files, files, (cloneFlags & CLONE_FILES) != 0)) != null
                    && (c.fs = shareOrAlloc(parent.fs, fs, (cloneFlags & CLONE_FS) != 0)) != null
                    && (c.sighand = shareOrAlloc(parent.sighand, sighand, (cloneFlags & CLONE_SIGHAND) != 0)) != null
                    && (c.signal = shareOrAlloc(parent.signal, signal, (cloneFlags & CLONE_THREAD) != 0)) != null;
            if (ok && !kernelThread) {
                memory.setCallSite("dup_mm");
                c.mm = shareOrAlloc(parent.mm, mmStruct, (cloneFlags & CLONE_VM) != 0);
                ok = c.mm != null;
            }
            if (!ok) {
                exit(c);
                release(c);
                return null;
            }
            return c;
        } finally {
            memory.setCallSite(old);
        }
    }

    private Shared shareOrAlloc(Shared parent, KmemCache cache, boolean share) {
        if (share && parent != null) {
            parent.users++;
            return parent;
        }
        long p = memory.slab().cacheAlloc(cache, Gfp.GFP_KERNEL);
        return p == 0 ? null : new Shared(cache, p);
    }

    private void put(Shared s) {
        if (s != null && --s.users == 0) {
            memory.slab().cacheFree(s.cache, s.address);
        }
    }

    /**
     * {@code do_exit()}: drops the task's mm ({@code exit_mm}), files ({@code exit_files}) and
     * fs ({@code exit_fs}); the last user frees each.
     *
     * @param t the exiting task's objects
     */
    public void exit(TaskObjects t) {
        if (t.exited) {
            return;
        }
        t.exited = true;
        String old = memory.setCallSite("do_exit");
        put(t.mm);
        put(t.files);
        put(t.fs);
        t.mm = null;
        t.files = null;
        t.fs = null;
        memory.setCallSite(old);
    }

    /**
     * {@code release_task()} and the final {@code put_task_struct()}: frees the pid, the
     * signal and sighand structures (when the last thread goes), the cred, the kernel stack and
     * the task_struct.
     *
     * @param t the reaped task's objects
     */
    public void release(TaskObjects t) {
        exit(t);
        String old = memory.setCallSite("release_task");
        put(t.signal);
        put(t.sighand);
        put(t.cred);
        t.signal = null;
        t.sighand = null;
        t.cred = null;
        if (t.pid != 0) {
            memory.slab().cacheFree(pid, t.pid);
            t.pid = 0;
        }
        memory.setCallSite("free_task");
        memory.freeThreadStack(t.stack);
        t.stack = null;
        if (t.taskStruct != 0) {
            memory.slab().cacheFree(taskStruct, t.taskStruct);
            t.taskStruct = 0;
        }
        memory.setCallSite(old);
    }
}
