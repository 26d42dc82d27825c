package kernellab.core.module;

import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.LogLevel.KERN_INFO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import kernellab.api.Errno;
import kernellab.api.KernelContext;
import kernellab.api.KernelModule;
import kernellab.api.KmemCacheHandle;
import kernellab.api.SlabFlags;
import kernellab.api.StructPage;
import kernellab.core.mm.PhysicalMemory;
import kernellab.core.printk.KernelLog;

/** Kernel-module workloads driving the allocators through their {@link KernelContext}. */
class ModuleLoaderTest {

    private final KernelLog log = new KernelLog();
    private final PhysicalMemory mem = new PhysicalMemory(64L << 20, 4, log);
    private final ModuleLoader loader = new ModuleLoader(mem);

    /** The lecture's demo: a cache of 48-byte objects, a kmalloc'd string, an order-2 block. */
    static final class Demo implements KernelModule {
        KmemCacheHandle cache;
        long obj;
        long buf;
        StructPage pages;

        @Override
        public int init(KernelContext k) {
            cache = k.kmemCacheCreate("demo_obj", 48, 0, SlabFlags.SLAB_HWCACHE_ALIGN, p -> k.writeLong(p, 0xC0FFEE));
            obj = k.kmemCacheAlloc(cache, GFP_KERNEL);
            buf = k.kmalloc(100, GFP_KERNEL);
            k.writeString(buf, "hello, slab");
            pages = k.allocPages(GFP_KERNEL, 2);
            k.writeInt(k.pageAddress(pages) + 4096 * 3 + 100, 77);
            k.printk(KERN_INFO, "demo: obj %x ctor %x buf \"%s\" ksize %d page int %d", obj, k.readLong(obj),
                    k.readString(buf, 64), k.ksize(buf), k.readInt(k.pageAddress(pages) + 4096 * 3 + 100));
            return 0;
        }

        @Override
        public void exit(KernelContext k) {
            k.freePages(pages, 2);
            k.kfree(buf);
            k.kmemCacheFree(cache, obj);
            k.kmemCacheDestroy(cache);
            k.printk(KERN_INFO, "demo: bye");
        }
    }

    @Test
    void initAndExitUseTheAllocatorsAndPrintk() {
        long free = mem.buddy().nrFreePages();
        Demo demo = new Demo();
        assertEquals(0, loader.insmod("demo", demo));
        assertEquals(List.of("demo"), loader.lsmod());
        assertEquals(1, mem.slab().find("demo_obj").inuseObjects());
        assertEquals(List.of(String.format("demo: obj %x ctor c0ffee buf \"hello, slab\" ksize 128 page int 77", demo.obj)),
                log.lines());
        assertEquals(0, loader.rmmod("demo"));
        assertEquals("demo: bye", log.lines().get(1));
        assertNull(mem.slab().find("demo_obj"));
        assertEquals(List.of(), loader.lsmod());
        assertEquals(-Errno.ENOENT, loader.rmmod("demo"));
        assertTrue(mem.buddy().nrFreePages() >= free - 1, "only the kmalloc-128 slab is kept for reuse");
    }

    @Test
    void useAfterFreeAndOverflowAreReportedLikeKasanAndDoNotCorrupt() {
        long[] p = new long[1];
        assertEquals(0, loader.insmod("uaf", k -> {
            p[0] = k.kmalloc(64, GFP_KERNEL);
            k.kfree(p[0]);
            k.writeLong(p[0], 1);
            k.writeLong(p[0] + 60, 2);
            return 0;
        }));
        assertEquals(List.of(
                "==================================================================",
                "BUG: KASAN: slab-use-after-free in uaf_init [uaf]",
                String.format("Write of size 8 at addr %016x by task swapper/0/0", p[0]),
                "",
                String.format("The buggy address belongs to the object at %016x", p[0]),
                " which belongs to the cache kmalloc-64 of size 64",
                "The buggy address is located 0 bytes inside of",
                String.format(" freed 64-byte region [%016x, %016x)", p[0], p[0] + 64),
                "==================================================================",
                "==================================================================",
                "BUG: KASAN: slab-use-after-free in uaf_init [uaf]",
                String.format("Write of size 8 at addr %016x by task swapper/0/0", p[0] + 60),
                "",
                String.format("The buggy address belongs to the object at %016x", p[0]),
                " which belongs to the cache kmalloc-64 of size 64",
                "The buggy address is located 60 bytes inside of",
                String.format(" freed 64-byte region [%016x, %016x)", p[0], p[0] + 64),
                "=================================================================="), log.lines());
        log.clear();
        assertEquals(0, loader.insmod("oob", k -> {
            long q = k.kmalloc(64, GFP_KERNEL);
            k.writeLong(q + 60, 2);
            return 0;
        }));
        assertEquals("BUG: KASAN: slab-out-of-bounds in oob_init [oob]", log.lines().get(1));
        assertEquals("The buggy address is located 4 bytes to the right of", log.lines().get(6));
    }

    @Test
    void anOopsOrAnExceptionFailsTheLoadAndTheMachineGoesOn() {
        assertEquals(-Errno.EFAULT, loader.insmod("wild", k -> {
            k.writeLong(0x1234, 1);
            return 0;
        }));
        assertEquals(List.of("BUG: unable to handle page fault for address: 0000000000001234",
                "#PF: supervisor write access in kernel mode",
                "#PF: error_code(0x0002) - not-present page",
                "Oops: 0002 [#1] SMP NOPTI",
                "Modules linked in: wild"), log.lines());
        log.clear();
        assertEquals(-Errno.EFAULT, loader.insmod("npe", k -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of("Oops: java.lang.IllegalStateException: boom in npe_init [npe]", "Modules linked in: npe"),
                log.lines());
        assertEquals(-Errno.ENOMEM, loader.insmod("nomem", k -> -Errno.ENOMEM));
        assertEquals(List.of(), loader.lsmod());
        assertEquals(0, loader.insmod("ok", k -> 0));
    }

    @Test
    void misuseThroughTheContextIsReportedAndIgnored() {
        assertEquals(0, loader.insmod("sloppy", k -> {
            long p = k.kmalloc(64, GFP_KERNEL);
            k.kfree(p);
            k.kfree(p);
            long page = k.getFreePage(GFP_KERNEL);
            k.freePages(page, 1);
            k.freePage(page);
            k.freePage(page);
            assertNull(k.kmemCacheCreate("bad", 16, 3, 0, null));
            return 0;
        }));
        List<String> bugs = log.lines().stream().filter(l -> l.startsWith("BUG") || l.startsWith("page dumped")).toList();
        assertEquals(List.of("BUG kmalloc-64 (Not tainted): Object already free",
                "BUG: Bad page state in process swapper/0  pfn:01006",
                "page dumped because: freed with order 1 but allocated with order 0",
                "BUG: Bad page state in process swapper/0  pfn:01006",
                "page dumped because: page already freed (double free)"), bugs);
        assertTrue(log.lines().contains("kmem_cache_create(bad) failed with error -22"));
    }
}
