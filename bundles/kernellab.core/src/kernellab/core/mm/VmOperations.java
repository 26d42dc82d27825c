package kernellab.core.mm;

import kernellab.core.fs.Inode;

/**
 * {@code struct vm_operations_struct}: what differs between anonymous, file-backed and special
 * mappings. An anonymous VMA has none ({@code vma_is_anonymous()}: {@code vm_ops == NULL}).
 */
public interface VmOperations {

    /** What a {@link #fault} handler may use: the page cache and the special pages. */
    interface FaultEnv {

        /**
         * @param inode a file
         * @param index page offset
         * @return the page-cache page, read in if it was not cached (the caller counts that fault
         *         major); {@code null} when memory ran out
         */
        Page pageCachePage(Inode inode, long index);

        /**
         * @param name [vvar] or [vdso]
         * @param index page in the mapping
         * @return the kernel's page for it, shared by every process
         */
        Page specialPage(String name, long index);
    }

    /**
     * {@code open}: a VMA was copied (fork, split).
     *
     * @param vma the new VMA
     */
    void open(VmArea vma);

    /**
     * {@code close}: a VMA goes away (munmap, exit).
     *
     * @param vma the VMA
     */
    void close(VmArea vma);

    /**
     * @return whether the kernel's {@code vm_ops->close} is set: such VMAs never merge
     *         ({@code is_mergeable_vma})
     */
    boolean hasClose();

    /**
     * {@code fault}: finds the page backing a file offset of the VMA.
     *
     * @param vma the faulting VMA
     * @param pgoff page offset in the backing object
     * @param env page cache and special pages
     * @return the page (without a new reference), or {@code null} when memory ran out
     */
    Page fault(VmArea vma, long pgoff, FaultEnv env);

    /**
     * {@code page_mkwrite}: a shared page is about to become writable; the file system marks
     * it dirty for write-back.
     *
     * @param vma the VMA
     * @param page the page
     */
    void pageMkwrite(VmArea vma, Page page);

    /**
     * @param vma a VMA
     * @return its name for /proc/PID/maps ({@code vm_ops->name}), or {@code null}
     */
    String name(VmArea vma);

    /**
     * The operations of a file mapping ({@code generic_file_vm_ops}, {@code shmem_vm_ops}):
     * faults go through the page cache ({@code filemap_fault}), {@code page_mkwrite} marks the
     * page dirty, no close.
     */
    VmOperations FILE = new VmOperations() {
        @Override
        public void open(VmArea vma) {
            vma.file().mapped(1);
        }

        @Override
        public void close(VmArea vma) {
            vma.file().mapped(-1);
        }

        @Override
        public boolean hasClose() {
            return false;
        }

        @Override
        public Page fault(VmArea vma, long pgoff, FaultEnv env) {
            return env.pageCachePage(vma.file(), pgoff);
        }

        @Override
        public void pageMkwrite(VmArea vma, Page page) {
            page.set(PageFlag.DIRTY);
        }

        @Override
        public String name(VmArea vma) {
            return null;
        }
    };

    /**
     * The operations of a special mapping ({@code _install_special_mapping}: [vvar], [vdso]);
     * their {@code close} exists, so they never merge.
     *
     * @param name the name shown in /proc/PID/maps
     * @return the operations
     */
    static VmOperations special(String name) {
        return new VmOperations() {
            @Override
            public void open(VmArea vma) {
            }

            @Override
            public void close(VmArea vma) {
            }

            @Override
            public boolean hasClose() {
                return true;
            }

            @Override
            public Page fault(VmArea vma, long pgoff, FaultEnv env) {
                return env.specialPage(name, pgoff);
            }

            @Override
            public void pageMkwrite(VmArea vma, Page page) {
            }

            @Override
            public String name(VmArea vma) {
                return name;
            }
        };
    }
}
