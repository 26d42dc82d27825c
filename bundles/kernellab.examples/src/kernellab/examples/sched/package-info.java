/**
 * Scheduling examples: user-space workloads for the SCHED_WRR lab (weights, slices, placement,
 * load balancing, the weight system calls) and for comparing it with the real-time and fair
 * classes. Most pin their tasks to CPU 0 with {@code sched_setaffinity}, so that they compete
 * on the default 4-CPU machine as on a single CPU; {@link kernellab.examples.sched.ThreadPlacement}
 * and {@link kernellab.examples.sched.LoadBalance} need several CPUs.
 */
package kernellab.examples.sched;
