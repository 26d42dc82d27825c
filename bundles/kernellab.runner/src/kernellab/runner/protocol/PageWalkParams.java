package kernellab.runner.protocol;

/**
 * @param pid the process whose page tables are walked
 * @param address the user virtual address
 */
public record PageWalkParams(int pid, long address) {
}
