package kernellab.ui.wizards;

import java.util.Arrays;
import java.util.List;

import kernellab.ui.internal.Messages;
import kernellab.examples.Example;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/** Second page of the New Workload Project wizard: which example workloads to copy into the project. */
final class ExamplesPage extends WizardPage {

    private CheckboxTableViewer viewer;

    ExamplesPage() {
        super("examples");
        setTitle(Messages.ExamplesPage_title);
        setDescription(Messages.ExamplesPage_description);
    }

    @Override
    public void createControl(Composite parent) {
        Composite top = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(top);
        List<Example> examples = WorkloadProjectSupport.examples();
        viewer = CheckboxTableViewer.newCheckList(top, SWT.BORDER);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                Example example = (Example) element;
                return example.title() + " (" + example.type().getSimpleName() + ")";
            }
        });
        viewer.setInput(examples);
        GridDataFactory.fillDefaults().grab(true, true).hint(300, 250).applyTo(viewer.getTable());
        Composite buttons = new Composite(top, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        button(buttons, Messages.ExamplesPage_selectAll, true);
        button(buttons, Messages.ExamplesPage_selectNone, false);
        setControl(top);
    }

    private void button(Composite parent, String label, boolean checked) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        GridDataFactory.fillDefaults().applyTo(button);
        button.addListener(SWT.Selection, e -> viewer.setAllChecked(checked));
    }

    /** Checks these examples. */
    void check(List<Example> examples) {
        examples.forEach(e -> viewer.setChecked(e, true));
    }

    List<Example> checked() {
        return Arrays.stream(viewer.getCheckedElements()).map(Example.class::cast).toList();
    }
}
