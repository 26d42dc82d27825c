package kernellab.examples.memory;

import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.LogLevel.KERN_INFO;

import kernellab.api.Errno;
import kernellab.api.KernelContext;
import kernellab.api.KernelModule;
import kernellab.api.KmemCacheHandle;
import kernellab.api.SlabFlags;

/**
 * A kernel module with a slab cache for its own structure: {@code kmem_cache_create},
 * {@code kmem_cache_alloc}, {@code kmem_cache_free} and {@code kmem_cache_destroy}, the way a
 * driver keeps many objects of one type.
 *
 * <p>The structure, {@value #OBJECT_SIZE} bytes:
 * <pre>
 * struct student {
 *     int id;                    // offset  0
 *     char name[52];             // offset  4
 *     u64 grades[3];             // offset 56
 *     struct list_head list;     // offset 80, two pointers
 * };
 * </pre>
 * {@code init} creates the cache {@value #CACHE_NAME} with {@code SLAB_HWCACHE_ALIGN} and a
 * constructor that sets {@code id} to −1, allocates {@value #STUDENTS} students, fills them in,
 * frees every second one, and prints (see {@code dmesg}):
 * <pre>
 * student_cache: object_size 96, size 128, 32 objects per slab, 1 page(s) per slab
 * student_cache: 100 students in 4 slabs, constructor ran 128 times
 * student_cache: student 41 is "student-41"
 * student_cache: freed 50, 50 in use
 * </pre>
 * {@code exit} frees the rest and destroys the cache.
 *
 * <p>What to look at: while the module is loaded, {@code /proc/slabinfo} (or the Slabinfo view,
 * or {@code slabtop}) has the line
 * <pre>
 * student_cache         50    128    128   32    1 : tunables    0    0    0 : slabdata      4      4      0
 * </pre>
 * The 96-byte object takes a 128-byte slot: {@code SLAB_HWCACHE_ALIGN} aligns objects on the
 * 64-byte cache line, so that no two objects share a line. SLUB sizes the slab with
 * {@code calculate_order()}: one 4 KiB page holds 4096 / 128 = 32 objects, at least the
 * {@code slub_min_objects} of a 4-CPU machine (4 × (fls(4) + 1) = 16), with nothing wasted,
 * so the slab stays at order 0. 100 objects need 4 slabs, and the constructor runs for
 * every slot of a slab when the slab is created (4 × 32 = 128 times), not at each allocation:
 * freed objects keep their constructed state, Bonwick's point. Freeing every second student
 * leaves all four slabs partial: active_objs drops to 50 while num_objs stays 128. After
 * {@code rmmod} the line is gone.
 */
public class StudentCache implements KernelModule {

    /** The cache's name in /proc/slabinfo. */
    public static final String CACHE_NAME = "student_cache";
    /** {@code sizeof(struct student)}. */
    public static final int OBJECT_SIZE = 96;
    /** How many students {@code init} allocates. */
    public static final int STUDENTS = 100;
    /** Offset of {@code name} in the structure. */
    private static final int NAME = 4;
    /** Size of {@code name}, terminating NUL included. */
    private static final int NAME_LEN = 52;

    private KmemCacheHandle cache;
    private final long[] students = new long[STUDENTS];
    private int constructed;

    /** Creates the module. */
    public StudentCache() {
    }

    @Override
    public int init(KernelContext k) {
        cache = k.kmemCacheCreate(CACHE_NAME, OBJECT_SIZE, 0, SlabFlags.SLAB_HWCACHE_ALIGN, obj -> {
            k.writeInt(obj, -1);
            constructed++;
        });
        if (cache == null) {
            return -Errno.ENOMEM;
        }
        k.printk(KERN_INFO, "%s: object_size %d, size %d, %d objects per slab, %d page(s) per slab", CACHE_NAME,
                cache.objectSize(), cache.size(), cache.objectsPerSlab(), 1 << cache.order());
        for (int i = 0; i < STUDENTS; i++) {
            students[i] = k.kmemCacheAlloc(cache, GFP_KERNEL);
            if (students[i] == 0) {
                exit(k);
                return -Errno.ENOMEM;
            }
            k.writeInt(students[i], i);
            k.writeString(students[i] + NAME, "student-" + i);
        }
        k.printk(KERN_INFO, "%s: %d students in %d slabs, constructor ran %d times", CACHE_NAME, STUDENTS,
                (STUDENTS + cache.objectsPerSlab() - 1) / cache.objectsPerSlab(), constructed);
        k.printk(KERN_INFO, "%s: student %d is \"%s\"", CACHE_NAME, k.readInt(students[41]),
                k.readString(students[41] + NAME, NAME_LEN));
        for (int i = 0; i < STUDENTS; i += 2) {
            k.kmemCacheFree(cache, students[i]);
            students[i] = 0;
        }
        k.printk(KERN_INFO, "%s: freed %d, %d in use", CACHE_NAME, STUDENTS / 2, STUDENTS - STUDENTS / 2);
        return 0;
    }

    @Override
    public void exit(KernelContext k) {
        for (int i = 0; i < STUDENTS; i++) {
            if (students[i] != 0) {
                k.kmemCacheFree(cache, students[i]);
                students[i] = 0;
            }
        }
        k.kmemCacheDestroy(cache);
        k.printk(KERN_INFO, "%s: destroyed", CACHE_NAME);
    }
}
