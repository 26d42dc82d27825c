/**
 * The scheduling-class API: what a student writes to schedule the tasks of policy 7
 * ({@code SCHED_WRR}) on the simulated kernel, as Linux's sched_ext lets a BPF program schedule
 * tasks without patching the kernel.
 *
 * <p>A class is a {@link kernellab.api.sched.SchedClassOps}: a table of hooks the kernel calls
 * (modelled on {@code struct sched_class} and {@code struct sched_ext_ops}) over the helpers of
 * {@link kernellab.api.sched.SchedKernel} (the {@code scx_bpf_*} functions of KernelLab), seeing
 * tasks through the read-only {@link kernellab.api.sched.SchedTask}. The kernel's own SCHED_WRR,
 * the reference implementation of the lab, is written on this API and nothing else.
 *
 * <p>The kernel checks every call: a hook that throws, runs too long, breaks a rule (a pick of
 * a task that is not queued on that CPU, a slice that is not positive…) or lets a runnable task
 * wait longer than the watchdog timeout disables the class with a reason and a debug dump, moves
 * its tasks to the fair class and goes on, as sched_ext falls back to the fair class.
 *
 * <p>All hooks run on the simulation's thread, one at a time, while the simulated kernel is
 * consistent: a Java breakpoint in a hook stops the whole machine at that moment.
 */
package kernellab.api.sched;
