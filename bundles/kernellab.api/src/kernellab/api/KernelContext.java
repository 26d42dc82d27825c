package kernellab.api;

import java.util.function.LongConsumer;

/**
 * The kernel as a {@link KernelModule} sees it: the allocation interfaces of
 * {@code <linux/slab.h>} and {@code <linux/gfp.h>}, access to the bytes of allocated memory,
 * and {@code printk}. Pointers are {@code long} kernel virtual addresses (0 is {@code NULL});
 * flags are {@link Gfp} and {@link SlabFlags} values. Failures return 0 or {@code null}
 * exactly where Linux returns {@code NULL}.
 */
public interface KernelContext {

    /** @return the module's name, as {@code lsmod} shows it */
    String moduleName();

    // ---- kmalloc ----

    /**
     * {@code kmalloc(size, flags)}: at least {@code size} bytes from the smallest fitting
     * kmalloc cache (kmalloc-8 … kmalloc-8k), or whole pages for larger sizes.
     *
     * @param size bytes
     * @param gfp e.g. {@link Gfp#GFP_KERNEL}
     * @return the pointer, 16 ({@code ZERO_SIZE_PTR}) for size 0, or 0 when out of memory
     */
    long kmalloc(long size, int gfp);

    /**
     * {@code kzalloc()}: {@link #kmalloc} with zeroed memory.
     *
     * @param size bytes
     * @param gfp flags
     * @return the pointer or 0
     */
    long kzalloc(long size, int gfp);

    /**
     * {@code kfree()}: frees what {@link #kmalloc} returned; 0 is ignored. Freeing twice or
     * freeing another pointer is reported and ignored.
     *
     * @param objp the pointer
     */
    void kfree(long objp);

    /**
     * {@code ksize()}: how many bytes the allocation really has (its cache's object size).
     *
     * @param objp a pointer from {@link #kmalloc}
     * @return the usable size
     */
    long ksize(long objp);

    // ---- slab caches ----

    /**
     * {@code kmem_cache_create(name, size, &args, flags)} of Linux 6.x
     * ({@code __kmem_cache_create_args}).
     *
     * @param name the cache's name in /proc/slabinfo
     * @param size object size in bytes
     * @param args alignment, free pointer offset and constructor ({@link KmemCacheArgs#NONE} for none)
     * @param flags {@link SlabFlags}, e.g. {@link SlabFlags#SLAB_HWCACHE_ALIGN}
     * @return the cache, or {@code null} if the arguments are invalid (with
     *         {@link SlabFlags#SLAB_PANIC} the kernel panics instead: {@link KernelOops})
     */
    KmemCacheHandle kmemCacheCreate(String name, int size, KmemCacheArgs args, int flags);

    /**
     * {@code kmem_cache_create(name, size, align, flags, ctor)}, the form of kernels before 6.12
     * (still accepted by 6.x): the same as {@link #kmemCacheCreate(String, int, KmemCacheArgs, int)}
     * with only {@code align} and {@code ctor} set.
     *
     * @param name the cache's name in /proc/slabinfo
     * @param size object size in bytes
     * @param align minimum alignment (a power of two), 0 for the default
     * @param flags {@link SlabFlags}, e.g. {@link SlabFlags#SLAB_HWCACHE_ALIGN}
     * @param ctor called with each object's address when a new slab is created, or {@code null}
     * @return the cache, or {@code null} if the arguments are invalid (with
     *         {@link SlabFlags#SLAB_PANIC} the kernel panics instead: {@link KernelOops})
     */
    default KmemCacheHandle kmemCacheCreate(String name, int size, int align, int flags, LongConsumer ctor) {
        return kmemCacheCreate(name, size, KmemCacheArgs.NONE.withAlign(align).withCtor(ctor), flags);
    }

    /**
     * {@code kmem_cache_alloc()}.
     *
     * @param cache the cache
     * @param gfp flags
     * @return the object or 0
     */
    long kmemCacheAlloc(KmemCacheHandle cache, int gfp);

    /**
     * {@code kmem_cache_zalloc()}: a zeroed object.
     *
     * @param cache the cache
     * @param gfp flags
     * @return the object or 0
     */
    long kmemCacheZalloc(KmemCacheHandle cache, int gfp);

    /**
     * {@code kmem_cache_free()}; freeing into the wrong cache or twice is reported and ignored.
     *
     * @param cache the cache the object came from
     * @param objp the object
     */
    void kmemCacheFree(KmemCacheHandle cache, long objp);

    /**
     * {@code kmem_cache_shrink()}: gives the cache's empty slabs back to the page allocator.
     *
     * @param cache the cache
     * @return 0
     */
    int kmemCacheShrink(KmemCacheHandle cache);

    /**
     * {@code kmem_cache_destroy()}. A cache that still has objects is reported
     * ({@code Slab cache still has objects}) and stays usable.
     *
     * @param cache the cache
     * @return 0, or {@code -Errno.EBUSY} if objects remain
     */
    int kmemCacheDestroy(KmemCacheHandle cache);

    // ---- page allocator ----

    /**
     * {@code alloc_pages(gfp, order)}: {@code 2^order} contiguous pages.
     *
     * @param gfp flags; {@link Gfp#GFP_DMA} for the first 16 MiB
     * @param order 0 … 10
     * @return the first page, or {@code null}
     */
    StructPage allocPages(int gfp, int order);

    /**
     * {@code alloc_page(gfp)}.
     *
     * @param gfp flags
     * @return the page or {@code null}
     */
    StructPage allocPage(int gfp);

    /**
     * {@code __get_free_pages(gfp, order)}.
     *
     * @param gfp flags
     * @param order 0 … 10
     * @return the block's address or 0
     */
    long getFreePages(int gfp, int order);

    /**
     * {@code __get_free_page(gfp)}.
     *
     * @param gfp flags
     * @return the page's address or 0
     */
    long getFreePage(int gfp);

    /**
     * {@code get_zeroed_page(gfp)}.
     *
     * @param gfp flags
     * @return the zeroed page's address or 0
     */
    long getZeroedPage(int gfp);

    /**
     * {@code __free_pages(page, order)}; a wrong order, a double free or a page that was not
     * allocated is reported ({@code BUG: Bad page state}) and ignored.
     *
     * @param page the first page
     * @param order the order it was allocated with
     */
    void freePages(StructPage page, int order);

    /**
     * {@code __free_page(page)}.
     *
     * @param page the page
     */
    void freePage(StructPage page);

    /**
     * {@code free_pages(addr, order)}.
     *
     * @param addr the address from {@link #getFreePages}
     * @param order its order
     */
    void freePages(long addr, int order);

    /**
     * {@code free_page(addr)}.
     *
     * @param addr the address from {@link #getFreePage}
     */
    void freePage(long addr);

    /**
     * {@code page_address(page)}.
     *
     * @param page a page
     * @return its kernel virtual address
     */
    long pageAddress(StructPage page);

    /**
     * {@code virt_to_page(addr)}.
     *
     * @param addr a kernel virtual address
     * @return its page, or {@code null} outside RAM
     */
    StructPage virtToPage(long addr);

    // ---- memory contents ----

    /**
     * Copies bytes out of kernel memory. The range must lie inside one allocated object or
     * page block; otherwise KASAN reports the access and {@code dst} gets zeros.
     *
     * @param addr source address
     * @param dst destination
     * @param off offset in {@code dst}
     * @param len bytes
     */
    void read(long addr, byte[] dst, int off, int len);

    /**
     * Copies bytes into kernel memory, under the same rule as {@link #read}; a rejected write
     * changes nothing.
     *
     * @param addr destination address
     * @param src source
     * @param off offset in {@code src}
     * @param len bytes
     */
    void write(long addr, byte[] src, int off, int len);

    /**
     * {@code memset()}, under the same rule as {@link #write}.
     *
     * @param addr destination
     * @param c byte value
     * @param n bytes
     */
    void memset(long addr, int c, int n);

    /**
     * Reads a little-endian 64-bit value.
     *
     * @param addr address
     * @return the value
     */
    long readLong(long addr);

    /**
     * Writes a little-endian 64-bit value.
     *
     * @param addr address
     * @param value the value
     */
    void writeLong(long addr, long value);

    /**
     * Reads a little-endian 32-bit value.
     *
     * @param addr address
     * @return the value
     */
    int readInt(long addr);

    /**
     * Writes a little-endian 32-bit value.
     *
     * @param addr address
     * @param value the value
     */
    void writeInt(long addr, int value);

    /**
     * Reads a NUL-terminated string of at most {@code max} bytes (UTF-8).
     *
     * @param addr address
     * @param max bytes to look at
     * @return the string up to the first NUL
     */
    String readString(long addr, int max);

    /**
     * Writes a string and its terminating NUL ({@code strcpy}).
     *
     * @param addr destination
     * @param s the string (UTF-8)
     */
    void writeString(long addr, String s);

    // ---- printk ----

    /**
     * {@code printk(level fmt, ...)}: formats with {@link String#format} and appends the line(s)
     * to the kernel log.
     *
     * @param level e.g. {@link LogLevel#KERN_INFO}
     * @param format a {@link java.util.Formatter} format
     * @param args its arguments
     */
    void printk(LogLevel level, String format, Object... args);
}
