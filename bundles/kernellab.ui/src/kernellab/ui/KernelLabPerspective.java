package kernellab.ui;

import kernellab.ui.wizards.NewWorkloadProjectWizard;
import kernellab.ui.wizards.NewWorkloadWizard;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;

/**
 * The KernelLab perspective, laid out for a laptop screen (1366×768) as well as a lab PC: the
 * Console with task output and the kernel log across the whole width at the bottom, so its
 * lines are not cut; above it workload sources on the left, the editor in the middle, the
 * simulated kernel as a debug target (Debug view) above its state (Variables, Breakpoints) on
 * the right; below the editor two stacks of three tabs each, so every tab's title reads in
 * full: the scheduler views (Run Queues, CPU Timeline, Results) and the memory views
 * (Slabinfo, Process Maps, Buddy).
 */
public final class KernelLabPerspective implements IPerspectiveFactory {

    /** The perspective id, as declared in plugin.xml. */
    public static final String ID = "kernellab.ui.perspective";

    /** Folder on the right holding the Debug view. */
    public static final String FOLDER_DEBUG = "kernellab.ui.folder.debug";
    /** Folder on the right, under Debug, holding Variables and Breakpoints. */
    public static final String FOLDER_STATE = "kernellab.ui.folder.state";
    /** Folder below the editor holding the scheduler views. */
    public static final String FOLDER_SCHED = "kernellab.ui.folder.sched";
    /** Folder below the editor, right of {@link #FOLDER_SCHED}, holding the memory views. */
    public static final String FOLDER_MEMORY = "kernellab.ui.folder.memory";
    /** Folder across the bottom holding the Console. */
    public static final String FOLDER_CONSOLE = "kernellab.ui.folder.console";

    /** The Run Queues view (bundle kernellab.ui.sched). */
    public static final String VIEW_RUN_QUEUES = "kernellab.ui.sched.runQueues";
    /** The CPU Timeline view (bundle kernellab.ui.sched). */
    public static final String VIEW_CPU_TIMELINE = "kernellab.ui.sched.cpuTimeline";
    /** The Results view (bundle kernellab.ui.sched). */
    public static final String VIEW_RESULTS = "kernellab.ui.sched.results";
    /** The Slabinfo view (bundle kernellab.ui.memory). */
    public static final String VIEW_SLABINFO = "kernellab.ui.memory.slabinfo";
    /** The Process Maps view (bundle kernellab.ui.memory). */
    public static final String VIEW_PROCESS_MAPS = "kernellab.ui.memory.processMaps";
    /** The Buddy view (bundle kernellab.ui.memory). */
    public static final String VIEW_BUDDY = "kernellab.ui.memory.buddy";

    private static final String CHEAT_SHEETS = "org.eclipse.ui.cheatsheets.views.CheatSheetView";
    private static final String[] SCHED_VIEWS = {VIEW_RUN_QUEUES, VIEW_CPU_TIMELINE, VIEW_RESULTS};
    private static final String[] MEMORY_VIEWS = {VIEW_SLABINFO, VIEW_PROCESS_MAPS, VIEW_BUDDY};

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();

        // first, relative to the whole page: the Console spans the window's width
        IFolderLayout console = layout.createFolder(FOLDER_CONSOLE, IPageLayout.BOTTOM, 0.76f, editorArea);
        console.addView(IConsoleConstants.ID_CONSOLE_VIEW);

        layout.addView(JavaUI.ID_PACKAGES, IPageLayout.LEFT, 0.17f, editorArea);

        IFolderLayout debug = layout.createFolder(FOLDER_DEBUG, IPageLayout.RIGHT, 0.72f, editorArea);
        debug.addView(IDebugUIConstants.ID_DEBUG_VIEW);
        // the lab's cheat sheet opens here, not as a column that squeezes every other view
        debug.addPlaceholder(CHEAT_SHEETS);

        IFolderLayout state = layout.createFolder(FOLDER_STATE, IPageLayout.BOTTOM, 0.45f, FOLDER_DEBUG);
        state.addView(IDebugUIConstants.ID_VARIABLE_VIEW);
        state.addView(IDebugUIConstants.ID_BREAKPOINT_VIEW);

        IFolderLayout sched = layout.createFolder(FOLDER_SCHED, IPageLayout.BOTTOM, 0.4f, editorArea);
        addViews(layout, sched, SCHED_VIEWS);
        IFolderLayout memory = layout.createFolder(FOLDER_MEMORY, IPageLayout.RIGHT, 0.55f, FOLDER_SCHED);
        addViews(layout, memory, MEMORY_VIEWS);

        layout.addShowViewShortcut(JavaUI.ID_PACKAGES);
        layout.addShowViewShortcut(IDebugUIConstants.ID_DEBUG_VIEW);
        layout.addShowViewShortcut(IDebugUIConstants.ID_VARIABLE_VIEW);
        layout.addShowViewShortcut(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
        layout.addNewWizardShortcut(NewWorkloadProjectWizard.ID);
        layout.addNewWizardShortcut(NewWorkloadWizard.ID);
        layout.addNewWizardShortcut("org.eclipse.jdt.ui.wizards.NewPackageCreationWizard");
        layout.addPerspectiveShortcut(JavaUI.ID_PERSPECTIVE);
        layout.addPerspectiveShortcut(IDebugUIConstants.ID_DEBUG_PERSPECTIVE);
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
    }

    private static void addViews(IPageLayout layout, IFolderLayout folder, String[] views) {
        for (String view : views) {
            folder.addView(view);
            layout.addShowViewShortcut(view);
        }
    }
}
