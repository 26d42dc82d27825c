package kernellab.ui.memory;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.BuddySnapshot;
import kernellab.runner.protocol.FrameOwner;
import kernellab.runner.protocol.FrameRun;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ZoneInfo;
import kernellab.ui.memory.internal.Messages;
import kernellab.ui.preferences.ViewColours;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The buddy allocator: for every zone the number of free blocks of each order 0 … 10 as bars
 * (the numbers of {@code /proc/buddyinfo}), and a map of all page frames coloured by owner (free,
 * slab, anonymous memory, page cache, page tables, other kernel use; the colours are preferences)
 * with a legend. Large memories are drawn with several frames per cell; a cell takes the colour
 * of its most significant owner ({@link #significance}), so a single used frame in a free region
 * stays visible, as in fragmentation pictures.
 */
public final class BuddyView extends SimulationView<BuddySnapshot> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.memory.buddy";
    /** Id of the action copying /proc/buddyinfo. */
    public static final String COPY_BUDDYINFO = ID + ".copyBuddyinfo";
    /** Id of the action copying the free-block counts as CSV. */
    public static final String COPY_CSV = ID + ".copyCsv";

    /** Orders of the free lists, 0 … {@code MAX_PAGE_ORDER} (10). */
    public static final int NR_PAGE_ORDERS = 11;

    private static final Color BAR = new Color(70, 130, 200);
    private static final int MARGIN = 8;
    private static final int BAR_AREA = 90;
    private static final int CELL = 4;

    private Canvas canvas;
    /** Top of the frame map in the unscrolled picture, as last painted. */
    private int mapTop = -1;

    @Override
    protected String subject() {
        return Messages.BuddyView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL);
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.Resize, e -> updateScrollBar());
        ViewColours.onChange(canvas, canvas::redraw);

        Action copyBuddyinfo = new Action(Messages.BuddyView_copyBuddyinfo) {
            @Override
            public void run() {
                session().ifPresent(s -> copyToClipboard(
                        s.server().readFile(new ProcFileParams("/proc/buddyinfo")).thenApply(ProcFile::text)));
            }
        };
        copyBuddyinfo.setId(COPY_BUDDYINFO);
        addMenuAction(copyBuddyinfo);
        Action copyCsv = new Action(Messages.BuddyView_copyCsv) {
            @Override
            public void run() {
                shown().ifPresent(s -> copyToClipboard(csv(s)));
            }
        };
        copyCsv.setId(COPY_CSV);
        addMenuAction(copyCsv);
        hookContextMenu(canvas);
        return canvas;
    }

    @Override
    protected CompletableFuture<BuddySnapshot> fetch(SimulationSession simulation) {
        return simulation.server().buddy();
    }

    @Override
    protected void show(BuddySnapshot snapshot) {
        describe(snapshot.timeNs());
        updateScrollBar();
        canvas.redraw();
    }

    /**
     * @param snapshot the allocator
     * @return one line per zone: node, zone and the free blocks of each order, with a header
     */
    public static String csv(BuddySnapshot snapshot) {
        StringBuilder sb = new StringBuilder("node,zone");
        for (int order = 0; order < NR_PAGE_ORDERS; order++) {
            sb.append(",order").append(order);
        }
        sb.append('\n');
        for (ZoneInfo zone : snapshot.zones()) {
            sb.append("0,").append(zone.name());
            zone.nrFree().forEach(n -> sb.append(',').append(n));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * @param pfn a page frame number
     * @return the top left corner of the map's cell holding that frame, in the canvas's
     *         coordinates as last painted, or {@code null} before the first paint
     */
    public Point frameCell(long pfn) {
        BuddySnapshot snapshot = shown().orElse(null);
        if (snapshot == null || mapTop < 0) {
            return null;
        }
        long cell = pfn / framesPerCell(snapshot);
        return new Point(MARGIN + (int) (cell % cellsPerRow()) * CELL,
                mapTop - canvas.getVerticalBar().getSelection() + (int) (cell / cellsPerRow()) * CELL);
    }

    /** @return the canvas with the free areas and the frame map */
    public Canvas canvas() {
        return canvas;
    }

    private int contentHeight() {
        BuddySnapshot snapshot = shown().orElse(null);
        if (snapshot == null) {
            return 0;
        }
        int lineHeight = lineHeight();
        int zonesHeight = snapshot.zones().size() * (lineHeight * 4 + BAR_AREA + MARGIN);
        return MARGIN + zonesHeight + lineHeight * 3 + 4 + mapRows(snapshot) * CELL + MARGIN;
    }

    private int lineHeight() {
        GC gc = new GC(canvas);
        try {
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    private int cellsPerRow() {
        return Math.max(1, (canvas.getClientArea().width - 2 * MARGIN) / CELL);
    }

    private static long totalFrames(BuddySnapshot snapshot) {
        return snapshot.frames().stream().mapToLong(r -> r.startPfn() + r.pages()).max().orElse(0);
    }

    /** @return how many frames one cell of the map stands for: as few as fit in about 64 rows */
    private long framesPerCell(BuddySnapshot snapshot) {
        long cells = (long) cellsPerRow() * 64;
        return Math.max(1, (totalFrames(snapshot) + cells - 1) / cells);
    }

    private int mapRows(BuddySnapshot snapshot) {
        long cells = (totalFrames(snapshot) + framesPerCell(snapshot) - 1) / framesPerCell(snapshot);
        return (int) ((cells + cellsPerRow() - 1) / cellsPerRow());
    }

    private void updateScrollBar() {
        int height = contentHeight();
        int visible = Math.max(1, canvas.getClientArea().height);
        canvas.getVerticalBar().setValues(Math.min(canvas.getVerticalBar().getSelection(), Math.max(0, height - visible)), 0,
                Math.max(height, 1), visible, 16, visible);
    }

    private void paint(GC gc) {
        BuddySnapshot snapshot = shown().orElse(null);
        if (snapshot == null) {
            return;
        }
        Color text = canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND);
        int lineHeight = gc.getFontMetrics().getHeight();
        int width = canvas.getClientArea().width - 2 * MARGIN;
        int y = MARGIN - canvas.getVerticalBar().getSelection();
        for (ZoneInfo zone : snapshot.zones()) {
            gc.setForeground(text);
            gc.drawText(NLS.bind(Messages.BuddyView_zone, new Object[] {zone.name(), zone.freePages(), zone.managedPages()}),
                    MARGIN, y, true);
            y += lineHeight;
            paintFreeAreas(gc, zone, MARGIN, y, width, lineHeight);
            gc.drawText(Messages.BuddyView_order, MARGIN + NR_PAGE_ORDERS * (width / NR_PAGE_ORDERS) - gc.textExtent(Messages.BuddyView_order).x,
                    y + lineHeight + BAR_AREA + 2 + lineHeight, true);
            y += BAR_AREA + lineHeight * 3 + MARGIN;
        }
        gc.setForeground(text);
        long perCell = framesPerCell(snapshot);
        gc.drawText(NLS.bind(Messages.BuddyView_frameMap, totalFrames(snapshot), perCell), MARGIN, y, true);
        y += lineHeight;
        paintLegend(gc, MARGIN, y);
        y += lineHeight + 4;
        mapTop = y + canvas.getVerticalBar().getSelection();
        paintFrameMap(gc, snapshot.frames(), perCell, y);
    }

    /**
     * @param nrFree free blocks of an order
     * @param max the most free blocks of any order of the zone
     * @param area the height of the tallest bar
     * @return the bar's height on a log scale, log(1 + nrFree) / log(1 + max), so that 1 free block among
     *         thousands of another order still shows as a bar, not a hairline (0 for none)
     */
    public static int barHeight(long nrFree, long max, int area) {
        if (nrFree <= 0 || max <= 0) {
            return 0;
        }
        return Math.max(2, (int) Math.round(area * Math.log1p(nrFree) / Math.log1p(max)));
    }

    /** One bar per order, its height nr_free on a log scale, the number above and the order below; an empty order gets a grey stub. */
    private void paintFreeAreas(GC gc, ZoneInfo zone, int x, int y, int width, int lineHeight) {
        long max = zone.nrFree().stream().mapToLong(Long::longValue).max().orElse(0);
        int slot = width / NR_PAGE_ORDERS;
        int barWidth = Math.max(4, slot - 12);
        int baseline = y + lineHeight + BAR_AREA;
        for (int order = 0; order < zone.nrFree().size(); order++) {
            long nrFree = zone.nrFree().get(order);
            int height = barHeight(nrFree, max, BAR_AREA);
            int left = x + order * slot;
            gc.setBackground(nrFree == 0 ? gc.getDevice().getSystemColor(SWT.COLOR_GRAY) : BAR);
            gc.fillRectangle(left, baseline - Math.max(height, 2), barWidth, Math.max(height, 2));
            String number = Long.toString(nrFree);
            Point extent = gc.textExtent(number);
            gc.drawText(number, left + (barWidth - extent.x) / 2, baseline - height - lineHeight, true);
            String label = Integer.toString(order);
            gc.drawText(label, left + (barWidth - gc.textExtent(label).x) / 2, baseline + 2, true);
        }
    }

    private void paintLegend(GC gc, int x, int y) {
        int h = gc.getFontMetrics().getHeight();
        for (FrameOwner owner : FrameOwner.values()) {
            gc.setBackground(ViewColours.of(owner));
            gc.fillRectangle(x, y + 2, h - 4, h - 4);
            String label = ViewColours.label(owner);
            gc.drawText(label, x + h, y, true);
            x += h + gc.textExtent(label).x + 12;
        }
    }

    private void paintFrameMap(GC gc, List<FrameRun> frames, long perCell, int y) {
        int perRow = cellsPerRow();
        long cells = (frames.stream().mapToLong(r -> r.startPfn() + r.pages()).max().orElse(0) + perCell - 1) / perCell;
        FrameOwner[] owners = new FrameOwner[(int) cells];
        for (FrameRun run : frames) {
            for (long cell = run.startPfn() / perCell; cell <= (run.startPfn() + run.pages() - 1) / perCell; cell++) {
                FrameOwner o = owners[(int) cell];
                if (o == null || significance(run.owner()) > significance(o)) {
                    owners[(int) cell] = run.owner();
                }
            }
        }
        Rectangle area = canvas.getClientArea();
        for (int cell = 0; cell < owners.length; cell++) {
            int cy = y + cell / perRow * CELL;
            if (cy + CELL < 0 || cy > area.height) {
                continue;
            }
            gc.setBackground(ViewColours.of(owners[cell] == null ? FrameOwner.FREE : owners[cell]));
            gc.fillRectangle(MARGIN + cell % perRow * CELL, cy, CELL - 1, CELL - 1);
        }
    }

    /**
     * @return how much an owner counts when several frames share a cell: free least, then the
     *         kernel's own pages, then the page cache and anonymous memory, then the rarer page
     *         tables and slabs, so that a few frames of a small owner stay visible
     */
    static int significance(FrameOwner owner) {
        return switch (owner) {
            case FREE -> 0;
            case KERNEL -> 1;
            case PAGE_CACHE -> 2;
            case ANON -> 3;
            case PAGE_TABLE -> 4;
            case SLAB -> 5;
        };
    }
}
