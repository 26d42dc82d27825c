package kernellab.core.mm;

/**
 * The outcome of a fault handler ({@code vm_fault_t}): the bits of Linux's {@code VM_FAULT_*}
 * that the simulation produces, one at a time.
 */
enum VmFault {
    /** Handled without I/O. */
    MINOR,
    /** Handled, a page had to be read from the disk ({@code VM_FAULT_MAJOR}). */
    MAJOR,
    /** No memory ({@code VM_FAULT_OOM}). */
    OOM,
    /** Access beyond the end of the file ({@code VM_FAULT_SIGBUS}). */
    SIGBUS,
    /** A huge fault that found no 2 MiB block: go on with a 4 KiB page ({@code VM_FAULT_FALLBACK}). */
    FALLBACK
}
