package kernellab.runner.protocol;

/**
 * One {@code vm_area_struct}: the /proc/PID/maps columns, the smaps sizes and what
 * {@code pmap -x} prints (Kbytes, RSS, Dirty, Mode, Mapping).
 *
 * @param start vm_start
 * @param end vm_end (exclusive)
 * @param perms permissions as maps prints them: {@code r-xp}, {@code rw-s}…
 * @param vmFlags the smaps VmFlags mnemonics ({@code rd wr mr mw me ac})
 * @param offset file offset in bytes (0 for anonymous memory)
 * @param dev device as {@code MM:mm}
 * @param inode inode number (0 for anonymous memory)
 * @param name path, {@code [heap]}, {@code [stack]}, {@code [vvar]}, {@code [vvar_vclock]}, {@code [vdso]}, or empty for anonymous memory
 * @param sizeKb Size (Kbytes in pmap)
 * @param rssKb Rss
 * @param pssKb Pss
 * @param anonymousKb Anonymous
 * @param dirtyKb Shared_Dirty + Private_Dirty (Dirty in pmap)
 * @param vmaAddress kernel address of the vm_area_struct (in the vm_area_struct slab cache)
 * @param anonVmaAddress kernel address of its anon_vma, 0 if none
 */
public record VmaInfo(long start, long end, String perms, String vmFlags, long offset, String dev, long inode, String name,
        long sizeKb, long rssKb, long pssKb, long anonymousKb, long dirtyKb, long vmaAddress, long anonVmaAddress) {
}
