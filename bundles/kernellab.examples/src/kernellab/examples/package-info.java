/**
 * The course's example workloads, ready to run from the IDE (New KernelLab Workload Project,
 * Run As) and from the CLI ({@code kernellab run -cp <examples jar> -w <class> …}). Each example
 * is a documented class whose Javadoc says what to look at and why;
 * {@link kernellab.examples.Examples} lists them.
 *
 * <ul>
 * <li>{@link kernellab.examples.sched}: the SCHED_WRR lab and the other scheduling classes,
 * user-space {@link kernellab.api.Workload}s;</li>
 * <li>{@link kernellab.examples.addressspace}: memory management as a process sees it (its
 * address space, malloc, mmap, demand paging, copy-on-write), user-space
 * {@link kernellab.api.Workload}s;</li>
 * <li>{@link kernellab.examples.memory}: memory management inside the kernel, as
 * {@link kernellab.api.KernelModule}s (loaded with insmod, unloaded with rmmod).</li>
 * </ul>
 *
 * Every example is deterministic: the same machine and seed print the same output.
 */
package kernellab.examples;
