package kernellab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.eclipse.help.internal.base.BaseHelpSystem;
import org.eclipse.help.internal.server.WebappManager;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.cheatsheets.OpenCheatSheetAction;
import org.eclipse.ui.forms.widgets.Form;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The cheat sheet of the WRR lab opens, the help contents list KernelLab's pages, the help web application serves
 * them (toc, pages, search), and Help &gt; Help Contents shows KernelLab's book in the help window.
 */
class DocumentationTest {

    private static final String WRR_LAB = "/kernellab.doc/html/wrr-lab.html";

    /** Collects the text of a page and of all its frames, as the help window nests the toc and the topic in frames. */
    private static final String TEXT_OF_ALL_FRAMES = """
            function text(w) {
              var s = w.document.body ? w.document.body.innerText : '';
              for (var i = 0; i < w.frames.length; i++) {
                try { s += '\\n' + text(w.frames[i]); } catch (e) {}
              }
              return s;
            }
            return text(window);""";

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
        // closed again, so it is not left in the column it opened in for the tests after this one
        view.getSite().getPage().hideView(view);
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

    /**
     * Starts the help web application as Help &gt; Help Contents does (Jetty through the Equinox HTTP service, the help
     * servlets and JSPs), then reads KernelLab's book over HTTP as the help window does.
     */
    @Test
    void theHelpWebApplicationServesKernelLabsBookPagesAndSearch() throws Exception {
        assertTrue(BaseHelpSystem.ensureWebappRunning(), "the help web application starts");
        String base = "http://" + WebappManager.getHost() + ":" + WebappManager.getPort() + "/help";

        Element book = books(fetch(base + "/toc")).stream().filter(t -> "KernelLab".equals(t.getAttribute("label")))
                .findFirst().orElseThrow(() -> new AssertionError("no KernelLab book in " + base + "/toc"));
        assertEquals("kernellab.doc", ((Element) book.getParentNode()).getAttribute("contributorId"));
        List<String> topics = new ArrayList<>();
        NodeList nodes = book.getElementsByTagName("topic");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element topic = (Element) nodes.item(i);
            topics.add(topic.getAttribute("label") + " -> " + topic.getAttribute("href"));
        }
        assertEquals(List.of("Getting started -> html/getting-started.html",
                "Lab: SCHED_WRR on a multicore kernel -> html/wrr-lab.html",
                "Writing a scheduling class -> html/sched-class.html",
                "Memory management walkthrough -> html/memory.html",
                "Reference -> ",
                "The workload API -> html/api.html",
                "Views -> html/views.html",
                "Event breakpoints -> html/breakpoints.html",
                "The command line -> html/cli.html"), topics);

        String page = fetch(base + "/topic" + WRR_LAB);
        assertTrue(page.contains("<h1>Lab: SCHED_WRR on a multicore kernel</h1>"), page);
        assertTrue(page.contains("Time slice = weight × base slice"), page);

        // the Lucene index: of KernelLab's pages and cheat sheets, only the WRR lab's speak of the factorizer
        Document hits = xml(fetch(base + "/search?phrase=factorizer"));
        NodeList hitNodes = hits.getElementsByTagName("hit");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < hitNodes.getLength(); i++) {
            Element hit = (Element) hitNodes.item(i);
            found.add(hit.getAttribute("label") + " -> " + hit.getAttribute("href"));
        }
        found.sort(null);
        assertEquals(List.of("Lab: SCHED_WRR on 4 CPUs -> /kernellab.doc/cheatsheets/wrr-lab.xml",
                "Lab: SCHED_WRR on a multicore kernel -> " + WRR_LAB), found);

        // the help window's frame set is a JSP (index.jsp forwards to advanced/index.jsp): Jasper compiles it with ecj
        String index = fetch(base + "/index.jsp");
        assertTrue(index.contains("<frameset id=\"indexFrameset\""), index);
    }

    /** Help &gt; Help Contents opens the help window on the help web application; KernelLab's book is in it. */
    @Test
    void helpContentsOpensTheHelpWindowWithKernelLabsBook() throws Exception {
        Display display = Display.getCurrent();
        List<Shell> before = List.of(display.getShells());
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.eclipse.ui.help.helpContents", null);
        String index = "http://" + WebappManager.getHost() + ":" + WebappManager.getPort() + "/help/index.jsp";
        Workbench.waitFor(() -> textOfAllFrames(helpBrowser(display, before, index)).contains("KernelLab"), 60_000,
                "KernelLab's book in a help window on " + index + " (SWT's Browser needs WebKitGTK: libwebkit2gtk-4.1-0)");

        // a link to one of KernelLab's pages (IWorkbenchHelpSystem.displayHelpResource) reopens the help window on it
        PlatformUI.getWorkbench().getHelpSystem().displayHelpResource(WRR_LAB);
        Workbench.waitFor(() -> {
            String text = textOfAllFrames(helpBrowser(display, before, index));
            return text.contains("Placement on fork, wake-up and policy change") && text.contains("Memory management walkthrough");
        }, 60_000, "the WRR lab walkthrough beside the book's contents in the help window");
        Browser browser = helpBrowser(display, before, index);
        Workbench.spin(1000);
        Screenshots.save(browser.getShell(), "help-contents");
        browser.getShell().close();
    }

    /**
     * The browser of a shell opened after {@code before} that shows {@code url}; the help system also opens (and
     * disposes) a hidden one to see whether an embedded browser works.
     */
    private static Browser helpBrowser(Display display, List<Shell> before, String url) {
        for (Shell shell : display.getShells()) {
            if (!before.contains(shell) && shell.isVisible()) {
                Browser browser = findBrowser(shell);
                if (browser != null && !browser.isDisposed() && browser.getUrl().startsWith(url)) {
                    return browser;
                }
            }
        }
        return null;
    }

    private static Browser findBrowser(Composite parent) {
        for (Control c : parent.getChildren()) {
            if (c instanceof Browser b) {
                return b;
            }
            if (c instanceof Composite composite) {
                Browser b = findBrowser(composite);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    private static String textOfAllFrames(Browser browser) {
        return browser != null && browser.evaluate(TEXT_OF_ALL_FRAMES) instanceof String s ? s : "";
    }

    /** GETs {@code url} off the UI thread (the help servlets may need it) and returns the body of a 200 answer. */
    private static String fetch(String url) throws Exception {
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Workbench.waitFor(response::isDone, 120_000, url);
        assertEquals(200, response.get().statusCode(), url + ": " + response.get().body());
        return response.get().body();
    }

    private static List<Element> books(String tocContributions) throws Exception {
        NodeList tocs = xml(tocContributions).getElementsByTagName("toc");
        List<Element> books = new ArrayList<>();
        for (int i = 0; i < tocs.getLength(); i++) {
            books.add((Element) tocs.item(i));
        }
        return books;
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
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
