package kernellab.ui.sched;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kernellab.api.Policy;
import kernellab.runner.protocol.CpuReport;
import kernellab.runner.protocol.LoadSample;
import kernellab.runner.report.CpuShares;
import kernellab.ui.sched.ResultsView.Results;
import kernellab.ui.sched.ResultsView.Row;
import kernellab.ui.sched.internal.Messages;
import kernellab.ui.views.Axis;
import kernellab.ui.views.PlotGrid;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/**
 * The Results view's three plots, drawn with SWT's GC: turnaround against WRR weight, each
 * task's share of its CPU while it competed next to the share its weight is due, and each CPU's
 * WRR total weight over time. Each has a title, axis titles with units, round ticks whose labels
 * never collide ({@link Axis}) and a legend; the value labels sit outside the data. The plots go
 * side by side when the view is wide and one under the other when it is narrow ({@link PlotGrid}).
 */
final class ResultsPlots {

    /** Narrowest a plot may be side by side with the others. */
    static final int MIN_WIDTH = 400;
    /** Lowest a plot may be; below it the view scrolls. */
    static final int MIN_HEIGHT = 300;
    private static final int GAP = 12;
    private static final int[][] PALETTE = {{66, 133, 244}, {219, 68, 55}, {244, 180, 0}, {15, 157, 88}, {171, 71, 188},
        {0, 172, 193}, {255, 112, 67}, {158, 157, 36}};

    private final GC gc;
    private final Results results;
    private final int lineHeight;

    private ResultsPlots(GC gc, Results results) {
        this.gc = gc;
        this.results = results;
        this.lineHeight = gc.getFontMetrics().getHeight();
    }

    /** @return the height the plots need in a view {@code width} wide and {@code height} high */
    static int contentHeight(int width, int height) {
        List<PlotGrid.Cell> cells = PlotGrid.arrange(width, height, 3, MIN_WIDTH, MIN_HEIGHT);
        PlotGrid.Cell last = cells.get(cells.size() - 1);
        return last.y() + last.height();
    }

    /** Draws the plots of {@code results} into {@code area}. */
    static void paint(GC gc, Rectangle area, Results results) {
        if (results == null || results.rows().isEmpty()) {
            return;
        }
        ResultsPlots plots = new ResultsPlots(gc, results);
        List<PlotGrid.Cell> cells = PlotGrid.arrange(area.width, area.height, 3, MIN_WIDTH, MIN_HEIGHT);
        plots.clipped(cells.get(0), area, plots::turnaround);
        plots.clipped(cells.get(1), area, plots::shares);
        plots.clipped(cells.get(2), area, plots::weights);
    }

    private void clipped(PlotGrid.Cell cell, Rectangle area, java.util.function.Consumer<Rectangle> plot) {
        Rectangle r = new Rectangle(area.x + cell.x(), area.y + cell.y(), cell.width(), cell.height());
        gc.setClipping(r);
        try {
            plot.accept(r);
        } finally {
            gc.setClipping((Rectangle) null);
        }
    }

    /** Mean turnaround per weight: points joined by a line, weights along x, seconds up y. */
    private void turnaround(Rectangle r) {
        Map<Integer, Long> points = ResultsView.turnaroundByWeight(results.rows());
        int top = title(r, Messages.ResultsView_plotTurnaround, null);
        if (points.isEmpty()) {
            gc.drawText(Messages.ResultsView_noWrrTasks, r.x + GAP, top, true);
            return;
        }
        int maxWeight = points.keySet().stream().mapToInt(Integer::intValue).max().orElse(20);
        double maxSeconds = points.values().stream().mapToLong(Long::longValue).max().orElse(1) / 1e9;
        Axis y = Axis.nice(0, maxSeconds, ticksFor(r.y + r.height - top - 3 * lineHeight, lineHeight * 2));
        Rectangle plot = plotArea(r, top, y, Messages.ResultsView_axisTurnaround);
        Axis x = new Axis(0, maxWeight + 1, 1);
        xAxis(plot, x, Messages.ResultsView_axisWeight, 1, maxWeight);
        yAxis(plot, y);
        gc.setForeground(color(PALETTE[0]));
        gc.setBackground(color(PALETTE[0]));
        gc.setLineWidth(2);
        int lastX = -1;
        int lastY = -1;
        for (Map.Entry<Integer, Long> p : points.entrySet()) {
            int px = xOf(plot, x, p.getKey());
            int py = yOf(plot, y, p.getValue() / 1e9);
            if (lastX >= 0) {
                gc.drawLine(lastX, lastY, px, py);
            }
            gc.fillOval(px - 3, py - 3, 7, 7);
            lastX = px;
            lastY = py;
        }
        gc.setLineWidth(1);
        black();
    }

    /**
     * One row per task (parents waiting for their children left out, as in the turnaround plot):
     * a filled bar for the share of its CPU it got while runnable, an outlined one for the share
     * its weight was due, both labelled after the longer one.
     */
    private void shares(Rectangle r) {
        int top = title(r, Messages.ResultsView_plotShares, null);
        Set<Integer> parents = results.rows().stream().map(Row::ppid).collect(Collectors.toSet());
        Map<Integer, CpuShares.Share> byPid = results.shares().stream()
                .collect(Collectors.toMap(CpuShares.Share::pid, s -> s, (a, b) -> a));
        List<Row> rows = new ArrayList<>();
        for (Row row : results.rows()) {
            if (!parents.contains(row.pid()) && byPid.containsKey(row.pid())) {
                rows.add(row);
            }
        }
        boolean anyExpected = rows.stream().anyMatch(row -> byPid.get(row.pid()).hasExpected());
        top = legend(r, top, anyExpected);
        if (rows.isEmpty()) {
            return;
        }
        double max = 0;
        for (Row row : rows) {
            CpuShares.Share s = byPid.get(row.pid());
            max = Math.max(max, Math.max(s.measured(), s.hasExpected() ? s.expected() : 0));
        }
        int labelWidth = Math.min(r.width / 3, rows.stream().mapToInt(row -> gc.textExtent(taskLabel(row)).x).max().orElse(0));
        int valueWidth = gc.textExtent(valueLabel(0.999, anyExpected ? 0.999 : Double.NaN)).x;
        Rectangle plot = new Rectangle(r.x + GAP + labelWidth + 6, top, Math.max(20, r.width - 2 * GAP - labelWidth - 6 - valueWidth - 6),
                Math.max(lineHeight, r.y + r.height - top - 2 * lineHeight - 12));
        Axis x = Axis.nice(0, Math.max(0.01, max) * 100, ticksFor(plot.width, gc.textExtent("100 %").x + 12));
        xAxis(plot, x, Messages.ResultsView_axisShare, x.min(), x.max());
        int rowHeight = Math.max(lineHeight + 2, Math.min(2 * lineHeight, plot.height / rows.size()));
        int fits = Math.max(1, plot.height / rowHeight);
        int shown = rows.size() <= fits ? rows.size() : fits - 1;
        int y = plot.y;
        for (int i = 0; i < shown; i++) {
            Row row = rows.get(i);
            CpuShares.Share s = byPid.get(row.pid());
            black();
            gc.drawText(taskLabel(row), plot.x - 6 - gc.textExtent(taskLabel(row)).x, y + (rowHeight - lineHeight) / 2, true);
            int barTop = y + 2;
            int barHeight = rowHeight - 4;
            int measured = Math.max(1, (int) Math.round(plot.width * x.fraction(s.measured() * 100)));
            gc.setBackground(color(PALETTE[3]));
            gc.fillRectangle(plot.x + 1, barTop, measured, barHeight);
            int end = plot.x + 1 + measured;
            if (s.hasExpected()) {
                int expected = Math.max(1, (int) Math.round(plot.width * x.fraction(s.expected() * 100)));
                gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
                gc.setLineStyle(SWT.LINE_DASH);
                gc.drawRectangle(plot.x + 1, barTop, expected, barHeight - 1);
                gc.setLineStyle(SWT.LINE_SOLID);
                end = Math.max(end, plot.x + 1 + expected);
            }
            black();
            gc.drawText(valueLabel(s.measured(), s.hasExpected() ? s.expected() : Double.NaN), end + 6,
                    y + (rowHeight - lineHeight) / 2, true);
            y += rowHeight;
        }
        if (shown < rows.size()) {
            gc.drawText(NLS.bind(Messages.ResultsView_moreTasks, rows.size() - shown), plot.x + 4, y, true);
        }
    }

    /** Legend of the share plot, under its title; returns the y below it. */
    private int legend(Rectangle r, int top, boolean expected) {
        int x = r.x + GAP;
        gc.setBackground(color(PALETTE[3]));
        gc.fillRectangle(x, top + 3, 14, lineHeight - 6);
        black();
        gc.drawText(Messages.ResultsView_legendMeasured, x + 18, top, true);
        x += 18 + gc.textExtent(Messages.ResultsView_legendMeasured).x + 14;
        if (expected) {
            if (x + 18 + gc.textExtent(Messages.ResultsView_legendExpected).x > r.x + r.width - GAP) {
                x = r.x + GAP;
                top += lineHeight + 2;
            }
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawRectangle(x, top + 3, 14, lineHeight - 7);
            gc.setLineStyle(SWT.LINE_SOLID);
            gc.drawText(Messages.ResultsView_legendExpected, x + 18, top, true);
        }
        return top + lineHeight + 8;
    }

    /** Each CPU's WRR total weight, a step line per CPU, with a legend of the CPUs' colours. */
    private void weights(Rectangle r) {
        int top = title(r, Messages.ResultsView_plotWeights, null);
        if (results.cpus().isEmpty()) {
            gc.drawText(Messages.ResultsView_afterTheRun, r.x + GAP, top, true);
            return;
        }
        top = cpuLegend(r, top);
        long maxWeight = 1;
        for (CpuReport cpu : results.cpus()) {
            for (LoadSample s : cpu.samples()) {
                maxWeight = Math.max(maxWeight, s.totalWeight());
            }
        }
        Axis y = Axis.nice(0, maxWeight, ticksFor(r.y + r.height - top - 3 * lineHeight, lineHeight * 2));
        Rectangle plot = plotArea(r, top, y, Messages.ResultsView_axisTotalWeight);
        double endSeconds = Math.max(1, results.timeNs()) / 1e9;
        Axis x = Axis.nice(0, endSeconds, ticksFor(plot.width, gc.textExtent(new Axis(0, endSeconds, endSeconds / 10)
                .label(endSeconds)).x + 16));
        xAxis(plot, x, Messages.ResultsView_axisTime, x.min(), x.max());
        yAxis(plot, y);
        gc.setLineWidth(2);
        for (CpuReport cpu : results.cpus()) {
            gc.setForeground(color(PALETTE[cpu.cpu() % PALETTE.length]));
            int lastX = -1;
            int lastY = -1;
            // lines at 0 are drawn just above the x axis (offset per CPU), so idle CPUs stay visible
            int lift = 2 + 2 * (cpu.cpu() % PALETTE.length);
            for (LoadSample s : cpu.samples()) {
                int px = xOf(plot, x, s.timeNs() / 1e9);
                int py = Math.min(yOf(plot, y, s.totalWeight()), plot.y + plot.height - lift);
                if (lastX >= 0) {
                    gc.drawLine(lastX, lastY, px, lastY);
                    gc.drawLine(px, lastY, px, py);
                }
                lastX = px;
                lastY = py;
            }
        }
        gc.setLineWidth(1);
        black();
    }

    /** A row of "■ CPU n" entries (the first eight, then "…") under the title; returns the y below it. */
    private int cpuLegend(Rectangle r, int top) {
        int x = r.x + GAP;
        int shown = 0;
        for (CpuReport cpu : results.cpus()) {
            String text = NLS.bind(Messages.ResultsView_cpu, cpu.cpu());
            int w = 18 + gc.textExtent(text).x + 12;
            if (shown == PALETTE.length) {
                black();
                gc.drawText("\u2026", x, top, true);
                break;
            }
            if (x + w > r.x + r.width - GAP) {
                x = r.x + GAP;
                top += lineHeight + 2;
            }
            gc.setBackground(color(PALETTE[cpu.cpu() % PALETTE.length]));
            gc.fillRectangle(x, top + 3, 14, lineHeight - 6);
            black();
            gc.drawText(text, x + 18, top, true);
            x += w;
            shown++;
        }
        return top + lineHeight + 8;
    }

    /** Draws the title; returns the y below it. */
    private int title(Rectangle r, String title, String subtitle) {
        black();
        gc.drawText(title, r.x + GAP, r.y + 6, true);
        int y = r.y + 6 + lineHeight + 4;
        if (subtitle != null) {
            gc.drawText(subtitle, r.x + GAP, y, true);
            y += lineHeight + 2;
        }
        return y;
    }

    /** The area inside the axes: the y axis title above it, y tick labels left of it, x labels and title below it. */
    private Rectangle plotArea(Rectangle r, int top, Axis y, String yTitle) {
        black();
        gc.drawText(yTitle, r.x + GAP, top, true);
        int labelWidth = y.ticks().stream().mapToInt(t -> gc.textExtent(y.label(t)).x).max().orElse(0);
        int left = r.x + GAP + labelWidth + 6;
        int plotTop = top + lineHeight + lineHeight / 2 + 2;
        int bottom = r.y + r.height - 2 * lineHeight - 14;
        return new Rectangle(left, plotTop, Math.max(20, r.x + r.width - GAP - 8 - left), Math.max(20, bottom - plotTop));
    }

    /**
     * Draws the x axis, its ticks, the labels of the ticks in [{@code lo}, {@code hi}] (thinned so
     * that they never collide) and its title.
     */
    private void xAxis(Rectangle plot, Axis x, String title, double lo, double hi) {
        black();
        int bottom = plot.y + plot.height;
        gc.drawLine(plot.x, bottom, plot.x + plot.width, bottom);
        List<Double> ticks = x.ticks().stream().filter(t -> t >= lo && t <= hi).toList();
        int widest = ticks.stream().mapToInt(t -> gc.textExtent(x.label(t)).x).max().orElse(0);
        int every = Axis.labelEvery(plot.width * x.step() / (x.max() - x.min()), widest, 10);
        for (int i = 0; i < ticks.size(); i++) {
            double t = ticks.get(i);
            int px = xOf(plot, x, t);
            gc.drawLine(px, bottom, px, bottom + 4);
            if (i % every == 0) {
                String label = x.label(t);
                gc.drawText(label, px - gc.textExtent(label).x / 2, bottom + 5, true);
            }
        }
        gc.drawText(title, plot.x + (plot.width - gc.textExtent(title).x) / 2, bottom + 5 + lineHeight + 2, true);
    }

    /** Draws the y axis with its ticks, their labels left of it and light grid lines. */
    private void yAxis(Rectangle plot, Axis y) {
        black();
        gc.drawLine(plot.x, plot.y, plot.x, plot.y + plot.height);
        Color grid = new Color(gc.getDevice(), 225, 225, 225);
        for (double t : y.ticks()) {
            int py = yOf(plot, y, t);
            if (t > y.min()) {
                gc.setForeground(grid);
                gc.drawLine(plot.x + 1, py, plot.x + plot.width, py);
            }
            black();
            gc.drawLine(plot.x - 4, py, plot.x, py);
            String label = y.label(t);
            gc.drawText(label, plot.x - 6 - gc.textExtent(label).x, py - lineHeight / 2, true);
        }
    }

    private static int ticksFor(int pixels, int perTick) {
        return Math.max(2, Math.min(10, pixels / Math.max(1, perTick)));
    }

    private static int xOf(Rectangle plot, Axis x, double value) {
        return plot.x + (int) Math.round(plot.width * x.fraction(value));
    }

    private static int yOf(Rectangle plot, Axis y, double value) {
        return plot.y + plot.height - (int) Math.round(plot.height * y.fraction(value));
    }

    /** "comm [pid] w=N" for a WRR task, "comm [pid] POLICY" for the others. */
    static String taskLabel(Row row) {
        return row.comm() + " [" + row.pid() + "] " + (row.policy() == Policy.SCHED_WRR ? "w=" + row.weight()
                : String.valueOf(row.policy()));
    }

    /** "9.5 %" or, with an expected share, "9.5 % (due 9.5 %)". */
    static String valueLabel(double measured, double expected) {
        String m = String.format(Locale.ROOT, "%.1f %%", 100 * measured);
        return Double.isNaN(expected) ? m : NLS.bind(Messages.ResultsView_shareDue, m,
                String.format(Locale.ROOT, "%.1f %%", 100 * expected));
    }

    private void black() {
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
    }

    private Color color(int[] rgb) {
        return new Color(gc.getDevice(), rgb[0], rgb[1], rgb[2]);
    }
}
