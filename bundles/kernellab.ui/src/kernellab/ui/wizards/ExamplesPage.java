package kernellab.ui.wizards;

import java.util.Arrays;
import java.util.List;

import kernellab.examples.Example;
import kernellab.examples.Examples;
import kernellab.examples.Topic;
import kernellab.ui.internal.Messages;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ContainerCheckedTreeViewer;

/**
 * Second page of the New Workload Project wizard: which example workloads to copy into the
 * project, grouped by the course's topics. Checking a topic checks its examples; a topic with
 * only some of its examples checked is grayed. Under the tree, the selected example's
 * description: what it shows, its class and its arguments. Nothing is checked at first.
 */
final class ExamplesPage extends WizardPage {

    /** Widget data key whose value {@code "description"} tags the description area (for tests and robots). */
    static final String PART_KEY = "kernellab.examplesPage";

    private ContainerCheckedTreeViewer viewer;
    private Text description;

    ExamplesPage() {
        super("examples");
        setTitle(Messages.ExamplesPage_title);
        setDescription(Messages.ExamplesPage_description);
    }

    @Override
    public void createControl(Composite parent) {
        initializeDialogUnits(parent);
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(top);
        viewer = new ContainerCheckedTreeViewer(top, SWT.BORDER | SWT.SINGLE);
        viewer.setContentProvider(new TopicsContentProvider());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return switch (element) {
                    case Topic topic -> topic.title();
                    case Example example -> example.title() + " (" + example.type().getSimpleName() + ")";
                    default -> super.getText(element);
                };
            }
        });
        viewer.setInput(Examples.topics());
        viewer.expandAll();
        GridDataFactory.fillDefaults().grab(true, true).hint(convertWidthInCharsToPixels(70),
                convertHeightInCharsToPixels(20)).applyTo(viewer.getTree());
        Composite buttons = new Composite(top, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, Messages.ExamplesPage_selectAll, true);
        button(buttons, Messages.ExamplesPage_selectNone, false);

        Label label = new Label(top, SWT.NONE);
        label.setText(Messages.ExamplesPage_descriptionLabel);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(label);
        description = new Text(top, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.READ_ONLY | SWT.V_SCROLL);
        description.setText(Messages.ExamplesPage_noSelection);
        description.setData(PART_KEY, "description");
        GridDataFactory.fillDefaults().span(2, 1).hint(convertWidthInCharsToPixels(70), convertHeightInCharsToPixels(5))
                .applyTo(description);
        viewer.addSelectionChangedListener(
                e -> description.setText(describe(viewer.getStructuredSelection().getFirstElement())));
        setControl(top);
    }

    private void button(Composite parent, String label, boolean checked) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        GridDataFactory.fillDefaults().applyTo(button);
        button.addListener(SWT.Selection, e -> Examples.topics().forEach(topic -> viewer.setChecked(topic, checked)));
    }

    /** @return what the description area says about a topic, an example, or nothing selected ({@code null}) */
    private static String describe(Object element) {
        return switch (element) {
            case Topic topic -> topic.summary();
            case Example example -> String.join(Text.DELIMITER, example.summary(),
                    NLS.bind(Messages.ExamplesPage_class, example.type().getName(),
                            example.isKernelModule() ? Messages.ExamplesPage_kernelModule : Messages.ExamplesPage_workload),
                    example.arguments().isEmpty() ? Messages.ExamplesPage_noArguments
                            : NLS.bind(Messages.ExamplesPage_arguments, example.arguments()));
            case null, default -> Messages.ExamplesPage_noSelection;
        };
    }

    /** @return the checked examples, topic after topic (checked or grayed topics themselves left out) */
    List<Example> checked() {
        return Arrays.stream(viewer.getCheckedElements()).filter(Example.class::isInstance).map(Example.class::cast)
                .toList();
    }

    /** The topics of {@link Examples#topics()} with their examples as children. */
    private static final class TopicsContentProvider implements ITreeContentProvider {

        @Override
        public Object[] getElements(Object input) {
            return ((List<?>) input).toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof Topic topic ? topic.examples().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return Examples.topics().stream().filter(t -> t.examples().contains(element)).findFirst().orElse(null);
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Topic topic && !topic.examples().isEmpty();
        }
    }
}
