package kernellab.ui.launch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import kernellab.api.Policy;
import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.launch.WorkloadClasses;
import kernellab.launch.WorkloadRow;
import kernellab.launch.WorkloadRow.Field;
import kernellab.ui.KernelLabUi;
import kernellab.ui.internal.Messages;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.core.JavaModelException;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.jdt.ui.JavaElementLabelProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ComboBoxCellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;

/**
 * The workload project and the workload classes init starts, one row each with how many tasks,
 * their policy and weight (or priority, or nice), their CPU affinity and uid. Add… lists only the
 * project's concrete classes that implement a workload type.
 */
public final class WorkloadsTab extends SimulationTab {

    private static final String[] POLICIES = Arrays.stream(Policy.values()).map(Policy::name).toArray(String[]::new);

    private Text project;
    private TableViewer table;
    private final List<WorkloadRow> workloads = new ArrayList<>();

    @Override
    void createFields(Composite top) {
        Group projectGroup = group(top, Messages.WorkloadsTab_projectGroup);
        project = textBesideButton(projectGroup, Messages.WorkloadsTab_project, Messages.WorkloadsTab_projectTip,
                IJavaLaunchConfigurationConstants.ATTR_PROJECT_NAME, "");
        Button browseProject = createPushButton(projectGroup, Messages.WorkloadsTab_browseProject, null);
        browseProject.addListener(SWT.Selection, e -> chooseProject());

        Group rows = group(top, Messages.WorkloadsTab_workloadsGroup);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(rows);
        table = new TableViewer(rows, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        Table t = table.getTable();
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        t.setData(ATTRIBUTE_KEY, KernelLabLaunching.ATTR_WORKLOADS);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(500, 160).applyTo(t);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column(Field.CLASS, Messages.WorkloadsTab_class, 170, false);
        column(Field.COUNT, Messages.WorkloadsTab_count, 50, true);
        column(Field.POLICY, Messages.WorkloadsTab_policy, 110, true);
        column(Field.WEIGHT, Messages.WorkloadsTab_weight, 60, true);
        column(Field.PRIORITY, Messages.WorkloadsTab_priority, 55, true);
        column(Field.NICE, Messages.WorkloadsTab_nice, 50, true);
        column(Field.AFFINITY, Messages.WorkloadsTab_affinity, 65, true);
        column(Field.UID, Messages.WorkloadsTab_uid, 50, true);
        column(Field.ARGUMENTS, Messages.WorkloadsTab_arguments, 100, true);
        table.setInput(workloads);

        Composite buttons = new Composite(rows, SWT.NONE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        Button add = createPushButton(buttons, Messages.WorkloadsTab_add, null);
        add.addListener(SWT.Selection, e -> chooseWorkloads());
        Button remove = createPushButton(buttons, Messages.WorkloadsTab_remove, null);
        remove.addListener(SWT.Selection, e -> removeSelected());
    }

    private void column(Field field, String title, int width, boolean editable) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((WorkloadRow) element).get(field);
            }
        });
        if (editable) {
            column.setEditingSupport(new FieldEditing(field));
        }
    }

    /** Edits one field of a row in place: a combo for the policy, a text for the others. */
    private final class FieldEditing extends EditingSupport {
        private final Field field;

        FieldEditing(Field field) {
            super(table);
            this.field = field;
        }

        @Override
        protected CellEditor getCellEditor(Object element) {
            return field == Field.POLICY ? new ComboBoxCellEditor(table.getTable(), POLICIES, SWT.READ_ONLY)
                    : new TextCellEditor(table.getTable());
        }

        @Override
        protected boolean canEdit(Object element) {
            return true;
        }

        @Override
        protected Object getValue(Object element) {
            String value = ((WorkloadRow) element).get(field);
            return field == Field.POLICY ? Integer.valueOf(Math.max(0, Arrays.asList(POLICIES).indexOf(value))) : value;
        }

        @Override
        protected void setValue(Object element, Object value) {
            String text = field == Field.POLICY ? POLICIES[(Integer) value] : (String) value;
            replace((WorkloadRow) element, ((WorkloadRow) element).with(field, text));
        }
    }

    /** Replaces a row (same object) with its edited copy. */
    void replace(WorkloadRow old, WorkloadRow edited) {
        for (int i = 0; i < workloads.size(); i++) {
            if (workloads.get(i) == old) {
                workloads.set(i, edited);
            }
        }
        table.refresh();
        changed();
    }

    /** Adds rows for classes, skipping those already listed. */
    void addWorkloads(List<String> classNames) {
        Set<String> listed = new LinkedHashSet<>(workloads.stream().map(WorkloadRow::className).toList());
        for (String name : classNames) {
            if (listed.add(name)) {
                workloads.add(WorkloadRow.of(name));
            }
        }
        table.refresh();
        changed();
    }

    private void removeSelected() {
        IStructuredSelection selection = table.getStructuredSelection();
        workloads.removeIf(w -> selection.toList().contains(w));
        table.refresh();
        changed();
    }

    private void chooseProject() {
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(getShell(),
                new JavaElementLabelProvider(JavaElementLabelProvider.SHOW_DEFAULT));
        dialog.setTitle(Messages.WorkloadsTab_chooseProjectTitle);
        dialog.setMessage(Messages.WorkloadsTab_chooseProjectMessage);
        try {
            dialog.setElements(JavaCore.create(ResourcesPlugin.getWorkspace().getRoot())
                    .getJavaProjects());
        } catch (JavaModelException e) {
            KernelLabUi.log(e);
        }
        if (dialog.open() == Window.OK) {
            project.setText(((IJavaProject) dialog.getFirstResult()).getElementName());
        }
    }

    private void chooseWorkloads() {
        Optional<String> problem = WorkloadClasses.checkProject(project.getText());
        if (problem.isPresent()) {
            setErrorMessage(problem.get());
            updateLaunchConfigurationDialog();
            return;
        }
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(getShell(),
                new JavaElementLabelProvider(JavaElementLabelProvider.SHOW_POST_QUALIFIED));
        dialog.setTitle(Messages.WorkloadsTab_chooseClassTitle);
        dialog.setMessage(Messages.WorkloadsTab_chooseClassMessage);
        dialog.setMultipleSelection(true);
        dialog.setEmptyListMessage(Messages.WorkloadsTab_noWorkloadClasses);
        dialog.setElements(concreteSourceClasses(WorkloadClasses.javaProject(project.getText()),
                KernelLabLaunching.WORKLOAD_TYPES).toArray());
        if (dialog.open() == Window.OK) {
            addWorkloads(Arrays.stream(dialog.getResult()).map(t -> ((IType) t).getFullyQualifiedName()).toList());
        }
    }

    @Override
    void initializeOtherFields(ILaunchConfiguration configuration) throws CoreException {
        workloads.clear();
        workloads.addAll(SimulationSettings.read(configuration).workloads());
        table.refresh();
    }

    @Override
    void applyOtherFields(ILaunchConfigurationWorkingCopy configuration) {
        SimulationSettings.writeWorkloads(configuration, workloads);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        super.setDefaults(configuration);
        SimulationSettings.writeWorkloads(configuration, List.of());
    }

    @Override
    Optional<String> check(SimulationSettings settings) {
        Optional<String> problem = WorkloadClasses.checkProject(settings.projectName());
        if (problem.isEmpty()) {
            problem = settings.checkWorkloads();
        }
        if (problem.isEmpty()) {
            IJavaProject javaProject = WorkloadClasses.javaProject(settings.projectName());
            for (WorkloadRow workload : settings.workloads()) {
                problem = WorkloadClasses.checkClass(javaProject, workload.className());
                if (problem.isPresent()) {
                    break;
                }
            }
        }
        return problem;
    }

    @Override
    public String getName() {
        return Messages.WorkloadsTab_name;
    }

    @Override
    public String getId() {
        return "kernellab.ui.launch.workloadsTab";
    }
}
