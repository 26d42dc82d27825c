package kernellab.core.mm;

import java.util.ArrayList;
import java.util.List;

import kernellab.api.Gfp;

/**
 * A process's multi-level page table, rooted at {@code mm->pgd}: 4 levels (PGD, PUD, PMD, PTE;
 * 9 index bits each above the 12-bit page offset, 48-bit addresses) on x86_64, or 3 levels
 * (PGD, PMD, PTE: 39-bit) or 2 levels (PGD, PTE: 30-bit) as machine options. Every table is a
 * page from the buddy allocator, counted in {@code PageTables} of /proc/meminfo.
 *
 * <p>Entries use the x86 bits: {@link #PTE_PRESENT}, {@link #PTE_RW}, {@link #PTE_USER},
 * {@link #PTE_ACCESSED}, {@link #PTE_DIRTY}, {@link #PTE_NX} and the frame number in bits
 * 12–51; an entry of an upper level points to the next table with {@code _PAGE_TABLE}
 * (present, rw, user, accessed, dirty). Table pages carry the page type {@link PageFlag#TABLE}
 * while they are in use, as {@code pagetable_alloc} with the level's constructor marks them.
 *
 * <p>On 3 and 4 levels a PMD entry with {@link #PTE_PSE} maps a 2 MiB transparent huge page
 * itself; the PTE table for its later split is allocated with it and kept aside
 * ({@code pgtable_trans_huge_deposit}). Readers see such a mapping as the 512 PTEs it stands for
 * ({@link #get}, {@link #forEach}), {@link #update} changes the PMD's bits, and a PTE that is
 * {@link #set} below it first splits it ({@link #splitHugePmds}).
 */
public final class PageTable {

    /** {@code _PAGE_PRESENT}. */
    public static final long PTE_PRESENT = 1L;
    /** {@code _PAGE_RW}: writable. */
    public static final long PTE_RW = 1L << 1;
    /** {@code _PAGE_USER}: user-mode accessible. */
    public static final long PTE_USER = 1L << 2;
    /** {@code _PAGE_ACCESSED}: set by the MMU on any access. */
    public static final long PTE_ACCESSED = 1L << 5;
    /** {@code _PAGE_DIRTY}: set by the MMU on a write. */
    public static final long PTE_DIRTY = 1L << 6;
    /** {@code _PAGE_PSE}: in a PMD entry, the entry maps a 2 MiB page instead of a PTE table. */
    public static final long PTE_PSE = 1L << 7;
    /** x86's {@code _PAGE_PROTNONE}: a frame still mapped but inaccessible (PROT_NONE); shares bit 8 with _PAGE_GLOBAL. */
    public static final long PTE_PROTNONE = 1L << 8;
    /** {@code HPAGE_PMD_ORDER}: a PMD maps 2^9 pages. */
    public static final int HPAGE_PMD_ORDER = 9;
    /** {@code HPAGE_PMD_NR}. */
    public static final int HPAGE_PMD_NR = 1 << HPAGE_PMD_ORDER;
    /** {@code HPAGE_PMD_SIZE}: 2 MiB. */
    public static final long HPAGE_PMD_SIZE = (long) PhysicalMemory.PAGE_SIZE << HPAGE_PMD_ORDER;
    /** {@code _PAGE_NX}: no execute. */
    public static final long PTE_NX = 1L << 63;
    /** {@code PTE_PFN_MASK}. */
    public static final long PFN_MASK = 0x000f_ffff_ffff_f000L;
    /** {@code _KERNPG_TABLE | _PAGE_USER}: what an upper-level entry holds besides the address. */
    public static final long PAGE_TABLE = 0x67;

    private static final int BITS = 9;
    private static final int ENTRIES = 1 << BITS;
    private static final String[] NAMES_4 = {"PGD", "PUD", "PMD", "PTE"};
    private static final String[] NAMES_3 = {"PGD", "PMD", "PTE"};
    private static final String[] NAMES_2 = {"PGD", "PTE"};

    /**
     * One level's step of a page walk.
     *
     * @param level the table's name: PGD, PUD, PMD or PTE
     * @param index the index the address selects in it (9 bits of the address)
     * @param entry the entry found there, 0 if none
     */
    public record WalkStep(String level, int index, long entry) {

        /** @return whether the entry is present */
        public boolean present() {
            return (entry & PTE_PRESENT) != 0;
        }

        @Override
        public String toString() {
            return String.format("%s[%3d] = %016x", level, index, entry);
        }
    }

    private static final class Table {
        final Page page;
        final long[] entries = new long[ENTRIES];
        final Table[] next;
        int used;

        Table(Page page, boolean leaf) {
            this.page = page;
            this.next = leaf ? null : new Table[ENTRIES];
        }
    }

    private final PhysicalMemory memory;
    private final int levels;
    private final String[] names;
    private Table pgd;
    private long tables;

    /**
     * @param memory where table pages come from
     * @param levels 2, 3 or 4
     */
    public PageTable(PhysicalMemory memory, int levels) {
        if (levels < 2 || levels > 4) {
            throw new IllegalArgumentException("page-table levels must be 2, 3 or 4: " + levels);
        }
        this.memory = memory;
        this.levels = levels;
        this.names = levels == 4 ? NAMES_4 : levels == 3 ? NAMES_3 : NAMES_2;
    }

    /** @return the number of levels */
    public int levels() {
        return levels;
    }

    /**
     * @param levels 2, 3 or 4
     * @return the number of virtual-address bits the tables translate (30, 39 or 48)
     */
    public static int addressBits(int levels) {
        return PhysicalMemory.PAGE_SHIFT + BITS * levels;
    }

    private int shift(int level) {
        return PhysicalMemory.PAGE_SHIFT + BITS * (levels - 1 - level);
    }

    private int index(long address, int level) {
        return (int) ((address >>> shift(level)) & (ENTRIES - 1));
    }

    /** @return the PGD's page, or {@code null} before the first mapping ({@code pgd_alloc} is deferred to it here) */
    public Page pgdPage() {
        return pgd == null ? null : pgd.page;
    }

    /** @return table pages in use, the PGD included */
    public long tablePages() {
        return tables;
    }

    /**
     * @param address a user address
     * @return its PTE, 0 if none
     */
    public long get(long address) {
        Table t = pgd;
        for (int level = 0; t != null; level++) {
            int i = index(address, level);
            if (t.next == null) {
                return t.entries[i];
            }
            if (hugeAt(level, t.entries[i])) {
                return subPte(t.entries[i], address);
            }
            t = t.next[i];
        }
        return 0;
    }

    /** Whether an entry of this level is a huge PMD. */
    private boolean hugeAt(int level, long entry) {
        return level == levels - 2 && levels >= 3 && (entry & PTE_PSE) != 0;
    }

    /** The PTE a huge PMD stands for at an address: its bits, the frame of the address's 4 KiB part. */
    private static long subPte(long pmd, long address) {
        long pfn = pfn(pmd) + ((address >>> PhysicalMemory.PAGE_SHIFT) & (HPAGE_PMD_NR - 1));
        return (pmd & ~PFN_MASK & ~PTE_PSE) | (pfn << PhysicalMemory.PAGE_SHIFT);
    }

    /** The PMD table and the index of an address in it, or {@code null} when there is none yet. */
    private Table pmdTable(long address) {
        Table t = pgd;
        for (int level = 0; t != null && level < levels - 2; level++) {
            t = t.next[index(address, level)];
        }
        return t;
    }

    /**
     * @param address a user address
     * @return whether a huge PMD maps it
     */
    public boolean huge(long address) {
        Table t = levels >= 3 ? pmdTable(address) : null;
        return t != null && (t.entries[index(address, levels - 2)] & PTE_PSE) != 0;
    }

    /**
     * @param address a user address
     * @return whether its PMD entry is empty ({@code pmd_none}): neither a PTE table nor a huge page
     */
    public boolean pmdNone(long address) {
        Table t = pmdTable(address);
        return t == null || t.entries[index(address, levels - 2)] == 0;
    }

    /**
     * Maps a 2 MiB page with one PMD entry ({@code set_pmd_at}), allocating the upper tables and
     * the PTE table deposited for a later split ({@code pte_alloc_one} +
     * {@code pgtable_trans_huge_deposit}), which counts in {@code PageTables} from now on.
     *
     * @param address the 2 MiB-aligned address
     * @param pmd the entry: frame and bits, without {@link #PTE_PSE}
     * @return 0, or -1 if a table could not be allocated (nothing is mapped then)
     */
    public long setHugePmd(long address, long pmd) {
        if (levels < 3) {
            return -1;
        }
        if (pgd == null) {
            pgd = newTable(false);
            if (pgd == null) {
                return -1;
            }
        }
        Table deposit = newTable(true);
        if (deposit == null) {
            return -1;
        }
        Table t = pgd;
        for (int level = 0; level < levels - 2; level++) {
            int i = index(address, level);
            Table n = t.next[i];
            if (n == null) {
                n = newTable(false);
                if (n == null) {
                    freeTable(deposit);
                    return -1;
                }
                t.next[i] = n;
                t.entries[i] = (n.page.pfn() << PhysicalMemory.PAGE_SHIFT) | PAGE_TABLE;
                t.used++;
            }
            t = n;
        }
        int i = index(address, levels - 2);
        t.next[i] = deposit;
        t.entries[i] = pmd | PTE_PSE;
        t.used++;
        return 0;
    }

    /**
     * {@code split_huge_pmd} for every huge PMD that maps part of {@code [start, end)}: the
     * deposited table gets the 512 PTEs and replaces the PMD entry, and the 2 MiB block becomes
     * 512 pages of its own ({@code split_huge_page}, see {@link PhysicalMemory#splitHugePage}).
     *
     * @param start first address
     * @param end end address (exclusive)
     * @return how many PMDs were split
     */
    public int splitHugePmds(long start, long end) {
        if (pgd == null || levels < 3 || start >= end) {
            return 0;
        }
        return split(pgd, 0, 0, start, end);
    }

    private int split(Table t, int level, long base, long start, long end) {
        int sh = shift(level);
        long span = 1L << sh;
        int first = base >= start ? 0 : (int) ((start - base) >>> sh);
        int n = 0;
        for (int i = first; i < ENTRIES && t.next != null; i++) {
            long a = base + i * span;
            if (a >= end) {
                break;
            }
            if (hugeAt(level, t.entries[i])) {
                Table d = t.next[i];
                long pmd = t.entries[i];
                for (int k = 0; k < ENTRIES; k++) {
                    d.entries[k] = subPte(pmd, (long) k << PhysicalMemory.PAGE_SHIFT);
                }
                d.used = ENTRIES;
                t.entries[i] = (d.page.pfn() << PhysicalMemory.PAGE_SHIFT) | PAGE_TABLE;
                memory.splitHugePage(memory.buddy().pfnToPage(pfn(pmd)));
                n++;
            } else if (t.next[i] != null && level < levels - 2) {
                n += split(t.next[i], level + 1, a, start, end);
            }
        }
        return n;
    }

    /** {@code pagetable_alloc} + {@code pagetable_*_ctor}: a zeroed page, typed {@code PG_table} and counted in NR_PAGETABLE. */
    private Table newTable(boolean leaf) {
        Page p = memory.allocPages(Gfp.GFP_KERNEL_ACCOUNT | Gfp.__GFP_ZERO, 0);
        if (p == null) {
            return null;
        }
        p.set(PageFlag.TABLE);
        memory.accountPageTables(1);
        tables++;
        return new Table(p, leaf);
    }

    /**
     * Sets a PTE, allocating the tables on the way ({@code __pte_alloc} and friends).
     *
     * @param address a user address
     * @param pte the new entry, or 0 to clear it
     * @return the previous entry, or -1 if a table could not be allocated (out of memory)
     */
    public long set(long address, long pte) {
        if (pgd == null) {
            if (pte == 0) {
                return 0;
            }
            pgd = newTable(levels == 1);
            if (pgd == null) {
                return -1;
            }
        }
        Table t = pgd;
        for (int level = 0; level < levels - 1; level++) {
            int i = index(address, level);
            if (hugeAt(level, t.entries[i])) {
                splitHugePmds(address, address + 1);
            }
            Table n = t.next[i];
            if (n == null) {
                if (pte == 0) {
                    return 0;
                }
                n = newTable(level + 1 == levels - 1);
                if (n == null) {
                    return -1;
                }
                t.next[i] = n;
                t.entries[i] = (n.page.pfn() << PhysicalMemory.PAGE_SHIFT) | PAGE_TABLE;
                t.used++;
            }
            t = n;
        }
        int i = index(address, levels - 1);
        long old = t.entries[i];
        t.entries[i] = pte;
        if (old == 0 && pte != 0) {
            t.used++;
        } else if (old != 0 && pte == 0) {
            t.used--;
        }
        return old;
    }

    /**
     * Updates a present PTE in place (accessed/dirty/rw bits); the entry must exist. Below a
     * huge PMD it is the PMD's bits that change, for the whole 2 MiB ({@code change_huge_pmd},
     * the MMU's accessed and dirty bits).
     *
     * @param address the address
     * @param pte the new value
     */
    public void update(long address, long pte) {
        Table t = pgd;
        for (int level = 0; level < levels - 1; level++) {
            int i = index(address, level);
            if (hugeAt(level, t.entries[i])) {
                t.entries[i] = (t.entries[i] & PFN_MASK) | (pte & ~PFN_MASK) | PTE_PSE;
                return;
            }
            t = t.next[i];
        }
        t.entries[index(address, levels - 1)] = pte;
    }

    /**
     * The page walk the MMU does for an address: each level's name, index and entry, down to
     * the PTE, a huge PMD, or the first entry that is not present.
     *
     * @param address a user address
     * @return the steps, PGD first
     */
    public List<WalkStep> walk(long address) {
        List<WalkStep> steps = new ArrayList<>(levels);
        Table t = pgd;
        for (int level = 0; level < levels; level++) {
            int i = index(address, level);
            long e = t == null ? 0 : t.entries[i];
            steps.add(new WalkStep(names[level], i, e));
            if (t == null || t.next == null || t.next[i] == null || hugeAt(level, e)) {
                break;
            }
            t = t.next[i];
        }
        return steps;
    }

    /** Receives present entries from {@link #forEach}. */
    @FunctionalInterface
    public interface PteVisitor {
        /**
         * @param address the page's user address
         * @param pte its entry
         */
        void visit(long address, long pte);
    }

    /**
     * Visits the non-zero PTEs in {@code [start, end)} in address order.
     *
     * @param start first address
     * @param end end address (exclusive)
     * @param visitor called per entry
     */
    public void forEach(long start, long end, PteVisitor visitor) {
        if (pgd != null && start < end) {
            visit(pgd, 0, 0, start, end, visitor);
        }
    }

    private void visit(Table t, int level, long base, long start, long end, PteVisitor v) {
        int sh = shift(level);
        long span = 1L << sh;
        int first = base >= start ? 0 : (int) ((start - base) >>> sh);
        for (int i = first; i < ENTRIES; i++) {
            long a = base + i * span;
            if (a >= end) {
                return;
            }
            if (t.entries[i] == 0) {
                continue;
            }
            if (t.next == null) {
                v.visit(a, t.entries[i]);
            } else if (hugeAt(level, t.entries[i])) {
                for (int k = 0; k < ENTRIES; k++) {
                    long sub = a + ((long) k << PhysicalMemory.PAGE_SHIFT);
                    if (sub >= start && sub < end) {
                        v.visit(sub, subPte(t.entries[i], sub));
                    }
                }
            } else {
                visit(t.next[i], level + 1, a, start, end, v);
            }
        }
    }

    /**
     * {@code free_pgtables}: frees the tables below the PGD that map nothing and lie wholly in
     * {@code [floor, ceiling)}, the gap left between the neighbouring VMAs after an unmap.
     *
     * @param floor lowest address the freed tables may cover
     * @param ceiling end of the range they may cover
     */
    public void freeEmptyTables(long floor, long ceiling) {
        if (pgd != null) {
            prune(pgd, 0, 0, floor, ceiling);
        }
    }

    private void prune(Table t, int level, long base, long floor, long ceiling) {
        if (t.next == null) {
            return;
        }
        int sh = shift(level);
        long span = 1L << sh;
        for (int i = 0; i < ENTRIES; i++) {
            Table n = t.next[i];
            if (n == null || hugeAt(level, t.entries[i])) {
                continue;
            }
            long a = base + i * span;
            if (a + span <= floor || a >= ceiling) {
                continue;
            }
            prune(n, level + 1, a, floor, ceiling);
            if (n.used == 0 && a >= floor && a + span <= ceiling) {
                t.next[i] = null;
                t.entries[i] = 0;
                t.used--;
                freeTable(n);
            }
        }
    }

    /** {@code pagetable_dtor} + {@code pagetable_free}: the page loses its type and its NR_PAGETABLE count, then goes back. */
    private void freeTable(Table t) {
        t.page.clear(PageFlag.TABLE);
        memory.accountPageTables(-1);
        tables--;
        memory.freePages(t.page, 0);
    }

    /** Frees every table, the PGD included ({@code free_pgtables} + {@code pgd_free} at exit); the PTEs must be cleared first. */
    public void freeAll() {
        if (pgd != null) {
            freeTree(pgd);
            pgd = null;
        }
    }

    private void freeTree(Table t) {
        if (t.next != null) {
            for (Table n : t.next) {
                if (n != null) {
                    freeTree(n);
                }
            }
        }
        freeTable(t);
    }

    /**
     * @param pte an entry
     * @return its page frame number
     */
    public static long pfn(long pte) {
        return (pte & PFN_MASK) >>> PhysicalMemory.PAGE_SHIFT;
    }
}
