package kernellab.runner.protocol;

import java.util.List;

/**
 * A process's address space as {@code mm_struct} describes it, with every VMA as
 * /proc/PID/maps, /proc/PID/smaps and {@code pmap -x} show it.
 *
 * @param pid the process
 * @param comm its command name
 * @param timeNs simulated time of the snapshot
 * @param taskSize TASK_SIZE, the top of user space
 * @param mmapBase mmap_base, where top-down mmap placement starts
 * @param startCode start_code
 * @param endCode end_code
 * @param startData start_data
 * @param endData end_data
 * @param startBrk start_brk, the initial program break
 * @param brk the current program break
 * @param startStack start_stack
 * @param totalVmKb VmSize
 * @param rssAnonKb RssAnon
 * @param rssFileKb RssFile
 * @param rssShmemKb RssShmem
 * @param pgtablesKb VmPTE, the page tables' size
 * @param mapCount map_count, the number of VMAs
 * @param mmUsers mm_users, the threads sharing this mm
 * @param findVmaCacheHits lookups {@code find_vma} answered from the per-thread VMA cache
 * @param findVmaCacheMisses lookups that had to walk the VMA tree
 * @param minorFaults minor page faults of the process
 * @param majorFaults major page faults (the page had to be read from a file)
 * @param pageTableLevels levels of the page tables (4, 3 or 2)
 * @param vmas the VMAs in address order
 */
public record ProcessMaps(int pid, String comm, long timeNs, long taskSize, long mmapBase, long startCode, long endCode,
        long startData, long endData, long startBrk, long brk, long startStack, long totalVmKb, long rssAnonKb, long rssFileKb,
        long rssShmemKb, long pgtablesKb, int mapCount, int mmUsers, long findVmaCacheHits, long findVmaCacheMisses,
        long minorFaults, long majorFaults, int pageTableLevels, List<VmaInfo> vmas) {
}
