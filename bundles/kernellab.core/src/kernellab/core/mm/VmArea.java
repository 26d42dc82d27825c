package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;

import kernellab.core.fs.Inode;

/**
 * {@code struct vm_area_struct}: one contiguous range of a process's virtual addresses with
 * the same permissions and backing. Allocated from the {@code vm_area_struct} cache; kept in
 * the {@link MmStruct}'s tree, sorted by address and never overlapping.
 */
public final class VmArea {

    final MmStruct mm;
    long vmStart;
    long vmEnd;
    long vmFlags;
    long vmPgoff;
    Inode vmFile;
    AnonVma anonVma;
    VmOperations vmOps;
    long slabAddress;
    /** {@code anon_vma_chain}s: the slab object of each link and the anon_vma it links to. */
    final List<Long> chainObjects = new ArrayList<>(2);
    final List<AnonVma> chainTargets = new ArrayList<>(2);
    /** {@link VmaTree}'s list links: the address-ordered neighbours ({@code vm_prev}, {@code vm_next}). */
    VmArea vmPrev;
    VmArea vmNext;

    VmArea(MmStruct mm, long start, long end, long flags, long pgoff, Inode file, VmOperations ops) {
        this.mm = mm;
        this.vmStart = start;
        this.vmEnd = end;
        this.vmFlags = flags;
        this.vmPgoff = pgoff;
        this.vmFile = file;
        this.vmOps = ops;
    }

    /** @return the mm this VMA belongs to */
    public MmStruct mm() {
        return mm;
    }

    /** @return first address ({@code vm_start}) */
    public long start() {
        return vmStart;
    }

    /** @return first address after the VMA ({@code vm_end}) */
    public long end() {
        return vmEnd;
    }

    /** @return length in bytes */
    public long length() {
        return vmEnd - vmStart;
    }

    /** @return {@code vm_flags}, see {@link VmFlags} */
    public long flags() {
        return vmFlags;
    }

    /**
     * @return {@code vm_page_prot} as PTE bits for a present page: user, present, rw only if
     *         writable and shared (private writable pages start read-only for copy-on-write)
     *         without {@linkplain #wantsWritenotify() write notification}, nx unless executable
     */
    public long pageProt() {
        long prot = PageTable.PTE_PRESENT | PageTable.PTE_USER;
        if ((vmFlags & VmFlags.VM_WRITE) != 0 && (vmFlags & VmFlags.VM_SHARED) != 0 && !wantsWritenotify()) {
            prot |= PageTable.PTE_RW;
        }
        if ((vmFlags & VmFlags.VM_EXEC) == 0) {
            prot |= PageTable.PTE_NX;
        }
        return prot;
    }

    /**
     * {@code vma_wants_writenotify}: a shared mapping of a file on a disk file system (ext4, with
     * {@code page_mkwrite} and write-back) maps its pages read-only even when writable, so the
     * first write to each page faults ({@code do_wp_page}, {@code wp_page_shared}) and the file
     * system learns the page is dirty. tmpfs and shared anonymous memory write nothing back and
     * map writable at once.
     *
     * @return whether writes to this mapping's pages must fault first
     */
    public boolean wantsWritenotify() {
        return (vmFlags & VmFlags.VM_SHARED) != 0 && vmFile != null && vmFile.diskBacked();
    }

    /** @return {@code vm_pgoff}: the offset in the file in pages (for anonymous memory, {@code vm_start >> PAGE_SHIFT}) */
    public long pgoff() {
        return vmPgoff;
    }

    /** @return the mapped file ({@code vm_file}), or {@code null} for anonymous memory */
    public Inode file() {
        return vmFile;
    }

    /** @return the anon_vma, {@code null} until the first anonymous page is faulted in */
    public AnonVma anonVma() {
        return anonVma;
    }

    /** @return {@code vm_ops}, {@code null} for an anonymous VMA */
    public VmOperations ops() {
        return vmOps;
    }

    /** @return the address of this vm_area_struct in the kernel's slab */
    public long slabAddress() {
        return slabAddress;
    }

    /** @return whether this is anonymous memory ({@code vma_is_anonymous}) */
    public boolean isAnonymous() {
        return vmOps == null;
    }

    /**
     * @param address a user address inside the VMA
     * @return its page offset in the backing object ({@code linear_page_index})
     */
    public long linearPageIndex(long address) {
        return ((address - vmStart) >>> PhysicalMemory.PAGE_SHIFT) + vmPgoff;
    }

    /** @return the permission column of /proc/PID/maps */
    public String perms() {
        return VmFlags.perms(vmFlags);
    }

    @Override
    public String toString() {
        return String.format("%08x-%08x %s %08x", vmStart, vmEnd, perms(), vmPgoff << PhysicalMemory.PAGE_SHIFT);
    }
}
