package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import kernellab.ui.views.Axis;
import kernellab.ui.views.PlotGrid;

import org.junit.jupiter.api.Test;

/** The plots' non-UI rules: round ticks, labels that never collide, side by side or stacked. */
class PlotLayoutTest {

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(new Axis(0, 25, 5), Axis.nice(0, 24.7, 6));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), Axis.nice(0, 24.7, 6).ticks());
        assertEquals(new Axis(0, 250, 50), Axis.nice(0, 210, 5));
        assertEquals(new Axis(0, 0.6, 0.1), Axis.nice(0, 0.556, 8));
        assertEquals(new Axis(0, 1, 0.2), Axis.nice(0, 0, 5), "an empty range still has an axis");
        assertEquals(new Axis(0, 60, 20), Axis.nice(0, 55.6, 3));
    }

    @Test
    void labelsHaveTheDecimalsTheStepNeeds() {
        assertEquals("0.25", new Axis(0, 1, 0.25).label(0.25));
        assertEquals("2", new Axis(0, 10, 2).label(2.0));
        assertEquals("0.6", Axis.nice(0, 0.556, 8).label(0.6000000000000001));
    }

    /** 20 weights on a 300-pixel axis: ticks 15 px apart, labels 14 px wide, so every second one is drawn. */
    @Test
    void labelsAreThinnedSoThatTheyNeverCollide() {
        assertEquals(1, Axis.labelEvery(40, 14, 10));
        assertEquals(2, Axis.labelEvery(15, 14, 10));
        assertEquals(3, Axis.labelEvery(10, 20, 8));
    }

    @Test
    void plotsGoSideBySideWhenWideAndStackedWhenNarrow() {
        assertEquals(List.of(new PlotGrid.Cell(0, 0, 400, 300), new PlotGrid.Cell(400, 0, 400, 300),
                new PlotGrid.Cell(800, 0, 401, 300)), PlotGrid.arrange(1201, 250, 3, 400, 300));
        assertEquals(List.of(new PlotGrid.Cell(0, 0, 700, 300), new PlotGrid.Cell(0, 300, 700, 300),
                new PlotGrid.Cell(0, 600, 700, 300)), PlotGrid.arrange(700, 250, 3, 400, 300));
        assertEquals(List.of(new PlotGrid.Cell(0, 0, 700, 400), new PlotGrid.Cell(0, 400, 700, 400),
                new PlotGrid.Cell(0, 800, 700, 400)), PlotGrid.arrange(700, 1200, 3, 400, 300));
    }
}
