package kernellab.core.task;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kernellab.api.Errno;
import kernellab.api.Syscalls;
import kernellab.core.mm.MmStruct;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.mm.VirtualMemory;
import kernellab.core.sched.Task;

/**
 * The process's malloc arena, laid out like glibc's: the heap starts at the initial program
 * break with the 0x290-byte {@code tcache_perthread_struct} chunk, so the first block is at
 * {@code start_brk + 0x2a0}; chunks have a 16-byte header and are 16-byte aligned (minimum
 * chunk 32 bytes); the heap grows with {@code sbrk} by the request plus {@code M_TOP_PAD}
 * (128 KiB), which makes the first [heap] 132 KiB; requests of {@link Syscalls#MMAP_THRESHOLD}
 * or more get their own anonymous mapping. Freed chunks are reused for requests of the same
 * chunk size, last freed first (tcache/fastbin behaviour); there is no coalescing or trimming.
 *
 * <p>It also keeps what glibc's checks, AddressSanitizer and LeakSanitizer need: which chunks
 * are live or freed and where each was allocated and freed.
 *
 * <p>Workload code reaches it through {@link UserSyscalls}; {@link #malloc(VirtualMemory, Task,
 * long, String)} and {@link #free(VirtualMemory, Task, long, String)} call it in a process from
 * outside its code while the machine is stopped, as a debugger's {@code call malloc(64)} does.
 */
public final class UserHeap implements MmStruct.UserState {

    static final long TCACHE_CHUNK = 0x290;
    static final long TOP_PAD = 0x20000;
    static final long MINSIZE = 32;
    /** Largest chunk size tcache holds (64 bins of 16 bytes from 32). */
    static final long MAX_TCACHE_CHUNK = 0x410;

    /** A malloc'ed block: user pointer, requested size, chunk size, where allocated and freed. */
    static final class Block {
        final long ptr;
        long size;
        final long chunkSize;
        final boolean mmapped;
        String allocSite;
        String freeSite;
        boolean freed;

        Block(long ptr, long size, long chunkSize, boolean mmapped, String allocSite) {
            this.ptr = ptr;
            this.size = size;
            this.chunkSize = chunkSize;
            this.mmapped = mmapped;
            this.allocSite = allocSite;
        }

        Block copy() {
            Block b = new Block(ptr, size, chunkSize, mmapped, allocSite);
            b.freeSite = freeSite;
            b.freed = freed;
            return b;
        }

        long mapLength() {
            return (chunkSize + 8 + PhysicalMemory.PAGE_SIZE - 1) & -PhysicalMemory.PAGE_SIZE;
        }
    }

    /**
     * @param mm an address space
     * @return its malloc arena, made at the first use
     */
    static UserHeap of(MmStruct mm) {
        if (!(mm.userState() instanceof UserHeap)) {
            mm.setUserState(new UserHeap());
        }
        return (UserHeap) mm.userState();
    }

    /**
     * {@code malloc(size)} in a process: from the heap, or a mapping of its own for large
     * requests; may grow the heap with brk or map memory, and write chunk headers (faulting
     * pages in).
     *
     * @param vm the address spaces
     * @param t a live process
     * @param size bytes
     * @param site where the call comes from, for AddressSanitizer's and LeakSanitizer's reports
     * @return the pointer, or 0 when memory ran out (glibc's NULL with ENOMEM)
     * @throws kernellab.core.mm.UserFault if writing a chunk header faulted (the OOM killer chose the process)
     */
    public static long malloc(VirtualMemory vm, Task t, long size, String site) {
        return of(vm.mm(t)).allocate(vm, t, size, site);
    }

    /**
     * {@code free(ptr)} in a process, with glibc's checks: freeing a pointer malloc never
     * returned, or one already freed, is refused with the message glibc prints before it aborts
     * the process (the caller kills it with SIGABRT). {@code free(NULL)} does nothing.
     *
     * @param vm the address spaces
     * @param t a live process
     * @param ptr the pointer
     * @param site where the call comes from
     * @return {@code null} when freed, else glibc's message, e.g. {@code free(): double free detected in tcache 2}
     */
    public static String free(VirtualMemory vm, Task t, long ptr, String site) {
        if (ptr == 0) {
            return null;
        }
        UserHeap h = of(vm.mm(t));
        Block b = h.blocks.get(ptr);
        if (b == null) {
            return "free(): invalid pointer";
        }
        if (b.freed) {
            return doubleFreeMessage(b);
        }
        h.free(vm, t, b, site);
        return null;
    }

    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private final TreeMap<Long, Block> mappings = new TreeMap<>();
    private final Map<Long, ArrayDeque<Block>> bins = new HashMap<>();
    private long heapStart = -1;
    private long top;
    private long end;

    @Override
    public UserHeap copy() {
        UserHeap h = new UserHeap();
        for (Block b : blocks.values()) {
            Block c = b.copy();
            h.blocks.put(c.ptr, c);
        }
        for (Block b : mappings.values()) {
            h.mappings.put(b.ptr - 16, h.blocks.get(b.ptr));
        }
        for (Map.Entry<Long, ArrayDeque<Block>> e : bins.entrySet()) {
            ArrayDeque<Block> q = new ArrayDeque<>();
            for (Block b : e.getValue()) {
                q.add(h.blocks.get(b.ptr));
            }
            h.bins.put(e.getKey(), q);
        }
        h.heapStart = heapStart;
        h.top = top;
        h.end = end;
        return h;
    }

    static long chunkSize(long request) {
        return Math.max(MINSIZE, (request + 8 + 15) & -16L);
    }

    /** @return the user pointer, or 0 when memory ran out */
    long allocate(VirtualMemory vm, Task t, long size, String site) {
        if (size < 0 || size > Long.MAX_VALUE / 2) {
            return 0;
        }
        long nb = chunkSize(size);
        if (size >= Syscalls.MMAP_THRESHOLD) {
            long len = (nb + 8 + PhysicalMemory.PAGE_SIZE - 1) & -PhysicalMemory.PAGE_SIZE;
            long base;
            try {
                base = vm.mmap(t, 0, len, Syscalls.PROT_READ | Syscalls.PROT_WRITE, Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS,
                        -1, 0);
            } catch (Errno e) {
                return 0;
            }
            Block b = new Block(base + 16, size, len - 8, true, site);
            writeHeader(vm, t, b.ptr, len | 2);
            blocks.put(b.ptr, b);
            mappings.put(base, b);
            return b.ptr;
        }
        if (heapStart < 0) {
            heapStart = vm.mm(t).brk();
            top = heapStart;
            end = heapStart;
            if (carve(vm, t, TCACHE_CHUNK) == 0) {
                heapStart = -1;
                return 0;
            }
        }
        ArrayDeque<Block> bin = bins.get(nb);
        if (bin != null && !bin.isEmpty()) {
            Block b = bin.pop();
            Block fresh = new Block(b.ptr, size, nb, false, site);
            blocks.put(b.ptr, fresh);
            return b.ptr;
        }
        long chunk = carve(vm, t, nb);
        if (chunk == 0) {
            return 0;
        }
        Block b = new Block(chunk + 16, size, nb, false, site);
        blocks.put(b.ptr, b);
        return b.ptr;
    }

    /** Takes {@code nb} bytes from the top chunk, growing the heap with sbrk as glibc's sysmalloc does. */
    private long carve(VirtualMemory vm, Task t, long nb) {
        if (top + nb + MINSIZE > end) {
            long grow = (nb + TOP_PAD + MINSIZE - (end - top) + PhysicalMemory.PAGE_SIZE - 1) & -PhysicalMemory.PAGE_SIZE;
            long old = vm.mm(t).brk();
            if (vm.brk(t, old + grow) != old + grow) {
                return 0;
            }
            end = old + grow;
        }
        long chunk = top;
        top += nb;
        writeHeader(vm, t, chunk + 16, nb | 1);
        writeHeader(vm, t, top + 16, (end - top) | 1);
        return chunk;
    }

    private static void writeHeader(VirtualMemory vm, Task t, long ptr, long sizeField) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (sizeField >>> (8 * i));
        }
        vm.copyToUser(t, ptr - 8, b, 0, 8);
    }

    /**
     * @param chunkSize a chunk size
     * @return the pointer the bin of that size would hand out next, or 0 if the bin is empty
     */
    long binHead(long chunkSize) {
        ArrayDeque<Block> bin = bins.get(chunkSize);
        return bin == null || bin.isEmpty() ? 0 : bin.peek().ptr;
    }

    /**
     * @param ptr a pointer
     * @return its block (live or freed), or {@code null} if malloc never returned it
     */
    Block block(long ptr) {
        return blocks.get(ptr);
    }

    /**
     * Frees a live block (the caller checked it): mmapped ones are unmapped, others go to
     * the bin of their chunk size.
     */
    void free(VirtualMemory vm, Task t, Block b, String site) {
        b.freed = true;
        b.freeSite = site;
        if (b.mmapped) {
            mappings.remove(b.ptr - 16);
            vm.munmap(t, b.ptr - 16, b.mapLength());
        } else {
            bins.computeIfAbsent(b.chunkSize, k -> new ArrayDeque<>()).push(b);
        }
    }

    /** @return the glibc message for freeing {@code b} a second time */
    static String doubleFreeMessage(Block b) {
        if (b.mmapped) {
            return "munmap_chunk(): invalid pointer";
        }
        return b.chunkSize <= MAX_TCACHE_CHUNK ? "free(): double free detected in tcache 2" : "double free or corruption (!prev)";
    }

    /** @return live blocks in address order */
    List<Block> liveBlocks() {
        List<Block> live = new ArrayList<>();
        for (Block b : blocks.values()) {
            if (!b.freed) {
                live.add(b);
            }
        }
        return live;
    }

    /**
     * Where an access falls, for AddressSanitizer: {@code null} if it does not touch malloc
     * memory or lies inside one live block; otherwise the block to describe it against.
     *
     * @param addr first byte
     * @param len bytes
     * @return the offending address and the block, or {@code null}
     */
    Object[] check(long addr, long len) {
        if (heapStart < 0 && blocks.isEmpty()) {
            return null;
        }
        var floor = blocks.floorEntry(addr);
        Block b = floor == null ? null : floor.getValue();
        if (b != null && !b.freed && addr >= b.ptr && addr + len <= b.ptr + b.size) {
            return null;
        }
        boolean inHeap = heapStart >= 0 && addr < end && addr + len > heapStart;
        var m = mappings.floorEntry(addr + len - 1);
        if (!inHeap && (m == null || m.getKey() + m.getValue().mapLength() <= addr)) {
            return null;
        }
        for (long a = addr; a < addr + len; a++) {
            if (!inMallocMemory(a)) {
                continue;
            }
            var f = blocks.floorEntry(a);
            Block at = f == null ? null : f.getValue();
            if (at != null && a < at.ptr + Math.max(at.size, 1) && at.freed) {
                return new Object[] {a, at};
            }
            if (at != null && !at.freed && a < at.ptr + at.size) {
                continue;
            }
            var c = blocks.ceilingEntry(a + 1);
            Block right = c == null ? null : c.getValue();
            Block left = at;
            while (left != null && left.freed) {
                var l = blocks.lowerEntry(left.ptr);
                left = l == null ? null : l.getValue();
            }
            while (right != null && right.freed) {
                var r = blocks.higherEntry(right.ptr);
                right = r == null ? null : r.getValue();
            }
            long dl = left == null ? Long.MAX_VALUE : a - (left.ptr + left.size);
            long dr = right == null ? Long.MAX_VALUE : right.ptr - a;
            Block near = dl <= dr ? left : right;
            return near == null ? null : new Object[] {a, near};
        }
        return null;
    }

    private boolean inMallocMemory(long a) {
        if (heapStart >= 0 && a >= heapStart && a < end) {
            return true;
        }
        var m = mappings.floorEntry(a);
        return m != null && a < m.getKey() + m.getValue().mapLength();
    }
}
