/**
 * Memory-management examples on the kernel side: kernel modules that use the slab layer,
 * kmalloc and the page allocator. Their output goes to the kernel log ({@code dmesg}); what
 * they change shows in {@code /proc/slabinfo}, {@code slabtop} and {@code /proc/buddyinfo}.
 */
package kernellab.examples.memory;
