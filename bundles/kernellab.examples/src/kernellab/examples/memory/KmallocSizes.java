package kernellab.examples.memory;

import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.LogLevel.KERN_INFO;

import kernellab.api.Errno;
import kernellab.api.KernelContext;
import kernellab.api.KernelModule;

/**
 * A kernel module that {@code kmalloc}s memory of many sizes and shows where each request
 * lands: which {@code kmalloc-N} cache, how many bytes it really got ({@code ksize}) and how
 * many of them are wasted.
 *
 * <p>{@code init} allocates each size of {@link #SIZES} and prints (see {@code dmesg}):
 * <pre>
 * kmalloc:    97 bytes -> kmalloc-128     ksize   128, wasted    31
 * kmalloc:  8193 bytes -> pages, order 2  ksize 16384, wasted  8191
 * </pre>
 * It keeps everything until {@code exit}, which {@code kfree}s it all.
 *
 * <p>What to look at: kmalloc rounds a request up to the next of its fixed sizes: powers of two
 * from 8 to 8192 bytes plus 96 and 192 ({@code kmalloc_index()} in include/linux/slab.h), each
 * a slab cache of its own, so 65 bytes cost 96 and 129 bytes cost 192, while 97 bytes cost 128
 * and 193 cost 256. Above {@code KMALLOC_MAX_CACHE_SIZE} (8 KiB) kmalloc takes whole pages
 * from the buddy allocator ({@code kmalloc_large()}), rounded up to a power of two of pages:
 * 8193 bytes take 16 KiB. While the module is loaded, {@code /proc/slabinfo} counts its objects
 * as active in each kmalloc cache used (two in kmalloc-8, for 1 and 8 bytes; the first object
 * of a cache makes it take a whole slab: 8 pages for kmalloc-8k), and {@code /proc/buddyinfo}
 * is short of those slabs and of the two large blocks. After {@code rmmod} the objects are
 * free but the slabs stay in their caches, empty, for the next allocation: SLUB keeps up to
 * {@code min_partial} of them instead of returning them at once.
 */
public class KmallocSizes implements KernelModule {

    /** The sizes requested, in bytes. */
    static final int[] SIZES = {1, 8, 13, 64, 65, 96, 97, 128, 129, 192, 193, 500, 1024, 1025, 3000, 4096, 8192,
        8193, 20_000};

    private final long[] objects = new long[SIZES.length];

    /** Creates the module. */
    public KmallocSizes() {
    }

    @Override
    public int init(KernelContext k) {
        for (int i = 0; i < SIZES.length; i++) {
            objects[i] = k.kmalloc(SIZES[i], GFP_KERNEL);
            if (objects[i] == 0) {
                exit(k);
                return -Errno.ENOMEM;
            }
            long ksize = k.ksize(objects[i]);
            k.printk(KERN_INFO, "kmalloc: %5d bytes -> %-15s ksize %5d, wasted %5d", SIZES[i], where(ksize), ksize,
                    ksize - SIZES[i]);
        }
        return 0;
    }

    /**
     * Names what served an allocation of the given usable size.
     *
     * @param ksize the usable size
     * @return the kmalloc cache's name ({@code kmalloc-96}, {@code kmalloc-2k}) or the page order
     */
    static String where(long ksize) {
        if (ksize > 8192) {
            return "pages, order " + Long.numberOfTrailingZeros(ksize / 4096);
        }
        return "kmalloc-" + (ksize >= 1024 ? ksize / 1024 + "k" : String.valueOf(ksize));
    }

    @Override
    public void exit(KernelContext k) {
        for (int i = 0; i < objects.length; i++) {
            k.kfree(objects[i]);
            objects[i] = 0;
        }
        k.printk(KERN_INFO, "kmalloc: all freed");
    }
}
