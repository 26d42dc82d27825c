package kernellab.examples.memory;

import static kernellab.api.Gfp.GFP_DMA;
import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.LogLevel.KERN_INFO;

import kernellab.api.Errno;
import kernellab.api.KernelContext;
import kernellab.api.KernelModule;
import kernellab.api.StructPage;

/**
 * A kernel module that takes blocks of several orders from the buddy allocator with
 * {@code alloc_pages} and gives them back with {@code __free_pages} when it is unloaded.
 *
 * <p>{@code init} allocates one block of each order in {@link #ORDERS} with {@code GFP_KERNEL}
 * and one order-2 block from ZONE_DMA ({@code GFP_DMA}), and prints each. {@code GFP_KERNEL}
 * starts at ZONE_NORMAL, which is empty on a machine of 4 GiB or less, so on the default
 * 256 MiB machine the blocks come from ZONE_DMA32, the next zone down:
 * <pre>
 * pages: order  3 =    8 pages ( 32 kB) at pfn 0x01040, ffff888001040000, zone DMA32
 * </pre>
 *
 * <p>What to look at: {@code /proc/buddyinfo} before loading, while loaded and after
 * unloading ({@code --print-at} in the CLI, the Buddy view in the IDE). Each line lists, per
 * zone, how many free blocks there are of order 0, 1, … 10. A request of order {@code k} takes
 * a block from the lowest non-empty free list of order ≥ {@code k}; a larger block is split in
 * halves ("buddies") until one has order {@code k}, and each unused half goes onto the free
 * list one order lower, so the counts of the lower orders grow while one large block
 * disappears. Every pfn printed is a multiple of its block's size (2^order pages): that
 * alignment is what lets the allocator find a block's buddy by flipping one bit of its pfn.
 * While the module is loaded the zones have 1 + 2 + 4 + 8 + 32 + 1024 = 1071 (DMA32) and 4
 * (DMA) free pages fewer. On {@code rmmod} every block comes back and merges with whichever
 * buddies are free: the number of free pages is what it was before {@code insmod}, except for
 * the few pages that the {@code insmod} and {@code rmmod} processes' own kernel objects
 * ({@code task_struct}, {@code mm_struct} …) leave in slab caches, but the lines need not look
 * the same: pages taken meanwhile split other blocks. The order-10 block is 4 MiB, the largest
 * the allocator has ({@code MAX_ORDER}); the DMA block comes from the first 16 MiB.
 */
public class PageOrders implements KernelModule {

    /** The orders allocated with {@code GFP_KERNEL}. */
    static final int[] ORDERS = {0, 1, 2, 3, 5, 10};
    /** The order allocated from ZONE_DMA. */
    public static final int DMA_ORDER = 2;

    private final StructPage[] blocks = new StructPage[ORDERS.length];
    private StructPage dmaBlock;

    /** Creates the module. */
    public PageOrders() {
    }

    @Override
    public int init(KernelContext k) {
        for (int i = 0; i < ORDERS.length; i++) {
            blocks[i] = k.allocPages(GFP_KERNEL, ORDERS[i]);
            if (blocks[i] == null) {
                exit(k);
                return -Errno.ENOMEM;
            }
            print(k, blocks[i], ORDERS[i]);
        }
        dmaBlock = k.allocPages(GFP_DMA, DMA_ORDER);
        if (dmaBlock == null) {
            exit(k);
            return -Errno.ENOMEM;
        }
        print(k, dmaBlock, DMA_ORDER);
        return 0;
    }

    private static void print(KernelContext k, StructPage page, int order) {
        k.printk(KERN_INFO, "pages: order %2d = %4d pages (%3d kB) at pfn 0x%05x, %x, zone %s", order, 1 << order,
                4 << order, page.pfn(), k.pageAddress(page), page.zoneName());
    }

    @Override
    public void exit(KernelContext k) {
        for (int i = 0; i < ORDERS.length; i++) {
            if (blocks[i] != null) {
                k.freePages(blocks[i], ORDERS[i]);
                blocks[i] = null;
            }
        }
        if (dmaBlock != null) {
            k.freePages(dmaBlock, DMA_ORDER);
            dmaBlock = null;
        }
        k.printk(KERN_INFO, "pages: all blocks freed");
    }
}
