package kernellab.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.api.KmemCacheArgs;

/** SLUB's slab sizing against numbers read off real kernels' /proc/slabinfo. */
class SlubSizingTest {

    @ParameterizedTest(name = "size {0} on {1} CPUs -> {2} objects in {3} pages")
    @CsvSource({
        // the examples
        "192, 4, 21, 1", "1088, 8, 30, 8", "3776, 8, 8, 8", "8192, 4, 4, 8", "8192, 1, 4, 8",
        // a 1-CPU x86_64 5.x guest: kmalloc-1k 8/2, kmalloc-2k 8/4, kmalloc-512 8/1, mm_struct 15/4,
        // signal_cache 14/4, ext4_inode_cache 29/8, task_struct 5/8, kmalloc-96 42/1, kmalloc-8 512/1,
        // biovec-max 8/8, kmem_cache 9/1, vm_area_struct 19/1
        "1024, 1, 8, 2", "2048, 1, 8, 4", "512, 1, 8, 1", "1088, 1, 15, 4", "1152, 1, 14, 4", "1096, 1, 29, 8",
        "5632, 1, 5, 8", "96, 1, 42, 1", "8, 1, 512, 1", "4096, 1, 8, 8", "448, 1, 9, 1", "208, 1, 19, 1",
        // a 4-CPU machine: kmalloc-1k 16/4, kmalloc-2k 16/8, kmalloc-512 16/2
        "1024, 4, 16, 4", "2048, 4, 16, 8", "512, 4, 16, 2",
        // beyond an order-3 slab: one object per get_order(size) block; 12000 keeps order 3 with 1/2 waste
        "40000, 4, 1, 16", "12000, 4, 2, 8" })
    void slabOrderAndObjectsMatchRealKernels(int size, int cpus, int objects, int pages) {
        int order = SlubSizing.calculateOrder(size, cpus);
        assertEquals(pages, 1 << order, "pages per slab");
        assertEquals(objects, SlubSizing.orderObjects(order, size), "objects per slab");
    }

    @ParameterizedTest(name = "{0} CPUs -> slub_min_objects {1}")
    @CsvSource({ "1, 8", "2, 12", "3, 12", "4, 16", "8, 20", "64, 32", "128, 36", "1024, 48" })
    void minObjectsGrowsWithTheCpuCount(int cpus, int minObjects) {
        assertEquals(minObjects, SlubSizing.minObjects(cpus));
    }

    @ParameterizedTest(name = "object {0}, flags {1}, align {2}, ctor {3} -> slot {4}")
    @CsvSource({
        // sighand_cache: 2088 bytes, HWCACHE_ALIGN | TYPESAFE_BY_RCU + ctor -> free pointer outside -> 2112
        "2088, 0x82000, 0, true, 2112",
        // anon_vma: 80 bytes, TYPESAFE_BY_RCU + ctor -> 88
        "80, 0x80000, 0, true, 88",
        // cred_jar 176 and pid 112 with HWCACHE_ALIGN -> 192 and 128; fs_struct 56 -> 64
        "176, 0x2000, 0, false, 192", "112, 0x2000, 8, false, 128", "56, 0x2000, 0, false, 64",
        // HWCACHE_ALIGN halves the line for small objects: 24 -> 32, 12 -> 16
        "24, 0x2000, 0, false, 32", "12, 0x2000, 0, false, 16",
        // plain objects are rounded to a pointer
        "1, 0, 0, false, 8", "13, 0, 0, false, 16", "208, 0, 8, false, 208", "5600, 0, 64, false, 5632" })
    void slotSizeFollowsCalculateSizes(int objectSize, String flagsHex, int align, boolean ctor, int slot) {
        int flags = Integer.decode(flagsHex);
        int a = SlubSizing.calculateAlignment(flags, align, objectSize);
        KmemCacheArgs args = ctor ? KmemCacheArgs.NONE.withCtor(obj -> { }) : KmemCacheArgs.NONE;
        assertEquals(slot, SlubSizing.slotSize(objectSize, a, SlubSizing.freePointerOffset(objectSize, flags, args)));
    }

    /**
     * calculate_sizes (mm/slub.c, Linux 6.18): {@code s->offset = size; size += sizeof(void *)} for
     * an RCU cache without {@code use_freeptr_offset} or a cache with a constructor;
     * {@code s->offset = args->freeptr_offset} for an RCU cache with one; else
     * {@code ALIGN_DOWN(s->object_size / 2, sizeof(void *))}.
     */
    @ParameterizedTest(name = "object {0}, flags {1}, freeptr_offset {2}, ctor {3} -> offset {4}, slot {5}")
    @CsvSource({
        // an RCU cache: the free pointer after the object (96 -> 104), or in the word it names
        "96, 0x80000, -1, false, 96, 104", "96, 0x80000, 16, false, 16, 96", "100, 0x80000, 0, false, 0, 104",
        // a constructor still moves it out, freeptr_offset or not (6.18 allows the offset only with RCU)
        "96, 0x80000, 16, true, 96, 104", "96, 0, -1, true, 96, 104",
        // plain caches: the middle of the object, rounded down to a pointer
        "96, 0, -1, false, 48, 96", "100, 0, -1, false, 48, 104", "8, 0, -1, false, 0, 8", "1, 0, -1, false, 0, 8" })
    void freePointerOffsetFollowsCalculateSizes(int objectSize, String flagsHex, int freeptrOffset, boolean ctor, int offset,
            int slot) {
        int flags = Integer.decode(flagsHex);
        KmemCacheArgs args = freeptrOffset < 0 ? KmemCacheArgs.NONE : KmemCacheArgs.NONE.withFreeptrOffset(freeptrOffset);
        if (ctor) {
            args = args.withCtor(obj -> { });
        }
        assertEquals(offset, SlubSizing.freePointerOffset(objectSize, flags, args));
        assertEquals(slot, SlubSizing.slotSize(objectSize, SlubSizing.calculateAlignment(flags, 0, objectSize), offset));
    }

    @ParameterizedTest(name = "size {0} -> min_partial {1}")
    @CsvSource({ "8, 5", "1024, 5", "4096, 6", "8192, 6", "1048576, 10" })
    void minPartialIsHalfTheLog(int size, int minPartial) {
        assertEquals(minPartial, SlubSizing.minPartial(size));
    }

    @ParameterizedTest(name = "get_order({0}) = {1}")
    @CsvSource({ "1, 0", "4096, 0", "4097, 1", "8192, 1", "8193, 2", "4194304, 10" })
    void getOrder(long size, int order) {
        assertEquals(order, SlubSizing.getOrder(size));
    }
}
