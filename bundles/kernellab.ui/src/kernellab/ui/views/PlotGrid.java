package kernellab.ui.views;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a view's plots go: side by side when the view is wide enough for each to have
 * {@code minWidth} pixels, otherwise stacked, each {@code minHeight} pixels high at least (the
 * view then scrolls). No SWT, so the rule is tested without a display.
 */
public final class PlotGrid {

    private PlotGrid() {
    }

    /** A plot's place. */
    public record Cell(int x, int y, int width, int height) {
    }

    /**
     * @param width the view's client width
     * @param height the view's client height
     * @param plots how many plots
     * @return the plots' cells, left to right or top to bottom; the content's height is the last cell's bottom
     */
    public static List<Cell> arrange(int width, int height, int plots, int minWidth, int minHeight) {
        List<Cell> cells = new ArrayList<>();
        if (plots <= 0) {
            return cells;
        }
        if (width >= plots * minWidth) {
            int w = width / plots;
            int h = Math.max(height, minHeight);
            for (int i = 0; i < plots; i++) {
                cells.add(new Cell(i * w, 0, i == plots - 1 ? width - i * w : w, h));
            }
        } else {
            int h = Math.max(minHeight, height / plots);
            for (int i = 0; i < plots; i++) {
                cells.add(new Cell(0, i * h, width, h));
            }
        }
        return cells;
    }
}
