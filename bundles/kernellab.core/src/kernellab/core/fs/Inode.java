package kernellab.core.fs;

import java.util.Collection;
import java.util.TreeMap;

import kernellab.core.mm.Page;

/**
 * An in-memory inode with its page cache ({@code struct inode} and its {@code address_space}).
 * The page cache holds one reference on each cached page; mappings add their own. A file on
 * the simulated disk ({@link #diskBacked()}) whose page is not cached costs a major fault to
 * read; a tmpfs file has no backing store, so a missing page is a hole of zeros (a minor fault).
 */
public final class Inode {

    private final long ino;
    private final int dev;
    private final boolean diskBacked;
    private final String path;
    private long size;
    private int nlink = 1;
    private int openCount;
    private int mapCount;
    private final TreeMap<Long, Page> pageCache = new TreeMap<>();

    Inode(long ino, int dev, String path, boolean diskBacked) {
        this.ino = ino;
        this.dev = dev;
        this.path = path;
        this.diskBacked = diskBacked;
    }

    /** @return the inode number */
    public long ino() {
        return ino;
    }

    /** @return the device number of the file system, {@code major << 8 | minor} */
    public int dev() {
        return dev;
    }

    /** @return the major device number ({@code MAJOR(s_dev)}) */
    public int devMajor() {
        return dev >>> 8;
    }

    /** @return the minor device number ({@code MINOR(s_dev)}) */
    public int devMinor() {
        return dev & 0xff;
    }

    /** @return the path as {@code d_path} prints it: with {@code " (deleted)"} once unlinked */
    public String path() {
        return nlink == 0 ? path + " (deleted)" : path;
    }

    /** @return whether the file lives on the simulated disk (a miss in the page cache is a major fault) */
    public boolean diskBacked() {
        return diskBacked;
    }

    /** @return the file size in bytes ({@code i_size}) */
    public long size() {
        return size;
    }

    void setSize(long size) {
        this.size = size;
    }

    /** @return the number of names (0 once unlinked) */
    public int nlink() {
        return nlink;
    }

    void unlink() {
        nlink = 0;
    }

    void opened(int delta) {
        openCount += delta;
    }

    /** @return open file descriptions referring to the inode */
    public int openCount() {
        return openCount;
    }

    /**
     * Counts a mapping (VMA) of the file; the inode stays alive while mapped, like
     * {@code get_file()} in {@code mmap_region}.
     *
     * @param delta +1 when a VMA starts referring to the file, -1 when one is closed
     */
    public void mapped(int delta) {
        mapCount += delta;
    }

    /** @return VMAs referring to the inode */
    public int mapCount() {
        return mapCount;
    }

    /** @return whether nothing refers to the inode any more: it can be evicted with its pages */
    boolean unused() {
        return nlink == 0 && openCount == 0 && mapCount == 0;
    }

    /**
     * @param index page offset in the file
     * @return the cached page, or {@code null} ({@code find_get_page} without the reference)
     */
    public Page findPage(long index) {
        return pageCache.get(index);
    }

    /**
     * Inserts a page into the page cache ({@code add_to_page_cache_lru}); the cache keeps the
     * caller's reference.
     *
     * @param index page offset
     * @param page a freshly allocated page
     */
    public void addPage(long index, Page page) {
        page.setMapping(this);
        page.setIndex(index);
        pageCache.put(index, page);
    }

    /**
     * Removes a page from the cache and returns it with the cache's reference, which the caller drops.
     *
     * @param index page offset
     * @return the page, or {@code null}
     */
    Page removePage(long index) {
        return pageCache.remove(index);
    }

    /** @return the cached pages in offset order */
    public Collection<Page> cachedPages() {
        return pageCache.values();
    }

    /** @return the cached pages' offsets, ascending */
    public Collection<Long> cachedIndexes() {
        return pageCache.keySet();
    }

    @Override
    public String toString() {
        return path() + " (ino " + ino + ")";
    }
}
