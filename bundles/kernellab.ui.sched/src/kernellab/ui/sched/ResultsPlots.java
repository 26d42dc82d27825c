package kernellab.ui.sched;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.protocol.SharesReport;
import kernellab.ui.sched.ResultsView.Results;
import kernellab.ui.sched.ResultsView.Row;
import kernellab.ui.sched.internal.Messages;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

/**
 * The Results view's three plots, as a student would put them in a lab report: each with a
 * title, axis titles with units, ticks at 1-2-5 steps spaced so their labels never collide, a
 * legend for every colour, value labels outside the data. Side by side when the area is wide,
 * one under the other (the view scrolls) when it is narrow.
 */
final class ResultsPlots {

    /** Narrower than this, the plots are stacked. */
    static final int SIDE_BY_SIDE_WIDTH = 960;
    /** The least height of one plot. */
    static final int PLOT_HEIGHT = 250;

    private static final int[][] PALETTE = {{66, 133, 244}, {219, 68, 55}, {244, 180, 0}, {15, 157, 88}, {171, 71, 188},
        {0, 172, 193}, {255, 112, 67}, {92, 107, 192}};
    private static final int GAP = 6;

    private final GC gc;
    private final Results results;
    private final int lineHeight;

    private ResultsPlots(GC gc, Results results) {
        this.gc = gc;
        this.results = results;
        this.lineHeight = gc.getFontMetrics().getHeight();
    }

    /** Draws the plots of {@code results} in {@code area}. */
    static void paint(GC gc, Rectangle area, Results results) {
        ResultsPlots plots = new ResultsPlots(gc, results);
        List<BiConsumer<ResultsPlots, Rectangle>> all = List.of(ResultsPlots::turnaround, ResultsPlots::shares,
                ResultsPlots::weights);
        // the paint event's clipping: on GTK, clipping to null would let a scrolled canvas draw over its neighbours
        Rectangle painted = gc.getClipping();
        for (int i = 0; i < all.size(); i++) {
            Rectangle r = area.width >= SIDE_BY_SIDE_WIDTH
                    ? new Rectangle(area.x + i * area.width / 3, area.y, area.width / 3, area.height)
                    : new Rectangle(area.x, area.y + i * area.height / 3, area.width, area.height / 3);
            gc.setClipping(r.intersection(painted));
            try {
                all.get(i).accept(plots, new Rectangle(r.x + GAP, r.y + GAP, r.width - 2 * GAP, r.height - 2 * GAP));
            } finally {
                gc.setClipping(painted);
            }
        }
    }

    /** The plot's area inside its title, axis titles and tick labels, and its ticks. */
    private record Axes(Rectangle plot, AxisTicks x, AxisTicks y) {
        int x(double v) {
            return plot.x + (int) Math.round(plot.width * v / x.end());
        }

        int y(double v) {
            return plot.y + plot.height - (int) Math.round(plot.height * v / y.end());
        }
    }

    /**
     * Draws a title, the y axis's title under it, the x axis's title at the bottom, both axes with
     * their ticks, and returns the mapping. {@code xMax <= 0} or {@code yMax <= 0} draws no ticks on
     * that axis (categories).
     */
    private Axes axes(Rectangle r, String title, String xTitle, String yTitle, double xMax, double yMax) {
        black();
        gc.drawText(title, r.x, r.y, true);
        gc.drawText(yTitle, r.x, r.y + lineHeight + 2, true);
        Point xTitleSize = gc.textExtent(xTitle);
        int top = r.y + 2 * lineHeight + 8;
        int bottom = r.y + r.height - 2 * lineHeight - 6;
        int height = Math.max(10, bottom - top);
        AxisTicks yTicks = AxisTicks.of(yMax, Math.max(1, height / (2 * lineHeight)));
        int left = 0;
        for (double v : yMax > 0 ? yTicks.values() : List.<Double>of()) {
            left = Math.max(left, gc.textExtent(yTicks.label(v)).x);
        }
        int plotX = r.x + left + 8;
        int width = Math.max(10, r.x + r.width - plotX - 12);
        AxisTicks xTicks = xMax > 0 ? AxisTicks.of(xMax, Math.max(1, width / (gc.textExtent(AxisTicks.of(xMax, 10)
                .label(xMax)).x + 24))) : new AxisTicks(1, 1);
        Axes axes = new Axes(new Rectangle(plotX, top, width, height), xTicks, yTicks);
        gc.drawLine(plotX, top, plotX, top + height);
        gc.drawLine(plotX, top + height, plotX + width, top + height);
        for (double v : yMax > 0 ? yTicks.values() : List.<Double>of()) {
            int y = axes.y(v);
            String label = yTicks.label(v);
            gc.drawLine(plotX - 3, y, plotX, y);
            gc.drawText(label, plotX - 6 - gc.textExtent(label).x, y - lineHeight / 2, true);
        }
        if (xMax > 0) {
            for (double v : xTicks.values()) {
                int x = axes.x(v);
                String label = xTicks.label(v);
                gc.drawLine(x, top + height, x, top + height + 3);
                gc.drawText(label, x - gc.textExtent(label).x / 2, top + height + 4, true);
            }
        }
        gc.drawText(xTitle, plotX + (width - xTitleSize.x) / 2, top + height + lineHeight + 6, true);
        return axes;
    }

    private void turnaround(Rectangle r) {
        Map<Integer, Long> points = ResultsView.turnaroundByWeight(results.rows());
        double maxWeight = points.keySet().stream().mapToInt(Integer::intValue).max().orElse(1);
        double maxSeconds = points.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1e9;
        // room above the highest point for its value label
        Axes a = axes(r, Messages.ResultsView_plotTurnaround, Messages.ResultsView_axisWeight, Messages.ResultsView_axisTurnaround,
                maxWeight, maxSeconds * 1.2);
        if (points.isEmpty()) {
            gc.drawText(Messages.ResultsView_noWrrTasks, a.plot().x + 6, a.plot().y + 6, true);
            return;
        }
        Color blue = color(PALETTE[0]);
        int lastX = -1;
        int lastY = -1;
        for (Map.Entry<Integer, Long> p : points.entrySet()) {
            int x = a.x(p.getKey());
            int y = a.y(p.getValue() / 1e9);
            gc.setForeground(blue);
            if (lastX >= 0) {
                gc.drawLine(lastX, lastY, x, y);
            }
            gc.setBackground(blue);
            gc.fillOval(x - 4, y - 4, 9, 9);
            black();
            String label = String.format(Locale.ROOT, "%.3f s", p.getValue() / 1e9);
            gc.drawText(label, Math.min(x - gc.textExtent(label).x / 2, a.plot().x + a.plot().width - gc.textExtent(label).x),
                    y - lineHeight - 5, true);
            lastX = x;
            lastY = y;
        }
    }

    /**
     * One row per SCHED_WRR task: its measured share of the CPU time while they all competed
     * (filled bar) and its due by the weights (outlined bar), both labelled.
     */
    private void shares(Rectangle r) {
        SharesReport shares = results.shares();
        if (shares == null || shares.tasks().isEmpty()) {
            axes(r, Messages.ResultsView_plotShares, Messages.ResultsView_axisShare, "", 100, 0);
            black();
            gc.drawText(shares == null ? Messages.ResultsView_afterTheRun : Messages.ResultsView_noCompetition, r.x + 40,
                    r.y + 3 * lineHeight + 8, true);
            return;
        }
        List<String> labels = shares.tasks().stream().map(s -> NLS.bind(Messages.ResultsView_shareLabel, comm(s.pid()) + " ["
                + s.pid() + "]", s.weight())).toList();
        int labelWidth = Math.min(r.width / 3, labels.stream().mapToInt(l -> gc.textExtent(l).x).max().orElse(0) + 8);
        double max = shares.tasks().stream().mapToDouble(s -> Math.max(s.measured(), s.expected())).max().orElse(1);
        String title = NLS.bind(Messages.ResultsView_plotSharesWindow, seconds(shares.startNs()), seconds(shares.endNs()));
        Rectangle inner = new Rectangle(r.x + labelWidth, r.y, r.width - labelWidth, r.height);
        String valueExample = NLS.bind(Messages.ResultsView_shareValue, "100.0", "100.0");
        Axes a = axes(inner, "", Messages.ResultsView_axisShare, "", 100 * max * (1 + (double) gc.textExtent(valueExample).x
                / Math.max(1, inner.width - 40)), 0);
        black();
        gc.drawText(title, r.x, r.y, true);
        legendShares(r.x, r.y + lineHeight + 2);
        int rowHeight = Math.max(lineHeight + 2, Math.min(2 * lineHeight + 6, a.plot().height / shares.tasks().size()));
        int y = a.plot().y + 2;
        Color green = color(PALETTE[3]);
        for (int i = 0; i < shares.tasks().size(); i++) {
            if (y + rowHeight > a.plot().y + a.plot().height && i < shares.tasks().size() - 1) {
                gc.drawText(NLS.bind(Messages.ResultsView_moreTasks, shares.tasks().size() - i), r.x, y, true);
                break;
            }
            SharesReport.TaskShare s = shares.tasks().get(i);
            int barHeight = Math.max(4, rowHeight - 6);
            int measured = a.x(100 * s.measured()) - a.plot().x;
            int expected = a.x(100 * s.expected()) - a.plot().x;
            gc.setBackground(green);
            gc.fillRectangle(a.plot().x + 1, y + 2, Math.max(1, measured), barHeight - 2);
            black();
            gc.setLineWidth(2);
            gc.drawRectangle(a.plot().x + 1, y + 1, Math.max(1, expected), barHeight);
            gc.setLineWidth(1);
            gc.drawText(labels.get(i), r.x, y + (barHeight - lineHeight) / 2 + 1, true);
            gc.drawText(NLS.bind(Messages.ResultsView_shareValue, percent(s.measured()), percent(s.expected())),
                    a.plot().x + Math.max(measured, expected) + 6, y + (barHeight - lineHeight) / 2 + 1, true);
            y += rowHeight;
        }
    }

    private void legendShares(int x, int y) {
        int box = lineHeight - 4;
        gc.setBackground(color(PALETTE[3]));
        gc.fillRectangle(x, y + 2, box, box);
        black();
        gc.drawText(Messages.ResultsView_legendMeasured, x + box + 4, y, true);
        int x2 = x + box + 4 + gc.textExtent(Messages.ResultsView_legendMeasured).x + 14;
        gc.setLineWidth(2);
        gc.drawRectangle(x2, y + 2, box, box);
        gc.setLineWidth(1);
        gc.drawText(Messages.ResultsView_legendExpected, x2 + box + 4, y, true);
    }

    private void weights(Rectangle r) {
        if (results.cpus().isEmpty()) {
            axes(r, Messages.ResultsView_plotWeights, Messages.ResultsView_axisTime, Messages.ResultsView_axisTotalWeight, 1, 1);
            gc.drawText(Messages.ResultsView_afterTheRun, r.x + 40, r.y + 3 * lineHeight + 8, true);
            return;
        }
        long maxWeight = 1;
        for (CpuReport cpu : results.cpus()) {
            for (LoadSample s : cpu.samples()) {
                maxWeight = Math.max(maxWeight, s.totalWeight());
            }
        }
        Rectangle below = new Rectangle(r.x, r.y + lineHeight + 2, r.width, r.height - lineHeight - 2);
        Axes a = axes(below, "", Messages.ResultsView_axisTime, Messages.ResultsView_axisTotalWeight,
                Math.max(1, results.timeNs()) / 1e9, maxWeight);
        black();
        gc.drawText(Messages.ResultsView_plotWeights, r.x, r.y, true);
        int legendX = r.x + gc.textExtent(Messages.ResultsView_axisTotalWeight).x + 16;
        int legendY = below.y + lineHeight + 2;
        gc.setLineWidth(2);
        for (CpuReport cpu : results.cpus()) {
            Color c = color(PALETTE[cpu.cpu() % PALETTE.length]);
            // each CPU one pixel above the previous, so lines at the same weight (0 at the end) do not hide each other
            int lift = 2 * cpu.cpu();
            gc.setForeground(c);
            int lastX = -1;
            int lastY = -1;
            for (LoadSample s : cpu.samples()) {
                int x = a.x(s.timeNs() / 1e9);
                int y = a.y(s.totalWeight()) - lift - 1;
                if (lastX >= 0) {
                    gc.drawLine(lastX, lastY, x, lastY);
                    gc.drawLine(x, lastY, x, y);
                }
                lastX = x;
                lastY = y;
            }
            String name = NLS.bind(Messages.ResultsView_cpu, cpu.cpu());
            int width = 16 + gc.textExtent(name).x + 12;
            if (legendX + width > r.x + r.width) {
                legendX = r.x + gc.textExtent(Messages.ResultsView_axisTotalWeight).x + 16;
                legendY += lineHeight;
            }
            gc.drawLine(legendX, legendY + lineHeight / 2, legendX + 12, legendY + lineHeight / 2);
            black();
            gc.drawText(name, legendX + 16, legendY, true);
            legendX += width;
        }
        gc.setLineWidth(1);
    }

    private String comm(int pid) {
        return results.rows().stream().filter(row -> row.pid() == pid).map(Row::comm).findFirst().orElse("?");
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", 100 * share);
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e9);
    }

    private void black() {
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
    }

    private Color color(int[] rgb) {
        return new Color(gc.getDevice(), rgb[0], rgb[1], rgb[2]);
    }
}
