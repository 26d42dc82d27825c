package kernellab.api;

/**
 * Code that runs inside the simulated kernel, like a loadable kernel module: {@link #init} runs
 * when the module is loaded ({@code insmod}, {@code module_init}), {@link #exit} when it is
 * unloaded ({@code rmmod}, {@code module_exit}). Both receive a {@link KernelContext}, the
 * kernel's internal interface: kmalloc and kfree, the slab caches, the page allocator, the
 * bytes of what was allocated, and printk. User-space {@link Workload}s have no access to any
 * of this.
 *
 * <pre>{@code
 * import static kernellab.api.Gfp.GFP_KERNEL;
 * import static kernellab.api.LogLevel.KERN_INFO;
 *
 * public class Hello implements KernelModule {
 *     private long buf;
 *
 *     public int init(KernelContext k) {
 *         buf = k.kmalloc(100, GFP_KERNEL);
 *         if (buf == 0) {
 *             return -Errno.ENOMEM;
 *         }
 *         k.printk(KERN_INFO, "hello: got %d bytes at %x", k.ksize(buf), buf);
 *         return 0;
 *     }
 *
 *     public void exit(KernelContext k) {
 *         k.kfree(buf);
 *     }
 * }
 * }</pre>
 *
 * <p>Mistakes are reported the way the kernel reports them (SLUB's {@code BUG kmalloc-64 …:
 * Object already free}, {@code BUG: Bad page state}, KASAN) and the faulty call is ignored; an
 * access to memory that does not exist oopses, which throws {@link KernelOops} out of the
 * module's code. An exception escaping {@code init} makes the load fail; the machine goes on.
 * A module class needs a public no-argument constructor when it is loaded by name.
 */
public interface KernelModule {

    /**
     * {@code module_init}: sets the module up.
     *
     * @param k the kernel
     * @return 0 on success or a negative errno ({@code -Errno.ENOMEM}); a non-zero value makes
     *         the load fail and {@link #exit} is not called
     */
    int init(KernelContext k);

    /**
     * {@code module_exit}: releases what {@link #init} took. The default does nothing.
     *
     * @param k the kernel
     */
    default void exit(KernelContext k) {
    }
}
