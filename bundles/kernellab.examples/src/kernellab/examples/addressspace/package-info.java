/**
 * Memory-management examples in user space: programs that look at their own address space
 * (code, heap, stack, mappings), use {@code malloc} and {@code free} right and wrong, map a file,
 * share memory between processes, grow the heap with {@code brk} and watch demand paging and
 * copy-on-write happen. They print what a C program would, including the lines of their own
 * {@code /proc/self/maps}, {@code status} and {@code smaps}; while one runs,
 * {@code /proc/PID/maps}, {@code pmap PID} and the Process Maps view show the same address
 * space from outside.
 */
package kernellab.examples.addressspace;
