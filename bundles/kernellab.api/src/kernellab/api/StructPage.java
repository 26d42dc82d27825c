package kernellab.api;

/**
 * A {@code struct page *} as the page allocator returns it: one page frame, or the first
 * frame of a block of {@code 2^order} frames.
 */
public interface StructPage {

    /**
     * @return the page frame number
     */
    long pfn();

    /**
     * @return the reference count ({@code page_ref_count()}); 0 when the page is free
     */
    int refcount();

    /**
     * @return how many page tables map the page ({@code page_mapcount()})
     */
    int mapcount();

    /**
     * @return the zone the frame belongs to: {@code "DMA"} (below 16 MiB), {@code "DMA32"} (below
     *         4 GiB) or {@code "Normal"}
     */
    String zoneName();
}
