package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code struct mm_struct}: a process's address space. The VMAs are kept in a balanced tree
 * keyed by start address ({@link VmaTree}, a B+ tree: wide and shallow like the maple tree), with
 * the one-entry lookup cache of the lecture ({@code mmap_cache}) whose hits and misses are
 * counted; the page table; the layout fields filled in by exec; and the counters behind
 * /proc/PID/status and statm.
 *
 * <p>Threads share one MmStruct ({@link #mmUsers()} counts them); {@code mm_count} counts the
 * references that keep the structure itself alive.
 */
public final class MmStruct {

    /** {@code MM_FILEPAGES}: resident pages of regular files. */
    public static final int MM_FILEPAGES = 0;
    /** {@code MM_ANONPAGES}: resident anonymous pages. */
    public static final int MM_ANONPAGES = 1;
    /** {@code MM_SHMEMPAGES}: resident pages of shmem (shared anonymous memory, tmpfs). */
    public static final int MM_SHMEMPAGES = 3;

    private final VmaTree tree = new VmaTree();
    private VmArea mmapCache;
    private long cacheStart;
    private long cacheEnd;
    long cacheHits;
    long cacheMisses;

    final PageTable pgd;
    final long taskSize;
    final long mmStructAddress;
    long mmapBase;
    long startCode;
    long endCode;
    long startData;
    long endData;
    long startBrk;
    long brk;
    long startStack;
    long argStart;
    long argEnd;
    long envStart;
    long envEnd;
    long totalVm;
    long lockedVm;
    long dataVm;
    long execVm;
    long stackVm;
    long hiwaterRss;
    long hiwaterVm;
    final long[] rssStat = new long[4];
    int mmUsers = 1;
    int mmCount = 1;
    long tlbFlushes;
    String exeName;
    UserState userState;

    /**
     * State that user-space code keeps in the process's memory (libc's malloc arena), attached to
     * the mm so that fork copies it along with the memory and exec drops it.
     */
    public interface UserState {
        /** @return an independent copy for the child of a fork */
        UserState copy();
    }

    /** @return the user-space library state, or {@code null} */
    public UserState userState() {
        return userState;
    }

    /**
     * @param state the user-space library state
     */
    public void setUserState(UserState state) {
        this.userState = state;
    }

    /** @return the path of the program exec loaded, or {@code null} */
    public String exeName() {
        return exeName;
    }

    MmStruct(PageTable pgd, long taskSize, long mmStructAddress) {
        this.pgd = pgd;
        this.taskSize = taskSize;
        this.mmStructAddress = mmStructAddress;
    }

    // ---- lookups

    /**
     * {@code find_vma}: the first VMA that ends above {@code addr} (it may start above it).
     * Tries the one-entry cache first and counts the hit or miss.
     *
     * @param addr a user address
     * @return the VMA, or {@code null} if none ends above {@code addr}
     */
    public VmArea findVma(long addr) {
        if (addr >= cacheStart && addr < cacheEnd) {
            cacheHits++;
            return mmapCache;
        }
        cacheMisses++;
        VmArea v = tree.findVma(addr);
        if (v != null) {
            mmapCache = v;
            cacheStart = v.vmStart;
            cacheEnd = v.vmEnd;
        }
        return v;
    }

    /**
     * {@code find_vma_prev}: like {@link #findVma} and also the VMA before the result.
     *
     * @param addr a user address
     * @return two elements: the VMA found (or {@code null}) and its predecessor (or {@code null};
     *         the last VMA when none ends above {@code addr})
     */
    public VmArea[] findVmaPrev(long addr) {
        VmArea v = findVma(addr);
        VmArea prev;
        if (v == null) {
            prev = tree.last();
        } else {
            prev = prev(v);
        }
        return new VmArea[] {v, prev};
    }

    /**
     * {@code find_vma_intersection}: the first VMA overlapping {@code [start, end)}.
     *
     * @param start start address
     * @param end end address (exclusive)
     * @return the VMA, or {@code null}
     */
    public VmArea findVmaIntersection(long start, long end) {
        VmArea v = findVma(start);
        return v != null && v.vmStart < end ? v : null;
    }

    /**
     * @param v a VMA of this mm
     * @return the VMA before it, or {@code null}
     */
    public VmArea prev(VmArea v) {
        return v.vmPrev;
    }

    /**
     * @param v a VMA of this mm
     * @return the VMA after it, or {@code null}
     */
    public VmArea next(VmArea v) {
        return v.vmNext;
    }

    /**
     * @param addr an address
     * @return the last VMA starting below {@code addr}, or {@code null}
     */
    VmArea lastStartingBelow(long addr) {
        return tree.lastStartingBelow(addr);
    }

    /** @return the VMAs in address order */
    public List<VmArea> vmas() {
        List<VmArea> list = new ArrayList<>(tree.size());
        for (VmArea v : tree) {
            list.add(v);
        }
        return list;
    }

    /** @return the VMAs in address order, as a live view (do not modify the mm while iterating) */
    Iterable<VmArea> vmaView() {
        return tree;
    }

    void insert(VmArea v) {
        tree.insert(v);
    }

    void remove(VmArea v) {
        tree.remove(v);
        invalidateCache();
    }

    private void invalidateCache() {
        mmapCache = null;
        cacheStart = 0;
        cacheEnd = 0;
    }

    /** Changes a VMA's end (merge, split, brk); the tree keeps ends next to starts for lookups. */
    void setEnd(VmArea v, long end) {
        tree.setEnd(v, end);
        invalidateCache();
    }

    /** Moves a VMA's start within the gap below it (or its own range): the tree order stays valid. */
    void moveStart(VmArea v, long newStart) {
        tree.moveStart(v, newStart);
        invalidateCache();
    }

    // ---- fields

    /** @return {@code map_count}: the number of VMAs */
    public int mapCount() {
        return tree.size();
    }

    /** @return find_vma cache hits */
    public long cacheHits() {
        return cacheHits;
    }

    /** @return find_vma cache misses */
    public long cacheMisses() {
        return cacheMisses;
    }

    /** @return the page table ({@code pgd}) */
    public PageTable pageTable() {
        return pgd;
    }

    /** @return the mm_struct's address in the kernel's slab (0 if the fork ran out of memory for it) */
    public long address() {
        return mmStructAddress;
    }

    /** @return {@code TASK_SIZE}: the end of the user address space */
    public long taskSize() {
        return taskSize;
    }

    /** @return {@code mmap_base}: where top-down mmap allocation starts */
    public long mmapBase() {
        return mmapBase;
    }

    /** @return {@code start_code} */
    public long startCode() {
        return startCode;
    }

    /** @return {@code end_code} */
    public long endCode() {
        return endCode;
    }

    /** @return {@code start_data} */
    public long startData() {
        return startData;
    }

    /** @return {@code end_data} */
    public long endData() {
        return endData;
    }

    /** @return {@code start_brk}: where the heap starts */
    public long startBrk() {
        return startBrk;
    }

    /** @return {@code brk}: the current program break */
    public long brk() {
        return brk;
    }

    /** @return {@code start_stack}: the initial stack pointer (where argc is) */
    public long startStack() {
        return startStack;
    }

    /** @return {@code arg_start} */
    public long argStart() {
        return argStart;
    }

    /** @return {@code arg_end} */
    public long argEnd() {
        return argEnd;
    }

    /** @return {@code env_start} */
    public long envStart() {
        return envStart;
    }

    /** @return {@code env_end} */
    public long envEnd() {
        return envEnd;
    }

    /** @return {@code total_vm} in pages */
    public long totalVm() {
        return totalVm;
    }

    /** @return {@code locked_vm} in pages */
    public long lockedVm() {
        return lockedVm;
    }

    /** @return {@code data_vm} in pages: private writable, not stack */
    public long dataVm() {
        return dataVm;
    }

    /** @return {@code exec_vm} in pages: executable, not writable, not stack */
    public long execVm() {
        return execVm;
    }

    /** @return {@code stack_vm} in pages */
    public long stackVm() {
        return stackVm;
    }

    /**
     * @param member {@link #MM_FILEPAGES}, {@link #MM_ANONPAGES} or {@link #MM_SHMEMPAGES}
     * @return that RSS counter, in pages
     */
    public long rss(int member) {
        return rssStat[member];
    }

    /** @return resident pages: file + anonymous + shmem */
    public long rss() {
        return rssStat[MM_FILEPAGES] + rssStat[MM_ANONPAGES] + rssStat[MM_SHMEMPAGES];
    }

    /** @return peak RSS in pages ({@code hiwater_rss}) */
    public long hiwaterRss() {
        return Math.max(hiwaterRss, rss());
    }

    /** @return peak total_vm in pages ({@code hiwater_vm}) */
    public long hiwaterVm() {
        return Math.max(hiwaterVm, totalVm);
    }

    /** @return {@code mm_users}: tasks using this address space */
    public int mmUsers() {
        return mmUsers;
    }

    /** @return {@code mm_count}: references to the structure */
    public int mmCount() {
        return mmCount;
    }

    /** @return TLB flushes done for this mm (copy-on-write, unmap, mprotect) */
    public long tlbFlushes() {
        return tlbFlushes;
    }

    /**
     * @return bytes of page tables below the PGD, as {@code mm_pgtables_bytes} counts them for
     *         VmPTE
     */
    public long pgtablesBytes() {
        long n = pgd.tablePages();
        return (n == 0 ? 0 : n - 1) * PhysicalMemory.PAGE_SIZE;
    }

    void addRss(int member, long delta) {
        if (delta < 0) {
            hiwaterRss = Math.max(hiwaterRss, rss());
        }
        rssStat[member] += delta;
    }

    /** {@code vm_stat_account}: counts a VMA's pages in total_vm and in exec_vm, stack_vm or data_vm. */
    void statAccount(long flags, long pages) {
        if (pages < 0) {
            hiwaterVm = Math.max(hiwaterVm, totalVm);
        }
        totalVm += pages;
        if ((flags & (VmFlags.VM_EXEC | VmFlags.VM_WRITE | VmFlags.VM_GROWSDOWN)) == VmFlags.VM_EXEC) {
            execVm += pages;
        } else if ((flags & VmFlags.VM_GROWSDOWN) != 0) {
            stackVm += pages;
        } else if ((flags & (VmFlags.VM_WRITE | VmFlags.VM_SHARED | VmFlags.VM_GROWSDOWN)) == VmFlags.VM_WRITE) {
            dataVm += pages;
        }
        if ((flags & VmFlags.VM_LOCKED) != 0) {
            lockedVm += pages;
        }
    }
}
