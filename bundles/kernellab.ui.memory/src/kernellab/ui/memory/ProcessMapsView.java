package kernellab.ui.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import kernellab.core.proc.Pmap;
import kernellab.launch.SimulationSession;
import kernellab.launch.model.CpuThread;
import kernellab.runner.protocol.PageWalk;
import kernellab.runner.protocol.PageWalkLevel;
import kernellab.runner.protocol.PageWalkParams;
import kernellab.runner.protocol.ProcFile;
import kernellab.runner.protocol.ProcFileParams;
import kernellab.runner.protocol.ProcessMaps;
import kernellab.runner.protocol.ProcessMapsParams;
import kernellab.runner.protocol.TaskInfo;
import kernellab.runner.protocol.VmaInfo;
import kernellab.ui.memory.internal.Messages;
import kernellab.ui.views.LazyListContentProvider;
import kernellab.ui.views.SelectedTask;
import kernellab.ui.views.SimulationView;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

/**
 * One process's address space ({@code mm_struct}): the process shown follows the task selected
 * in Run Queues, the CPU Timeline or the Debug view, and Choose Process… picks another one in a
 * filtered dialog (there may be ten thousand); a lazy table lists its VMAs
 * with the columns of {@code /proc/PID/maps} and those {@code pmap -x} adds; a summary line
 * gives the sizes of {@code /proc/PID/status} and the {@code find_vma} cache hit rate; a picture
 * draws the VMAs to scale along the address space with large gaps compressed and labelled; and
 * for an address (typed in hex, or the start of the selected VMA) the MMU's page walk shows
 * every table level's index and entry, then the page frame or why the page is not present.
 */
public final class ProcessMapsView extends SimulationView<ProcessMapsView.State> {

    /** The view's id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.memory.processMaps";
    /** Id of the action copying /proc/PID/maps. */
    public static final String COPY_MAPS = ID + ".copyMaps";
    /** Id of the action copying {@code pmap -x PID}. */
    public static final String COPY_PMAP = ID + ".copyPmap";
    /** Id of the action copying the table as CSV. */
    public static final String COPY_CSV = ID + ".copyCsv";
    /** Id of the action choosing the process shown. */
    public static final String CHOOSE_PROCESS = ID + ".chooseProcess";

    /** The table's columns: those of /proc/PID/maps, then those pmap -x adds. */
    public static final List<String> COLUMNS = List.of("Address", "Perms", "Offset", "Dev", "Inode", "Pathname", "Kbytes",
            "RSS", "Dirty", "Mode", "Mapping");
    /** The header of {@link #csv()}. */
    public static final String CSV_HEADER = "start,end,perms,offset,dev,inode,pathname,kbytes,rss,dirty,mode,mapping";

    /** A gap of more than this many bytes between two VMAs is drawn with a fixed width and its size. */
    static final long LARGE_GAP = 1L << 24;
    private static final int GAP_WIDTH = 44;
    private static final int MIN_VMA_WIDTH = 3;
    private static final int LABEL_SPACING = 8;
    private static final int PICTURE_HEIGHT = 84;
    private static final int MARGIN = 6;
    private static final Color CODE = new Color(230, 150, 60);
    private static final Color DATA = new Color(90, 160, 220);
    private static final Color HEAP = new Color(210, 80, 160);
    private static final Color STACK = new Color(140, 90, 200);
    private static final Color FILE = new Color(120, 190, 120);
    private static final Color SPECIAL = new Color(170, 170, 170);
    private static final Color ANON = new Color(230, 200, 90);
    private static final Color HIGHLIGHT = new Color(0, 0, 0);

    /**
     * What the view shows.
     *
     * @param pid the process shown, or −1 if there is none
     * @param maps its address space, or {@code null}
     * @param error why its address space could not be read, or {@code null}
     */
    public record State(int pid, ProcessMaps maps, String error) {
    }

    /**
     * A piece of the address-space picture: a VMA or the gap before the next one.
     *
     * @param x0 left edge
     * @param x1 right edge (exclusive)
     * @param vma the VMA, or {@code null} for a gap
     * @param gapBytes the size of the gap
     */
    public record Segment(int x0, int x1, VmaInfo vma, long gapBytes) {
    }

    /**
     * A text under the address-space picture: a large gap's size on the first line, the lowest or
     * the highest address on the second.
     *
     * @param text the text
     * @param x its left edge
     * @param width its width
     * @param line 0 for the gaps' sizes, 1 for the addresses
     */
    public record PictureLabel(String text, int x, int width, int line) {
    }

    private Label processLabel;
    private Action chooseProcess;
    private Label summary;
    private Canvas picture;
    private TableViewer viewer;
    private Text addressField;
    private TableViewer walkViewer;
    private Label walkResult;
    private List<VmaInfo> rows = List.of();
    private List<Segment> segments = List.of();
    private VmaInfo hovered;
    /** The process chosen (tgid), or −1 to take the first one; read by {@link #fetch} on the UI thread. */
    private int chosenPid = -1;
    /** The first process, shown while none is chosen, or −1 until it is known (or after it exited). */
    private int firstPid = -1;
    private PageWalk walk;

    @Override
    protected String subject() {
        return Messages.ProcessMapsView_subject;
    }

    @Override
    protected Control createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(3, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        root.setLayout(layout);
        chooseProcess = new Action(Messages.ProcessMapsView_chooseProcess) {
            @Override
            public void run() {
                chooseProcessInDialog();
            }
        };
        chooseProcess.setId(CHOOSE_PROCESS);
        new Label(root, SWT.NONE).setText(Messages.ProcessMapsView_process);
        processLabel = new Label(root, SWT.NONE);
        processLabel.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        Button chooseButton = new Button(root, SWT.PUSH);
        chooseButton.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, true, false));
        chooseButton.setText(Messages.ProcessMapsView_chooseButton);
        chooseButton.addListener(SWT.Selection, e -> chooseProcess.run());
        summary = new Label(root, SWT.WRAP);
        summary.setFont(JFaceResources.getTextFont());
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));

        picture = new Canvas(root, SWT.DOUBLE_BUFFERED);
        GridData pictureData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        pictureData.heightHint = PICTURE_HEIGHT;
        picture.setLayoutData(pictureData);
        picture.addPaintListener(e -> paintAddressSpace(e.gc));
        picture.addListener(SWT.Resize, e -> {
            segments = List.of();
            picture.redraw();
        });
        picture.addListener(SWT.MouseMove, e -> hover(e.x));
        picture.addListener(SWT.MouseExit, e -> hover(-1));

        SashForm sash = new SashForm(root, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        viewer = new TableViewer(sash, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setFont(JFaceResources.getTextFont());
        List<Function<VmaInfo, String>> cells = cellFunctions();
        int[] widths = {230, 50, 80, 50, 70, 220, 70, 60, 60, 55, 140};
        for (int i = 0; i < COLUMNS.size(); i++) {
            Function<VmaInfo, String> cell = cells.get(i);
            boolean number = i == 4 || i >= 6 && i <= 8;
            TableViewerColumn c = new TableViewerColumn(viewer, number ? SWT.RIGHT : SWT.LEFT);
            c.getColumn().setText(COLUMNS.get(i));
            c.getColumn().setWidth(widths[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return cell.apply((VmaInfo) element);
                }
            });
        }
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new LazyListContentProvider(viewer, () -> rows));
        viewer.setInput(rows);
        table.addListener(SWT.Selection, e -> {
            int index = table.getSelectionIndex();
            if (index >= 0 && index < rows.size()) {
                walk(rows.get(index).start());
            }
        });

        Composite walkArea = new Composite(sash, SWT.NONE);
        walkArea.setLayout(new GridLayout(3, false));
        new Label(walkArea, SWT.NONE).setText(Messages.ProcessMapsView_address);
        addressField = new Text(walkArea, SWT.BORDER | SWT.SINGLE);
        addressField.setMessage(Messages.ProcessMapsView_addressHint);
        GridData fieldData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        fieldData.widthHint = 200;
        addressField.setLayoutData(fieldData);
        addressField.addListener(SWT.DefaultSelection, e -> walkTypedAddress());
        Button walkButton = new Button(walkArea, SWT.PUSH);
        walkButton.setText(Messages.ProcessMapsView_walk);
        walkButton.addListener(SWT.Selection, e -> walkTypedAddress());
        walkViewer = new TableViewer(walkArea, SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER);
        walkViewer.getTable().setHeaderVisible(true);
        walkViewer.getTable().setLinesVisible(true);
        walkViewer.getTable().setFont(JFaceResources.getTextFont());
        walkViewer.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        walkColumn(Messages.ProcessMapsView_level, 60, PageWalkLevel::level);
        walkColumn(Messages.ProcessMapsView_index, 60, l -> Integer.toString(l.index()));
        walkColumn(Messages.ProcessMapsView_entry, 180, l -> String.format("0x%016x", l.entry()));
        walkColumn(Messages.ProcessMapsView_presentColumn, 70, l -> l.present() ? "1" : "0");
        walkViewer.setContentProvider(ArrayContentProvider.getInstance());
        walkViewer.setInput(List.of());
        walkResult = new Label(walkArea, SWT.WRAP);
        walkResult.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        sash.setWeights(3, 2);

        addMenuAction(chooseProcess);
        Action copyMaps = new Action(Messages.ProcessMapsView_copyMaps) {
            @Override
            public void run() {
                copySimulatorFile("/proc/%d/maps");
            }
        };
        copyMaps.setId(COPY_MAPS);
        addMenuAction(copyMaps);
        Action copyPmap = new Action(Messages.ProcessMapsView_copyPmap) {
            @Override
            public void run() {
                copySimulatorFile("pmap -x %d");
            }
        };
        copyPmap.setId(COPY_PMAP);
        addMenuAction(copyPmap);
        Action copyCsv = new Action(Messages.ProcessMapsView_copyCsv) {
            @Override
            public void run() {
                copyToClipboard(csv());
            }
        };
        copyCsv.setId(COPY_CSV);
        addMenuAction(copyCsv);
        hookContextMenu(table);
        hookContextMenu(picture);
        return root;
    }

    private void walkColumn(String title, int width, Function<PageWalkLevel, String> text) {
        TableViewerColumn c = new TableViewerColumn(walkViewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((PageWalkLevel) element);
            }
        });
    }

    /**
     * @return the text of each column for a VMA: the fields of a /proc/PID/maps line as
     *         {@code show_map_vma} prints them, then pmap -x's Kbytes, RSS, Dirty, Mode and
     *         Mapping (procps's rules, from {@link Pmap})
     */
    private List<Function<VmaInfo, String>> cellFunctions() {
        return List.of(v -> String.format("%08x-%08x", v.start(), v.end()), VmaInfo::perms,
                v -> String.format("%08x", v.offset()), VmaInfo::dev, v -> Long.toString(v.inode()), VmaInfo::name,
                v -> Long.toString(v.sizeKb()), v -> Long.toString(v.rssKb()), v -> Long.toString(v.dirtyKb()),
                v -> Pmap.mode(v.perms()), this::mapping);
    }

    private String mapping(VmaInfo v) {
        long startStack = shown().map(State::maps).map(ProcessMaps::startStack).orElse(0L);
        return Pmap.mappingName(v.name(), v.start(), v.end() - v.start(), startStack).strip();
    }

    /**
     * @param tasks every task
     * @return the processes that have an address space: thread-group leaders other than the
     *         tasks the kernel starts by itself (init, kthreadd and the idle tasks have no parent;
     *         they and kthreadd's children, the kernel threads, run without an mm) and zombies
     *         (whose mm is gone)
     */
    public static List<TaskInfo> processes(List<TaskInfo> tasks) {
        List<Integer> kthreadd = tasks.stream().filter(t -> t.ppid() == 0 && t.comm().equals("kthreadd")).map(TaskInfo::pid)
                .toList();
        return tasks.stream().filter(t -> t.pid() == t.tgid() && t.ppid() != 0 && !kthreadd.contains(t.ppid())
                && !"Z".equals(t.state()) && !"X".equals(t.state())).toList();
    }

    /**
     * Asks for the address space of the process chosen, else of the first process. Only when the
     * first process is not known yet (or has exited) does it ask for every task: with thousands of
     * tasks that snapshot is the costly one, for the simulator as well as for the IDE.
     */
    @Override
    protected CompletableFuture<State> fetch(SimulationSession simulation) {
        if (chosenPid >= 0) {
            return maps(simulation, chosenPid);
        }
        if (firstPid >= 0) {
            return maps(simulation, firstPid)
                    .thenCompose(state -> state.maps() != null ? CompletableFuture.completedFuture(state) : firstProcess(simulation));
        }
        return firstProcess(simulation);
    }

    private CompletableFuture<State> firstProcess(SimulationSession simulation) {
        return simulation.server().tasks().thenCompose(tasks -> {
            List<TaskInfo> processes = processes(tasks.tasks());
            return processes.isEmpty() ? CompletableFuture.completedFuture(new State(-1, null, null))
                    : maps(simulation, processes.get(0).pid());
        });
    }

    private static CompletableFuture<State> maps(SimulationSession simulation, int pid) {
        return simulation.server().processMaps(new ProcessMapsParams(pid))
                .handle((maps, e) -> new State(pid, maps, e == null ? null : NLS.bind(Messages.ProcessMapsView_noMaps, pid, message(e))));
    }

    private static String message(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage();
    }

    @Override
    protected void show(State state) {
        describe(state.maps() != null ? state.maps().timeNs() : 0);
        ProcessMaps maps = state.maps();
        if (chosenPid < 0) {
            firstPid = maps != null ? state.pid() : -1;
        }
        String process = maps != null ? ProcessSelectionDialog.label(maps.comm(), maps.pid())
                : state.pid() >= 0 ? ProcessSelectionDialog.label("", state.pid()) : "";
        if (!process.equals(processLabel.getText())) {
            processLabel.setText(process);
            processLabel.getParent().layout(new Control[] {processLabel});
        }
        // a layout of the view costs more than the rest of a refresh: only when the summary's height changes
        String text = maps != null ? summaryText(maps) : Objects.requireNonNullElse(state.error(), Messages.ProcessMapsView_noProcess);
        if (!text.equals(summary.getText())) {
            int height = summary.getSize().y;
            summary.setText(text);
            if (summary.computeSize(summary.getSize().x, SWT.DEFAULT).y != height) {
                summary.getParent().layout(new Control[] {summary});
            }
        }
        List<VmaInfo> vmas = maps == null ? List.of() : maps.vmas();
        if (!vmas.equals(rows)) {
            rows = vmas;
            viewer.setItemCount(rows.size());
            viewer.refresh();
            segments = List.of();
            picture.redraw();
        }
        if (walk != null && maps != null && walk.pid() == maps.pid()) {
            walk(walk.address());
        } else {
            showWalk(null);
        }
    }

    /**
     * @return the summary line: the sizes of /proc/PID/status (VmSize, RssAnon, RssFile,
     *         RssShmem, VmPTE), map_count, the program break, the page faults and the hit rate of
     *         the {@code find_vma} cache, hits / (hits + misses)
     */
    public static String summaryText(ProcessMaps m) {
        long lookups = m.findVmaCacheHits() + m.findVmaCacheMisses();
        String rate = lookups == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * m.findVmaCacheHits() / lookups);
        return NLS.bind(Messages.ProcessMapsView_summary, new Object[] {m.comm(), Integer.toString(m.pid()),
                Long.toString(m.totalVmKb()), Long.toString(m.rssAnonKb()), Long.toString(m.rssFileKb()),
                Long.toString(m.rssShmemKb()), Long.toString(m.pgtablesKb()), Integer.toString(m.mapCount()),
                Long.toHexString(m.brk()), Long.toHexString(m.startBrk()), Long.toString(m.minorFaults()),
                Long.toString(m.majorFaults()), Long.toString(m.findVmaCacheHits()),
                Long.toString(m.findVmaCacheMisses()), rate});
    }

    /**
     * Lets the user pick the process in a {@link ProcessSelectionDialog}, which lists the
     * processes of a tasks snapshot taken when it opens, and shows the one chosen.
     */
    private void chooseProcessInDialog() {
        SimulationSession simulation = session().orElse(null);
        if (simulation == null) {
            return;
        }
        ProcessSelectionDialog dialog = new ProcessSelectionDialog(getSite().getShell(),
                simulation.server().tasks().thenApply(tasks -> processes(tasks.tasks())));
        if (dialog.open() == Window.OK && dialog.chosen() != null) {
            choose(dialog.chosen().pid());
        }
    }

    /** Shows the address space of a process (its tgid) from the next refresh on. */
    public void choose(int pid) {
        if (pid != chosenPid) {
            chosenPid = pid;
            walk = null;
            refresh();
        }
    }

    @Override
    protected void taskSelected(SelectedTask task) {
        followTask(task.pid());
    }

    /** Shows the CPU's current task's process when a CPU thread or frame is selected in the Debug view. */
    @Override
    protected void cpuSelected(Integer cpu) {
        if (cpu != null) {
            session().flatMap(SimulationSession::target).map(target -> target.thread(cpu)).map(CpuThread::runQueue)
                    .map(rq -> rq.curr()).ifPresent(curr -> followTask(curr.pid()));
        }
    }

    /**
     * Shows the process of a task (its thread group) if it has an address space; a kernel thread
     * or an idle task leaves the view as it is. The simulator names the process: the address
     * space of a thread is its thread group's.
     */
    private void followTask(int pid) {
        SimulationSession simulation = session().orElse(null);
        if (simulation == null || pid <= 0) {
            return;
        }
        var display = picture.getDisplay();
        simulation.server().processMaps(new ProcessMapsParams(pid)).thenAccept(maps -> display.asyncExec(() -> {
            if (!picture.isDisposed() && session().orElse(null) == simulation) {
                choose(maps.pid());
            }
        }));
    }

    private void walkTypedAddress() {
        String text = addressField.getText().strip().toLowerCase(Locale.ROOT);
        String digits = text.startsWith("0x") ? text.substring(2) : text;
        try {
            walk(Long.parseUnsignedLong(digits.replace("_", ""), 16));
        } catch (NumberFormatException e) {
            walk = null;
            walkViewer.setInput(List.of());
            walkResult.setText(NLS.bind(Messages.ProcessMapsView_badAddress, addressField.getText()));
            walkResult.getParent().layout();
        }
    }

    /** Asks for the page walk of an address of the process shown and shows it when it arrives. */
    public void walk(long address) {
        ProcessMaps maps = shown().map(State::maps).orElse(null);
        if (maps == null || session().isEmpty()) {
            return;
        }
        String hex = String.format("0x%x", address);
        if (!addressField.getText().strip().equalsIgnoreCase(hex)) {
            addressField.setText(hex);
        }
        var display = addressField.getDisplay();
        int pid = maps.pid();
        session().get().server().pageWalk(new PageWalkParams(pid, address)).whenComplete((w, e) -> display.asyncExec(() -> {
            if (addressField.isDisposed() || shown().map(State::maps).map(ProcessMaps::pid).orElse(-1) != pid) {
                return;
            }
            if (e != null) {
                walk = null;
                walkViewer.setInput(List.of());
                walkResult.setText(message(e));
            } else {
                showWalk(w);
            }
            walkResult.getParent().layout();
        }));
    }

    private void showWalk(PageWalk w) {
        walk = w;
        walkViewer.setInput(w == null ? List.of() : w.levels());
        walkResult.setText(w == null ? "" : walkText(w));
    }

    /** @return the lines under the walk's table: the VMA, then the frame and physical address or why not present */
    public static String walkText(PageWalk w) {
        String vma = w.vma() == null ? Messages.ProcessMapsView_noVma : w.vma();
        String result = w.present()
                ? NLS.bind(Messages.ProcessMapsView_present, String.format("0x%x", w.pfn()),
                        String.format("0x%x", w.physicalAddress()))
                : Messages.ProcessMapsView_notPresent;
        return NLS.bind(Messages.ProcessMapsView_walkResult, new Object[] {String.format("0x%x", w.address()), vma, result,
                w.explanation()});
    }

    /** @return the table's viewer */
    public TableViewer viewer() {
        return viewer;
    }

    /** @return the page walk's viewer */
    public TableViewer walkViewer() {
        return walkViewer;
    }

    /** @return the page walk shown, or {@code null} */
    public PageWalk pageWalk() {
        return walk;
    }

    /** @return the lines under the page walk's table */
    public String walkResultText() {
        return walkResult.getText();
    }

    /** @return the address field */
    public Text addressField() {
        return addressField;
    }

    /** @return the name of the process shown, {@code comm [pid]} */
    public String processText() {
        return processLabel.getText();
    }

    /** @return the summary line */
    public String summaryText() {
        return summary.getText();
    }

    /** @return the address-space picture */
    public Canvas picture() {
        return picture;
    }

    /** @return the VMA under the mouse in the picture, or {@code null} */
    public VmaInfo hoveredVma() {
        return hovered;
    }

    /** @return the pieces of the picture as last laid out, VMAs and gaps from left to right */
    public List<Segment> segments() {
        if (segments.isEmpty()) {
            segments = layout(rows, Math.max(1, picture.getClientArea().width - 2 * MARGIN), MARGIN);
        }
        return segments;
    }

    /**
     * Copies what the simulator prints for the shown process, so the clipboard holds the real
     * format rather than a rendering of the table.
     *
     * @param pathFormat a /proc path or tool command with {@code %d} for the pid
     */
    private void copySimulatorFile(String pathFormat) {
        ProcessMaps maps = shown().map(State::maps).orElse(null);
        if (maps != null) {
            session().ifPresent(s -> copyToClipboard(s.server()
                    .readFile(new ProcFileParams(String.format(pathFormat, maps.pid()))).thenApply(ProcFile::text)));
        }
    }

    /** @return the VMAs as the table shows them, as CSV with {@link #CSV_HEADER} */
    public String csv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        List<Function<VmaInfo, String>> cells = cellFunctions();
        for (VmaInfo v : rows) {
            List<String> fields = new ArrayList<>();
            fields.add(String.format("0x%x", v.start()));
            fields.add(String.format("0x%x", v.end()));
            for (int i = 1; i < cells.size(); i++) {
                fields.add(csvField(cells.get(i).apply(v)));
            }
            sb.append(String.join(",", fields)).append('\n');
        }
        return sb.toString();
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /**
     * Lays the VMAs out along a line: each VMA's width is proportional to its size (at least
     * {@value #MIN_VMA_WIDTH} pixels), small gaps too, and a gap larger than {@link #LARGE_GAP}
     * gets a fixed width so that a 47-bit address space fits.
     *
     * @param vmas the VMAs in address order
     * @param width the pixels available
     * @param x the left edge
     * @return the segments from left to right
     */
    static List<Segment> layout(List<VmaInfo> vmas, int width, int x) {
        long scaled = 0;
        int largeGaps = 0;
        for (int i = 0; i < vmas.size(); i++) {
            scaled += vmas.get(i).end() - vmas.get(i).start();
            long gap = i + 1 < vmas.size() ? vmas.get(i + 1).start() - vmas.get(i).end() : 0;
            if (gap > LARGE_GAP) {
                largeGaps++;
            } else {
                scaled += gap;
            }
        }
        double perByte = Math.max(0, width - largeGaps * GAP_WIDTH - vmas.size() * MIN_VMA_WIDTH) / (double) Math.max(1, scaled);
        List<Segment> out = new ArrayList<>();
        double left = x;
        for (int i = 0; i < vmas.size(); i++) {
            VmaInfo v = vmas.get(i);
            double right = left + MIN_VMA_WIDTH + (v.end() - v.start()) * perByte;
            out.add(new Segment((int) left, (int) right, v, 0));
            left = right;
            long gap = i + 1 < vmas.size() ? vmas.get(i + 1).start() - v.end() : 0;
            if (gap > 0) {
                right = left + (gap > LARGE_GAP ? GAP_WIDTH : gap * perByte);
                out.add(new Segment((int) left, (int) right, null, gap));
                left = right;
            }
        }
        return out;
    }

    private static Color colour(VmaInfo v) {
        String name = v.name();
        if (name.equals("[heap]")) {
            return HEAP;
        }
        if (name.equals("[stack]")) {
            return STACK;
        }
        if (name.startsWith("[")) {
            return SPECIAL;
        }
        if (v.perms().charAt(2) == 'x') {
            return CODE;
        }
        if (name.startsWith("/")) {
            return v.perms().charAt(1) == 'w' ? DATA : FILE;
        }
        return ANON;
    }

    /** @return a size as pmap and free print it, in the largest binary unit that keeps a whole number */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%d %s", (long) value, units[unit])
                : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Places the labels under the picture: on the first line each large gap's size, centred under
     * the gap, kept inside the picture and moved right to clear the size before it (a size that
     * would move by more than its own width is left out: the gap's tooltip still gives it); on the
     * second line the lowest address at the left edge and the highest at the right edge, if the
     * picture is wide enough for both.
     *
     * @param segments the picture's segments
     * @param width the width of a text
     * @param left the picture's left edge
     * @param right the picture's right edge
     * @return the labels, each line from left to right, none overlapping another of its line
     */
    static List<PictureLabel> labels(List<Segment> segments, ToIntFunction<String> width, int left, int right) {
        if (segments.isEmpty()) {
            return List.of();
        }
        List<PictureLabel> out = new ArrayList<>();
        int free = left;
        for (Segment s : segments) {
            if (s.vma() == null && s.gapBytes() > LARGE_GAP) {
                String text = size(s.gapBytes());
                int w = width.applyAsInt(text);
                int centred = Math.max(left, Math.min(right - w, (s.x0() + s.x1() - w) / 2));
                int x = Math.max(centred, free);
                if (x - centred <= w && x + w <= right) {
                    out.add(new PictureLabel(text, x, w, 0));
                    free = x + w + LABEL_SPACING;
                }
            }
        }
        String low = String.format("%x", segments.get(0).vma().start());
        int lowWidth = width.applyAsInt(low);
        out.add(new PictureLabel(low, left, lowWidth, 1));
        String high = String.format("%x", segments.get(segments.size() - 1).vma().end());
        int highWidth = width.applyAsInt(high);
        if (left + lowWidth + LABEL_SPACING <= right - highWidth) {
            out.add(new PictureLabel(high, right - highWidth, highWidth, 1));
        }
        return out;
    }

    /** @return the labels under the picture as it is painted now, from left to right */
    public List<PictureLabel> pictureLabels() {
        GC gc = new GC(picture);
        try {
            return labels(segments(), text -> gc.textExtent(text).x, MARGIN, picture.getClientArea().width - MARGIN);
        } finally {
            gc.dispose();
        }
    }

    private void paintAddressSpace(GC gc) {
        Rectangle area = picture.getClientArea();
        int line = gc.getFontMetrics().getHeight();
        int top = MARGIN;
        int bottom = area.height - 2 * line - 2;
        gc.setForeground(picture.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (Segment s : segments()) {
            if (s.vma() != null) {
                gc.setBackground(colour(s.vma()));
                gc.fillRectangle(s.x0(), top, Math.max(1, s.x1() - s.x0() - 1), bottom - top);
                if (s.vma() == hovered) {
                    gc.setForeground(HIGHLIGHT);
                    gc.setLineWidth(2);
                    gc.drawRectangle(s.x0(), top, Math.max(1, s.x1() - s.x0() - 1), bottom - top);
                    gc.setLineWidth(1);
                }
            } else if (s.gapBytes() > LARGE_GAP) {
                int mid = (top + bottom) / 2;
                gc.setForeground(picture.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
                gc.drawLine(s.x0() + 2, mid, s.x0() + 8, mid - 6);
                gc.drawLine(s.x0() + 8, mid - 6, s.x0() + 8, mid + 6);
                gc.drawLine(s.x0() + 8, mid + 6, s.x1() - 2, mid);
            }
        }
        gc.setForeground(picture.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND));
        for (PictureLabel label : labels(segments(), text -> gc.textExtent(text).x, MARGIN, area.width - MARGIN)) {
            gc.drawText(label.text(), label.x(), bottom + 1 + label.line() * line, true);
        }
    }

    /** Names the VMA under the mouse in the picture's tooltip and the status line, and outlines it. */
    private void hover(int x) {
        VmaInfo vma = null;
        Segment gap = null;
        for (Segment s : segments()) {
            if (x >= s.x0() && x < s.x1()) {
                if (s.vma() != null) {
                    vma = s.vma();
                } else {
                    gap = s;
                }
            }
        }
        String text = vma != null ? vmaText(vma) : gap != null ? NLS.bind(Messages.ProcessMapsView_gap, size(gap.gapBytes())) : null;
        if (!Objects.equals(picture.getToolTipText(), text)) {
            picture.setToolTipText(text);
            getViewSite().getActionBars().getStatusLineManager().setMessage(text);
        }
        if (vma != hovered) {
            hovered = vma;
            picture.redraw();
        }
    }

    /** @return how the picture names a VMA: its maps line's fields and its size */
    public static String vmaText(VmaInfo v) {
        return String.format("%08x-%08x %s %s (%s)", v.start(), v.end(), v.perms(),
                v.name().isEmpty() ? Messages.ProcessMapsView_anonymous : v.name(), size(v.end() - v.start()));
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
