package kernellab.core.mm;

import static kernellab.api.Gfp.GFP_DMA;
import static kernellab.api.Gfp.GFP_KERNEL;
import static kernellab.api.Gfp.__GFP_NOWARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import kernellab.core.printk.KernelLog;
import kernellab.core.proc.ProcBuddyinfo;

/** Random allocation and free sequences keep the buddy free lists sound. */
class BuddyAllocatorPropertyTest {

    private record Block(Page page, int order) {
    }

    /**
     * Every op below 600 allocates (order {@code op % 7}, sometimes 4 more; every fifth from
     * ZONE_DMA), every other op frees the live block at index {@code op % live}.
     */
    @Property(tries = 60)
    void freeListsStayDisjointCoalescedAndPagesAreConserved(
            @ForAll @Size(max = 250) List<@IntRange(min = 0, max = 999) Integer> ops) {
        PhysicalMemory mem = new PhysicalMemory(32L << 20, 2, new KernelLog());
        String boot = ProcBuddyinfo.render(mem.freeAreas());
        List<Block> live = new ArrayList<>();
        for (int op : ops) {
            if (op < 600 || live.isEmpty()) {
                int order = Math.min(PhysicalMemory.MAX_ORDER, op % 7 + (op % 13 == 0 ? 4 : 0));
                Page p = mem.allocPages((op % 5 == 0 ? GFP_DMA : GFP_KERNEL) | __GFP_NOWARN, order);
                if (p != null) {
                    assertEquals(0, p.pfn() % (1 << order), "blocks are naturally aligned");
                    live.add(new Block(p, order));
                }
            } else {
                Block b = live.remove(op % live.size());
                mem.freePages(b.page(), b.order());
            }
            checkInvariants(mem);
        }
        for (Block b : live) {
            mem.freePages(b.page(), b.order());
        }
        checkInvariants(mem);
        assertEquals(boot, ProcBuddyinfo.render(mem.freeAreas()), "freeing everything restores the boot state");
        assertEquals(List.of(), mem.log().lines());
    }

    static void checkInvariants(PhysicalMemory mem) {
        BuddyAllocator buddy = mem.buddy();
        BitSet free = new BitSet(buddy.nrPages());
        for (Zone z : buddy.zones()) {
            long freeInZone = 0;
            for (int order = 0; order <= PhysicalMemory.MAX_ORDER; order++) {
                long[] pfns = z.freeArea(order).pfns();
                assertEquals(z.freeArea(order).nrFree(), pfns.length);
                for (long pfn : pfns) {
                    Page head = buddy.pfnToPage(pfn);
                    assertTrue(head.test(PageFlag.BUDDY));
                    assertEquals(order, head.order());
                    assertEquals(0, pfn % (1L << order), "aligned");
                    assertTrue(pfn >= z.startPfn() && pfn + (1L << order) <= z.endPfn(), "inside its zone");
                    for (long i = pfn; i < pfn + (1L << order); i++) {
                        assertTrue(!free.get((int) i), "pfn " + i + " is on two free lists");
                        free.set((int) i);
                        assertNull(buddy.pfnToPage(i).allocHead, "a free frame is not allocated");
                    }
                    if (order < PhysicalMemory.MAX_ORDER) {
                        Page bud = buddy.pfnToPage(pfn ^ (1L << order));
                        if (bud != null && bud.zone() == z) {
                            assertNotEquals(true, bud.test(PageFlag.BUDDY) && bud.order() == order,
                                    "two free buddies of order " + order + " at " + pfn + " were not merged");
                        }
                    }
                    freeInZone += 1L << order;
                }
            }
            assertEquals(z.freePages(), freeInZone);
        }
        int allocated = 0;
        int reserved = 0;
        for (int pfn = 0; pfn < buddy.nrPages(); pfn++) {
            Page p = buddy.pfnToPage(pfn);
            if (p.isAllocated()) {
                allocated++;
                assertTrue(!free.get(pfn));
            } else if (p.test(PageFlag.RESERVED)) {
                reserved++;
            }
        }
        assertEquals(buddy.nrPages(), allocated + reserved + free.cardinality(), "every frame is free, allocated or reserved");
        assertEquals(buddy.nrFreePages(), free.cardinality());
    }
}
