package kernellab.ui.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.SlabCacheDetail;
import kernellab.runner.protocol.SlabCacheInfo;
import kernellab.runner.protocol.SlabCacheParams;
import kernellab.runner.protocol.SlabInfo;
import kernellab.runner.protocol.SlabSnapshot;
import kernellab.ui.memory.internal.Messages;
import kernellab.ui.views.LazyListContentProvider;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

/**
 * The slab caches as {@code /proc/slabinfo} (version 2.1) lists them, with the five summary lines
 * of {@code slabtop} above: a lazy table, sortable by any column and filterable by name; rows that
 * changed since the last refresh are highlighted. Selecting a cache shows how many of its slabs
 * are on the full, partial and empty lists and a picture of each slab (objects in use and free,
 * the colour offset before the first object).
 */
public final class SlabinfoView extends SimulationView<SlabinfoView.State> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.memory.slabinfo";
    /** Id of the action copying /proc/slabinfo. */
    public static final String COPY_SLABINFO = ID + ".copySlabinfo";
    /** Id of the action copying the table as CSV. */
    public static final String COPY_CSV = ID + ".copyCsv";

    /** The columns of /proc/slabinfo's lines that the table shows, in its order. */
    public static final List<String> COLUMNS = List.of("name", "active_objs", "num_objs", "objsize", "objperslab",
            "pagesperslab", "active_slabs", "num_slabs");

    private static final List<Function<SlabCacheInfo, Object>> VALUES = List.of(SlabCacheInfo::name,
            SlabCacheInfo::activeObjs, SlabCacheInfo::numObjs, SlabCacheInfo::objSize, SlabCacheInfo::objPerSlab,
            SlabCacheInfo::pagesPerSlab, SlabCacheInfo::activeSlabs, SlabCacheInfo::numSlabs);

    private static final Color CHANGED = new Color(255, 240, 170);
    private static final Color USED = new Color(230, 120, 60);
    private static final Color FREE = new Color(150, 210, 140);
    private static final Color COLOUR_OFFSET = new Color(200, 200, 200);
    private static final int OBJECT_CELL = 10;
    private static final int SLAB_ROW = 16;

    /**
     * What the view shows.
     *
     * @param caches the caches
     * @param slabtop the output of {@code slabtop} taken with them
     */
    public record State(SlabSnapshot caches, String slabtop) {
    }

    private Label summary;
    private Text filter;
    private TableViewer viewer;
    private Label detailLabel;
    private Canvas slabPicture;
    private List<SlabCacheInfo> rows = List.of();
    private Map<String, SlabCacheInfo> previous = Map.of();
    private Map<String, SlabCacheInfo> current = Map.of();
    private int sortColumn = -1;
    private boolean ascending = true;
    private SlabCacheDetail detail;

    @Override
    protected String subject() {
        return Messages.SlabinfoView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        Composite top = new Composite(sash, SWT.NONE);
        GridLayout layout = new GridLayout();
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        top.setLayout(layout);
        summary = new Label(top, SWT.NONE);
        summary.setFont(JFaceResources.getTextFont());
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        filter = new Text(top, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage(Messages.SlabinfoView_filter);
        filter.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        filter.addModifyListener(e -> updateRows());

        Composite tableArea = new Composite(top, SWT.NONE);
        tableArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TableColumnLayout columnLayout = new TableColumnLayout();
        tableArea.setLayout(columnLayout);
        viewer = new TableViewer(tableArea, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.size(); i++) {
            int column = i;
            TableViewerColumn c = new TableViewerColumn(viewer, i == 0 ? SWT.LEFT : SWT.RIGHT);
            c.getColumn().setText(COLUMNS.get(i));
            columnLayout.setColumnData(c.getColumn(), new ColumnWeightData(i == 0 ? 2 : 1, i == 0 ? 140 : 90));
            c.getColumn().addListener(SWT.Selection, e -> sortBy(column));
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return String.valueOf(VALUES.get(column).apply((SlabCacheInfo) element));
                }

                @Override
                public Color getBackground(Object element) {
                    return changed((SlabCacheInfo) element) ? CHANGED : null;
                }
            });
        }
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new LazyListContentProvider(viewer, () -> rows));
        viewer.setInput(rows);
        viewer.addSelectionChangedListener(e -> fetchDetail());

        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout());
        detailLabel = new Label(bottom, SWT.NONE);
        detailLabel.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        slabPicture = new Canvas(bottom, SWT.DOUBLE_BUFFERED | SWT.V_SCROLL);
        slabPicture.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        slabPicture.addPaintListener(e -> paintSlabs(e.gc));
        slabPicture.getVerticalBar().addListener(SWT.Selection, e -> slabPicture.redraw());
        slabPicture.addListener(SWT.Resize, e -> updateScrollBar());
        sash.setWeights(3, 1);

        Action copySlabinfo = new Action(Messages.SlabinfoView_copySlabinfo) {
            @Override
            public void run() {
                session().ifPresent(s -> copyToClipboard(
                        s.server().readFile(new ProcFileParams("/proc/slabinfo")).thenApply(ProcFile::text)));
            }
        };
        copySlabinfo.setId(COPY_SLABINFO);
        addMenuAction(copySlabinfo);
        Action copyCsv = new Action(Messages.SlabinfoView_copyCsv) {
            @Override
            public void run() {
                copyToClipboard(csv());
            }
        };
        copyCsv.setId(COPY_CSV);
        addMenuAction(copyCsv);
        hookContextMenu(table);
        return sash;
    }

    @Override
    protected CompletableFuture<State> fetch(SimulationSession simulation) {
        return simulation.server().slabCaches().thenCombine(simulation.server().readFile(new ProcFileParams("slabtop")),
                (caches, slabtop) -> new State(caches, slabtop.text()));
    }

    @Override
    protected void show(State state) {
        previous = current;
        current = new HashMap<>();
        state.caches().caches().forEach(c -> current.put(c.name(), c));
        summary.setText(summaryLines(state.slabtop()));
        summary.getParent().layout();
        describe(state.caches().timeNs());
        updateRows();
        fetchDetail();
    }

    /** @return the five summary lines at the top of {@code slabtop}'s output */
    static String summaryLines(String slabtop) {
        return String.join("\n", slabtop.lines().limit(5).toList());
    }

    /** @return the table's viewer */
    public TableViewer viewer() {
        return viewer;
    }

    /** @return the rows as the table shows them: filtered and sorted */
    public List<SlabCacheInfo> rows() {
        return rows;
    }

    /** @return the summary lines shown above the table */
    public String summaryText() {
        return summary.getText();
    }

    /** @return the slabs of the selected cache as last shown, or {@code null} */
    public SlabCacheDetail detail() {
        return detail;
    }

    /** @return the rows as the table shows them, as CSV with the /proc/slabinfo column names as header */
    public String csv() {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (SlabCacheInfo c : rows) {
            List<String> cells = new ArrayList<>();
            VALUES.forEach(v -> cells.add(String.valueOf(v.apply(c))));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Sorts by a column as a click on its header does: a second click reverses the order; names
     * sort ascending first, numbers descending first (as slabtop sorts them).
     *
     * @param column index in {@link #COLUMNS}
     */
    public void sortBy(int column) {
        ascending = column == sortColumn ? !ascending : column == 0;
        sortColumn = column;
        Table table = viewer.getTable();
        table.setSortColumn(table.getColumn(column));
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        updateRows();
    }

    private boolean changed(SlabCacheInfo cache) {
        return !previous.isEmpty() && !cache.equals(previous.get(cache.name()));
    }

    @SuppressWarnings("unchecked")
    private void updateRows() {
        if (shown().isEmpty()) {
            return;
        }
        String text = filter.getText().strip().toLowerCase(Locale.ROOT);
        List<SlabCacheInfo> selected = new ArrayList<>(shown().get().caches().caches().stream()
                .filter(c -> c.name().toLowerCase(Locale.ROOT).contains(text)).toList());
        if (sortColumn >= 0) {
            Function<SlabCacheInfo, Comparable<Object>> key = c -> (Comparable<Object>) VALUES.get(sortColumn).apply(c);
            Comparator<SlabCacheInfo> order = Comparator.comparing(key);
            selected.sort(ascending ? order : order.reversed());
        }
        Object selection = viewer.getStructuredSelection().getFirstElement();
        String selectedName = selection instanceof SlabCacheInfo c ? c.name() : null;
        rows = selected;
        viewer.setItemCount(rows.size());
        viewer.refresh();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals(selectedName)) {
                viewer.getTable().setSelection(i);
            }
        }
    }

    private void fetchDetail() {
        int index = viewer.getTable().getSelectionIndex();
        if (index < 0 || index >= rows.size() || session().isEmpty()) {
            return;
        }
        String name = rows.get(index).name();
        var display = viewer.getControl().getDisplay();
        session().get().server().slabCache(new SlabCacheParams(name)).whenComplete((d, e) -> display.asyncExec(() -> {
            if (e == null && !slabPicture.isDisposed() && selectedName().filter(name::equals).isPresent()) {
                detail = d;
                SlabCacheInfo c = d.cache();
                detailLabel.setText(NLS.bind(Messages.SlabinfoView_slabs,
                        new Object[] {c.name(), c.fullSlabs(), c.partialSlabs(), c.emptySlabs()}));
                updateScrollBar();
                slabPicture.redraw();
            }
        }));
    }

    private Optional<String> selectedName() {
        IStructuredSelection s = viewer.getStructuredSelection();
        return s.getFirstElement() instanceof SlabCacheInfo c ? Optional.of(c.name()) : Optional.empty();
    }

    private void updateScrollBar() {
        int lines = detail == null ? 0 : detail.slabs().size() * 2;
        int visible = Math.max(1, slabPicture.getClientArea().height / SLAB_ROW);
        slabPicture.getVerticalBar().setValues(Math.min(slabPicture.getVerticalBar().getSelection(), lines), 0,
                Math.max(lines, 1), visible, 1, visible);
    }

    /** One slab per two lines: its list, address and numbers, then its objects from the colour offset on. */
    private void paintSlabs(GC gc) {
        if (detail == null) {
            return;
        }
        int y = -slabPicture.getVerticalBar().getSelection() * SLAB_ROW;
        int objSize = Math.max(1, detail.cache().objSize());
        for (SlabInfo slab : detail.slabs()) {
            if (y + 2 * SLAB_ROW >= 0) {
                gc.setForeground(slabPicture.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
                gc.drawText(NLS.bind(Messages.SlabinfoView_slab, new Object[] {slab.list(), Long.toHexString(slab.address()),
                        slab.inuse(), slab.objects(), slab.colourOffset()}), 4, y, true);
                int x = 4;
                int offset = (int) Math.ceil((double) slab.colourOffset() / objSize * OBJECT_CELL);
                if (offset > 0) {
                    gc.setBackground(COLOUR_OFFSET);
                    gc.fillRectangle(x, y + SLAB_ROW, offset, SLAB_ROW - 4);
                    x += offset;
                }
                for (char object : slab.allocated().toCharArray()) {
                    gc.setBackground(object == '#' ? USED : FREE);
                    gc.fillRectangle(x, y + SLAB_ROW, OBJECT_CELL - 1, SLAB_ROW - 4);
                    x += OBJECT_CELL;
                }
            }
            y += 2 * SLAB_ROW;
            if (y > slabPicture.getClientArea().height) {
                break;
            }
        }
    }

    @Override
    public void setFocus() {
        if (viewer != null && !isEmptyStateShown()) {
            viewer.getControl().setFocus();
        } else {
            super.setFocus();
        }
    }
}
