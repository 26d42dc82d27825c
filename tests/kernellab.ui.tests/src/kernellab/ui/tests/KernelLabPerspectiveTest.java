package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jdt.ui.JavaUI;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.IConsoleConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kernellab.ui.KernelLabPerspective;

/** Opens the KernelLab perspective in the running workbench as a student would (Window > Perspective > Open). */
class KernelLabPerspectiveTest {

    private static final String CHEAT_SHEETS = "org.eclipse.ui.cheatsheets.views.CheatSheetView";

    private final IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();

    @AfterEach
    void closePerspective() {
        IWorkbenchPage page = window.getActivePage();
        page.closeAllPerspectives(false, false);
    }

    @Test
    void isRegisteredUnderItsName() {
        IPerspectiveDescriptor descriptor = PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(KernelLabPerspective.ID);
        assertNotNull(descriptor, "KernelLab perspective not registered");
        assertEquals("KernelLab", descriptor.getLabel());
        assertNotNull(descriptor.getImageDescriptor(), "perspective icon");
    }

    @Test
    void opensWithTheViewsAStudentNeeds() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        spinEventLoop();

        assertEquals(KernelLabPerspective.ID, page.getPerspective().getId());
        assertTrue(page.isEditorAreaVisible(), "editor area visible");
        List<String> shown = Arrays.stream(page.getViewReferences()).map(IViewReference::getId).toList();
        for (String id : List.of(JavaUI.ID_PACKAGES, IDebugUIConstants.ID_DEBUG_VIEW,
                IDebugUIConstants.ID_VARIABLE_VIEW, IDebugUIConstants.ID_BREAKPOINT_VIEW,
                IConsoleConstants.ID_CONSOLE_VIEW, KernelLabPerspective.VIEW_RUN_QUEUES,
                KernelLabPerspective.VIEW_CPU_TIMELINE, KernelLabPerspective.VIEW_RESULTS, KernelLabPerspective.VIEW_SLABINFO,
                KernelLabPerspective.VIEW_PROCESS_MAPS, KernelLabPerspective.VIEW_BUDDY)) {
            assertTrue(shown.contains(id), id + " is not in the perspective; it has " + shown);
        }
        assertTrue(page.isPartVisible(page.findView(JavaUI.ID_PACKAGES)), "Package Explorer visible");
        assertTrue(page.isPartVisible(page.findView(IDebugUIConstants.ID_DEBUG_VIEW)), "Debug view visible");
        assertTrue(page.isPartVisible(page.findView(IConsoleConstants.ID_CONSOLE_VIEW)), "Console visible");
    }

    @Test
    void placesDebugRightOfTheEditorAndConsoleBelowIt() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        spinEventLoop();

        var packages = Workbench.boundsOf(page.findView(JavaUI.ID_PACKAGES));
        var debug = Workbench.boundsOf(page.findView(IDebugUIConstants.ID_DEBUG_VIEW));
        var console = Workbench.boundsOf(page.findView(IConsoleConstants.ID_CONSOLE_VIEW));
        assertTrue(packages.x < console.x || packages.x < debug.x, "Package Explorer is the leftmost part");
        assertTrue(debug.x > console.x, "Debug view is right of the editor and console");
        assertTrue(console.y > packages.y, "Console is below");
    }

    /**
     * At a laptop's and a lab PC's window size, every tab of the perspective shows its whole title
     * and an icon of its own, and the Console spans the window; saves the window as
     * {@code kernellab-perspective-WxH.png}.
     */
    @ParameterizedTest
    @CsvSource({"1366, 768", "1600, 1000"})
    void readsInFullAtTheDefaultSize(int width, int height) throws Exception {
        Shell shell = window.getShell();
        Rectangle bounds = shell.getBounds();
        shell.setBounds(0, 0, width, height);
        try {
            checkTabsAndConsole(shell, width, height);
        } finally {
            shell.setBounds(bounds);
        }
    }

    private void checkTabsAndConsole(Shell shell, int width, int height) throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(KernelLabPerspective.ID, window);
        // a cheat sheet opened by an earlier test (from the help, say) stays open through a reset, where it was put
        for (IViewReference open : page.getViewReferences()) {
            if (open.getId().equals(CHEAT_SHEETS)) {
                page.hideView(open);
            }
        }
        page.resetPerspective();
        // the lab's cheat sheet, open as a student following it has it: stacked, not a column of its own
        page.showView(CHEAT_SHEETS);
        shell.layout(true, true);
        Workbench.spin(1000);

        List<String> problems = new ArrayList<>();
        Set<CTabFolder> folders = new HashSet<>();
        for (IViewReference reference : page.getViewReferences()) {
            folders.add(folderOf(reference.getView(true).getSite().getService(MPart.class)));
        }
        Set<String> icons = new HashSet<>();
        for (CTabFolder folder : folders) {
            for (CTabItem item : folder.getItems()) {
                String shown = shownText(item);
                if (!item.isShowing()) {
                    problems.add("'" + item.getText() + "' is hidden in the overflow menu");
                } else if (!shown.equals(item.getText())) {
                    problems.add("'" + item.getText() + "' reads '" + shown + "'");
                }
                if (item.getImage() != null) {
                    ImageData data = item.getImage().getImageData();
                    icons.add(Arrays.hashCode(data.data) + "/" + data.width);
                }
            }
        }
        int tabs = folders.stream().mapToInt(CTabFolder::getItemCount).sum();
        var console = Workbench.boundsOf(page.findView(IConsoleConstants.ID_CONSOLE_VIEW));
        Screenshots.save(shell, "kernellab-perspective-" + width + "x" + height);
        page.hideView(page.findViewReference(CHEAT_SHEETS));
        assertEquals(List.of(), problems, "truncated tabs at " + width + "x" + height);
        assertEquals(tabs, icons.size(), "each of the " + tabs + " views has an icon of its own");
        assertTrue(console.width > shell.getClientArea().width * 9 / 10,
                "Console is " + console.width + " px wide in a " + width + " px window");
    }

    /** @return the title as the tab draws it: CTabFolder shortens it with an ellipsis when the tab has too little room */
    private static String shownText(CTabItem item) throws ReflectiveOperationException {
        Field shortened = CTabItem.class.getDeclaredField("shortenedText");
        shortened.setAccessible(true);
        Object text = shortened.get(item);
        return text == null ? item.getText() : (String) text;
    }

    private static CTabFolder folderOf(MPart part) {
        Control control = (Control) part.getWidget();
        Composite parent = control.getParent();
        while (!(parent instanceof CTabFolder)) {
            parent = parent.getParent();
        }
        return (CTabFolder) parent;
    }

    private static void spinEventLoop() {
        Display display = Display.getCurrent();
        while (display.readAndDispatch()) {
            // let the perspective's parts lay out
        }
    }
}
