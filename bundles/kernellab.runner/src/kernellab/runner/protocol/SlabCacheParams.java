package kernellab.runner.protocol;

/**
 * @param name a slab cache's name, e.g. {@code task_struct}
 */
public record SlabCacheParams(String name) {
}
