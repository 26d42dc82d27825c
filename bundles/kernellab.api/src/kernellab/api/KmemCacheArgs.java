package kernellab.api;

import java.util.function.LongConsumer;

/**
 * {@code struct kmem_cache_args} of Linux 6.x ({@code include/linux/slab.h}): the optional
 * arguments of {@link KernelContext#kmemCacheCreate(String, int, KmemCacheArgs, int)}, the
 * kernel's {@code kmem_cache_create(name, size, &args, flags)}. Start from {@link #NONE} and add
 * what the cache needs:
 *
 * <pre>
 * k.kmemCacheCreate("my_rcu_obj", 96, KmemCacheArgs.NONE.withFreeptrOffset(16), SlabFlags.SLAB_TYPESAFE_BY_RCU);
 * </pre>
 *
 * @param align minimum alignment (a power of two), 0 for the default
 * @param freeptrOffset where SLUB may keep its free pointer inside a free object (meaningful
 *        with {@code useFreeptrOffset})
 * @param useFreeptrOffset whether {@code freeptrOffset} is given. Only a
 *        {@link SlabFlags#SLAB_TYPESAFE_BY_RCU} cache may give it: its objects stay readable
 *        after free until a grace period, so SLUB normally puts the free pointer after the
 *        object, growing every slot by 8 bytes; naming 8 bytes of the object that RCU readers
 *        do not need (a word of a union) keeps the slot at the object's size. The offset must be
 *        inside the object and a multiple of 8 ({@code __alignof__(freeptr_t)}), else the cache
 *        is not created ({@code -EINVAL}).
 * @param ctor called with each object's address when a new slab is created, or {@code null}
 */
public record KmemCacheArgs(int align, int freeptrOffset, boolean useFreeptrOffset, LongConsumer ctor) {

    /** No alignment, free pointer offset or constructor: {@code kmem_cache_create(name, size, NULL, flags)}. */
    public static final KmemCacheArgs NONE = new KmemCacheArgs(0, 0, false, null);

    /**
     * @param a minimum alignment, a power of two
     * @return these arguments with {@code .align = a}
     */
    public KmemCacheArgs withAlign(int a) {
        return new KmemCacheArgs(a, freeptrOffset, useFreeptrOffset, ctor);
    }

    /**
     * @param offset byte offset of the free pointer inside the object
     * @return these arguments with {@code .freeptr_offset = offset, .use_freeptr_offset = true}
     */
    public KmemCacheArgs withFreeptrOffset(int offset) {
        return new KmemCacheArgs(align, offset, true, ctor);
    }

    /**
     * @param c the constructor
     * @return these arguments with {@code .ctor = c}
     */
    public KmemCacheArgs withCtor(LongConsumer c) {
        return new KmemCacheArgs(align, freeptrOffset, useFreeptrOffset, c);
    }
}
