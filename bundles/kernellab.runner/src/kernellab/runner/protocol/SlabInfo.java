package kernellab.runner.protocol;

/**
 * One slab of a cache, for the picture of a slab.
 *
 * @param address kernel virtual address of its first page
 * @param list {@code full}, {@code partial} or {@code empty}
 * @param inuse allocated objects
 * @param objects objects in the slab
 * @param colourOffset colour offset of the first object, bytes
 * @param allocated one character per object: {@code #} allocated, {@code .} free
 */
public record SlabInfo(long address, String list, int inuse, int objects, int colourOffset, String allocated) {
}
