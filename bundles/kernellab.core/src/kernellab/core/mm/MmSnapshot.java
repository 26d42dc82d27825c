package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a process's address space for the IDE's Process Maps view and the runner: layout
 * fields, counters and every VMA with what /proc/PID/maps and smaps show about it. Page walks
 * for a chosen address come from {@link VirtualMemory#pageWalk}.
 *
 * @param pid the process
 * @param comm its command name
 * @param taskSize TASK_SIZE
 * @param mmapBase mmap_base
 * @param startCode start_code
 * @param endCode end_code
 * @param startData start_data
 * @param endData end_data
 * @param startBrk start_brk
 * @param brk brk
 * @param startStack start_stack
 * @param totalVmKb VmSize
 * @param rssAnonKb RssAnon
 * @param rssFileKb RssFile
 * @param rssShmemKb RssShmem
 * @param pgtablesKb VmPTE
 * @param mapCount map_count
 * @param mmUsers mm_users
 * @param cacheHits find_vma cache hits
 * @param cacheMisses find_vma cache misses
 * @param minflt minor faults of the task
 * @param majflt major faults of the task
 * @param vmas the VMAs in address order
 */
public record MmSnapshot(int pid, String comm, long taskSize, long mmapBase, long startCode, long endCode, long startData,
        long endData, long startBrk, long brk, long startStack, long totalVmKb, long rssAnonKb, long rssFileKb, long rssShmemKb,
        long pgtablesKb, int mapCount, int mmUsers, long cacheHits, long cacheMisses, long minflt, long majflt, List<Vma> vmas) {

    /**
     * One VMA.
     *
     * @param start vm_start
     * @param end vm_end
     * @param perms rwxp/s as in maps
     * @param vmFlags the smaps VmFlags mnemonics
     * @param offset file offset in bytes (0 for anonymous memory)
     * @param dev device as "MM:mm"
     * @param inode inode number (0 for anonymous memory)
     * @param name path, [heap], [stack], [vvar], [vvar_vclock], [vdso] or empty
     * @param sizeKb Size
     * @param rssKb Rss
     * @param pssKb Pss
     * @param anonymousKb Anonymous
     * @param dirtyKb Shared_Dirty + Private_Dirty
     * @param slabAddress address of the vm_area_struct
     * @param anonVmaAddress address of the anon_vma, 0 if none
     */
    public record Vma(long start, long end, String perms, String vmFlags, long offset, String dev, long inode, String name,
            long sizeKb, long rssKb, long pssKb, long anonymousKb, long dirtyKb, long slabAddress, long anonVmaAddress) {
    }

    /**
     * @param vm the address spaces
     * @param pid the process id
     * @param comm its name
     * @param mm its mm
     * @param minflt its minor faults
     * @param majflt its major faults
     * @return the snapshot
     */
    public static MmSnapshot of(VirtualMemory vm, int pid, String comm, MmStruct mm, long minflt, long majflt) {
        List<Vma> list = new ArrayList<>();
        for (VmArea v : mm.vmaView()) {
            MemSizeStats s = MemSizeStats.of(vm, mm, v);
            list.add(new Vma(v.vmStart, v.vmEnd, v.perms(), VmFlags.mnemonics(v.vmFlags).strip(),
                    v.vmFile == null ? 0 : v.vmPgoff << PhysicalMemory.PAGE_SHIFT,
                    v.vmFile == null ? "00:00" : String.format("%02x:%02x", v.vmFile.devMajor(), v.vmFile.devMinor()),
                    v.vmFile == null ? 0 : v.vmFile.ino(), nameOf(mm, v) == null ? "" : nameOf(mm, v), v.length() >> 10,
                    s.resident() >> 10, s.pss() >> (10 + MemSizeStats.PSS_SHIFT), s.anonymous() >> 10,
                    (s.sharedDirty() + s.privateDirty()) >> 10, v.slabAddress,
                    v.anonVma == null ? 0 : v.anonVma.kernelAddress()));
        }
        return new MmSnapshot(pid, comm, mm.taskSize, mm.mmapBase, mm.startCode, mm.endCode, mm.startData, mm.endData,
                mm.startBrk, mm.brk, mm.startStack, mm.totalVm << 2, mm.rss(MmStruct.MM_ANONPAGES) << 2,
                mm.rss(MmStruct.MM_FILEPAGES) << 2, mm.rss(MmStruct.MM_SHMEMPAGES) << 2, mm.pgtablesBytes() >> 10,
                mm.mapCount(), mm.mmUsers, mm.cacheHits, mm.cacheMisses, minflt, majflt, List.copyOf(list));
    }

    /**
     * The name /proc/PID/maps prints for a VMA ({@code show_map_vma}): the file's path, the
     * special mapping's name, [heap] for the VMA around the program break, [stack] for the one
     * holding start_stack, else none.
     *
     * @param mm the mm
     * @param v a VMA of it
     * @return the name, or {@code null}
     */
    public static String nameOf(MmStruct mm, VmArea v) {
        if (v.vmFile != null) {
            return v.vmFile.path();
        }
        if (v.vmOps != null) {
            String n = v.vmOps.name(v);
            if (n != null) {
                return n;
            }
        }
        if (v.vmStart <= mm.brk && v.vmEnd >= mm.startBrk) {
            return "[heap]";
        }
        if (v.vmStart <= mm.startStack && v.vmEnd >= mm.startStack) {
            return "[stack]";
        }
        return null;
    }
}
