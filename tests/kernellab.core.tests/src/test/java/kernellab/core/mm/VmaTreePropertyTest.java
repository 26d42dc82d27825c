package kernellab.core.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The VMA tree agrees with a sorted map on find_vma, the neighbour links and the order, through thousands of inserts, removals and end changes. */
class VmaTreePropertyTest {

    @Property(tries = 30)
    void behavesLikeASortedMap(@ForAll @Size(min = 1, max = 3000) List<@IntRange(min = 0, max = 4095) Integer> ops) {
        VmaTree tree = new VmaTree();
        TreeMap<Long, VmArea> ref = new TreeMap<>();
        for (int op : ops) {
            long start = (op % 2048) * 0x2000L;
            VmArea existing = ref.get(start);
            if (existing != null && op % 5 == 0) {
                tree.setEnd(existing, start + 0x800 + (op % 3) * 0x800);
            } else if (op < 2048 || existing == null) {
                if (existing == null) {
                    VmArea v = new VmArea(null, start, start + 0x1000, VmFlags.VM_READ, 0, null, null);
                    tree.insert(v);
                    ref.put(start, v);
                }
            } else {
                tree.remove(existing);
                ref.remove(start);
            }
            long probe = (op * 7919L) % (4096 * 0x1000L);
            Map.Entry<Long, VmArea> floor = ref.floorEntry(probe);
            VmArea expected = floor != null && floor.getValue().end() > probe ? floor.getValue()
                    : ref.higherEntry(probe) == null ? null : ref.higherEntry(probe).getValue();
            assertSame(expected, tree.findVma(probe));
        }
        assertEquals(ref.size(), tree.size());
        List<VmArea> inOrder = new ArrayList<>();
        tree.forEach(inOrder::add);
        assertEquals(new ArrayList<>(ref.values()), inOrder);
        VmArea prev = null;
        for (VmArea v : inOrder) {
            assertSame(prev, v.vmPrev);
            prev = v;
        }
        assertSame(prev, tree.last());
    }
}
