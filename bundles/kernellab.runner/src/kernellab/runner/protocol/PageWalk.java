package kernellab.runner.protocol;

import java.util.List;

/**
 * The MMU's walk of a process's page tables for one address, as {@code pagewalk PID ADDR}
 * prints it in the shell.
 *
 * @param pid the process
 * @param address the virtual address
 * @param levels the table levels, from the PGD down to where the walk stopped
 * @param present whether the address maps a page frame
 * @param pfn the page frame the address maps, or -1 when not present
 * @param physicalAddress the physical address the virtual one translates to, or -1 when not present
 * @param vma the VMA holding the address ({@code start-end perms name}), or {@code null} when none does
 * @param explanation one line saying what the walk found: the frame and its owner, or why the
 *        page is not present (no VMA: a segmentation fault; never touched: demand paging will
 *        allocate it on the first access; a page-table level missing)
 */
public record PageWalk(int pid, long address, List<PageWalkLevel> levels, boolean present, long pfn, long physicalAddress,
        String vma, String explanation) {
}
