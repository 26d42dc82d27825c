package kernellab.core.module;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import kernellab.api.Errno;
import kernellab.api.Gfp;
import kernellab.api.KernelContext;
import kernellab.api.KernelOops;
import kernellab.api.KmemCacheArgs;
import kernellab.api.KmemCacheHandle;
import kernellab.api.LogLevel;
import kernellab.api.StructPage;
import kernellab.core.mm.KmemCache;
import kernellab.core.mm.Page;
import kernellab.core.mm.PhysicalMemory;

/**
 * The {@link KernelContext} a loaded module's code talks to: forwards to the machine's
 * {@link PhysicalMemory} and kernel log, checks every access to memory contents first
 * ({@link PhysicalMemory#checkAccess}), and turns an oops into a {@link KernelOops}.
 */
final class ModuleContext implements KernelContext {

    private final String name;
    private final PhysicalMemory memory;

    ModuleContext(String name, PhysicalMemory memory) {
        this.name = name;
        this.memory = memory;
    }

    @Override
    public String moduleName() {
        return name;
    }

    @Override
    public long kmalloc(long size, int gfp) {
        return memory.slab().kmalloc(size, gfp);
    }

    @Override
    public long kzalloc(long size, int gfp) {
        return memory.slab().kmalloc(size, gfp | Gfp.__GFP_ZERO);
    }

    @Override
    public void kfree(long objp) {
        memory.slab().kfree(objp);
    }

    @Override
    public long ksize(long objp) {
        return memory.slab().ksize(objp);
    }

    @Override
    public KmemCacheHandle kmemCacheCreate(String cacheName, int size, KmemCacheArgs args, int flags) {
        try {
            return memory.slab().createCache(cacheName, size, args, flags);
        } catch (Errno e) {
            return null;
        }
    }

    private KmemCache cache(KmemCacheHandle handle) {
        if (handle instanceof KmemCache c && !c.isDestroyed()) {
            return c;
        }
        memory.log().printk(LogLevel.KERN_ALERT, "BUG: kernel NULL pointer dereference, address: 0000000000000000");
        throw new KernelOops(handle == null ? "kmem_cache is NULL" : "kmem_cache " + handle.name() + " was destroyed");
    }

    @Override
    public long kmemCacheAlloc(KmemCacheHandle c, int gfp) {
        return memory.slab().cacheAlloc(cache(c), gfp);
    }

    @Override
    public long kmemCacheZalloc(KmemCacheHandle c, int gfp) {
        return memory.slab().cacheAlloc(cache(c), gfp | Gfp.__GFP_ZERO);
    }

    @Override
    public void kmemCacheFree(KmemCacheHandle c, long objp) {
        memory.slab().cacheFree(cache(c), objp);
    }

    @Override
    public int kmemCacheShrink(KmemCacheHandle c) {
        return memory.slab().shrink(cache(c));
    }

    @Override
    public int kmemCacheDestroy(KmemCacheHandle c) {
        return c == null ? 0 : memory.slab().destroyCache(cache(c));
    }

    @Override
    public StructPage allocPages(int gfp, int order) {
        return memory.allocPages(gfp, order);
    }

    @Override
    public StructPage allocPage(int gfp) {
        return memory.allocPages(gfp, 0);
    }

    @Override
    public long getFreePages(int gfp, int order) {
        return memory.getFreePages(gfp, order);
    }

    @Override
    public long getFreePage(int gfp) {
        return memory.getFreePages(gfp, 0);
    }

    @Override
    public long getZeroedPage(int gfp) {
        return memory.getZeroedPage(gfp);
    }

    private static Page page(StructPage p) {
        if (p == null || p instanceof Page) {
            return (Page) p;
        }
        throw new KernelOops("not a struct page of this machine: " + p);
    }

    @Override
    public void freePages(StructPage p, int order) {
        memory.freePages(page(p), order);
    }

    @Override
    public void freePage(StructPage p) {
        memory.freePages(page(p), 0);
    }

    @Override
    public void freePages(long addr, int order) {
        memory.freePages(addr, order);
    }

    @Override
    public void freePage(long addr) {
        memory.freePages(addr, 0);
    }

    @Override
    public long pageAddress(StructPage p) {
        return PhysicalMemory.pageAddress(page(p));
    }

    @Override
    public StructPage virtToPage(long addr) {
        return memory.virtToPage(addr);
    }

    /** Checks an access; false when it was reported and must be skipped; throws on an oops. */
    private boolean allowed(long addr, long len, boolean write) {
        if (len == 0) {
            return false;
        }
        PhysicalMemory.Access a = memory.checkAccess(addr, len, write);
        if (a == PhysicalMemory.Access.OOPS) {
            throw new KernelOops(String.format("BUG: unable to handle page fault for address: %016x", addr));
        }
        return a == PhysicalMemory.Access.OK;
    }

    @Override
    public void read(long addr, byte[] dst, int off, int len) {
        if (allowed(addr, len, false)) {
            memory.read(addr, dst, off, len);
        } else {
            Arrays.fill(dst, off, off + len, (byte) 0);
        }
    }

    @Override
    public void write(long addr, byte[] src, int off, int len) {
        if (allowed(addr, len, true)) {
            memory.write(addr, src, off, len);
        }
    }

    @Override
    public void memset(long addr, int c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        write(addr, b, 0, n);
    }

    @Override
    public long readLong(long addr) {
        byte[] b = new byte[8];
        read(addr, b, 0, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    @Override
    public void writeLong(long addr, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        write(addr, b, 0, 8);
    }

    @Override
    public int readInt(long addr) {
        byte[] b = new byte[4];
        read(addr, b, 0, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Override
    public void writeInt(long addr, int value) {
        byte[] b = { (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24) };
        write(addr, b, 0, 4);
    }

    @Override
    public String readString(long addr, int max) {
        byte[] b = new byte[max];
        read(addr, b, 0, max);
        int n = 0;
        while (n < max && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public void writeString(long addr, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] b = Arrays.copyOf(utf8, utf8.length + 1);
        write(addr, b, 0, b.length);
    }

    @Override
    public void printk(LogLevel level, String format, Object... args) {
        memory.log().printk(level, args.length == 0 ? format : String.format(format, args));
    }
}
