package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import kernellab.ui.memory.BuddyView;

/** The Buddy view's bars: on a log scale, so that one free block beside thousands is a bar, not a hairline. */
class BuddyBarsTest {

    @Test
    void oneFreeBlockAmongThousandsIsAVisibleBar() {
        assertEquals(0, BuddyView.barHeight(0, 4096, 120));
        assertEquals(10, BuddyView.barHeight(1, 4096, 120), "log(2) / log(4097) of 120 px");
        assertEquals(60, BuddyView.barHeight(63, 4095, 120), "log(64) is half of log(4096)");
        assertEquals(120, BuddyView.barHeight(4096, 4096, 120));
        assertEquals(2, BuddyView.barHeight(1, 1L << 40, 40), "at least 2 px");
    }
}
