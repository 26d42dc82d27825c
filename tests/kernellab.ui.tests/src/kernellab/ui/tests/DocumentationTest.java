package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.cheatsheets.OpenCheatSheetAction;
import org.eclipse.ui.forms.widgets.Form;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.junit.jupiter.api.Test;

/** The cheat sheet of the WRR lab opens, and the help contents list KernelLab's pages. */
class DocumentationTest {

    @Test
    void theWrrLabCheatSheetOpensWithItsSteps() throws Exception {
        new OpenCheatSheetAction("kernellab.doc.wrrLab").run();
        Workbench.spin(500);
        IViewPart view = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .findView("org.eclipse.ui.cheatsheets.views.CheatSheetView");
        assertNotNull(view, "the Cheat Sheets view is open");
        List<String> texts = new ArrayList<>();
        collect((Composite) view.getSite().getService(MPart.class).getWidget(),
                texts);
        assertTrue(texts.contains("Lab: SCHED_WRR on 4 CPUs"), texts.toString());
        Screenshots.save(view.getSite().getShell(), "cheat-sheet");
    }

    @Test
    void theHelpContentsListKernelLabsPages() {
        IToc toc = Arrays.stream(HelpSystem.getTocs()).filter(t -> "KernelLab".equals(t.getLabel())).findFirst()
                .orElseThrow(() -> new AssertionError("no KernelLab book in the help contents"));
        List<String> labels = new ArrayList<>();
        for (ITopic topic : toc.getTopics()) {
            labels.add(topic.getLabel());
            for (ITopic sub : topic.getSubtopics()) {
                labels.add(sub.getLabel());
                assertNotNull(Platform.getBundle("kernellab.doc").getEntry(sub.getHref().replaceFirst("^/kernellab.doc/", "")),
                        sub.getHref());
            }
        }
        assertTrue(labels.containsAll(List.of("Getting started", "Lab: SCHED_WRR on a multicore kernel",
                "Memory management walkthrough", "The workload API", "Views", "Event breakpoints", "The command line")),
                labels.toString());
    }

    private static void collect(Composite parent, List<String> texts) {
        for (Control c : parent.getChildren()) {
            if (c instanceof ScrolledForm f) {
                texts.add(f.getText());
            } else if (c instanceof Form f) {
                texts.add(f.getText());
            }
            if (c instanceof Composite composite) {
                collect(composite, texts);
            }
        }
    }
}
