package kernellab.ui.memory;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kernellab.runner.protocol.TaskInfo;
import kernellab.ui.memory.internal.Messages;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.FilteredItemsSelectionDialog;
import org.osgi.framework.FrameworkUtil;

/**
 * Chooses one of a simulation's processes, like Open Type chooses a type: a pattern matched
 * against the command name or the pid (prefix, {@code *} and {@code ?}, camel case), a virtual
 * list filled and filtered in a background job (which also waits for the tasks snapshot), so ten
 * thousand processes cost nothing on the UI thread, and the selected process's task fields on the
 * details line. An empty pattern lists every process.
 */
public final class ProcessSelectionDialog extends FilteredItemsSelectionDialog {

    private static final String SETTINGS_SECTION = ProcessSelectionDialog.class.getName();

    private static final long POLL_MS = 100;

    private final CompletableFuture<List<TaskInfo>> processes;

    /**
     * @param shell the parent shell
     * @param processes the processes to choose from, when the simulator has listed them
     */
    public ProcessSelectionDialog(Shell shell, CompletableFuture<List<TaskInfo>> processes) {
        super(shell, false);
        this.processes = processes;
        setTitle(Messages.ProcessSelectionDialog_title);
        setMessage(Messages.ProcessSelectionDialog_message);
        setListLabelProvider(LabelProvider.createTextProvider(o -> o instanceof TaskInfo t ? label(t) : ""));
        setDetailsLabelProvider(LabelProvider.createTextProvider(o -> o instanceof TaskInfo t ? details(t) : ""));
    }

    /** @return how the view and the dialog name a process: {@code comm [pid]} */
    public static String label(TaskInfo process) {
        return label(process.comm(), process.pid());
    }

    /** @return how the view and the dialog name a process: {@code comm [pid]}, or {@code [pid]} without a name */
    public static String label(String comm, int pid) {
        return (comm.isEmpty() ? "" : comm + " ") + "[" + pid + "]";
    }

    /** @return the details line: the parent, the state letter as ps prints it, the policy, the CPU and the page faults */
    static String details(TaskInfo process) {
        return NLS.bind(Messages.ProcessSelectionDialog_details, new Object[] {label(process), Integer.toString(process.ppid()),
                process.state(), process.policy().name(), Integer.toString(process.cpu()),
                Long.toString(process.minorFaults()), Long.toString(process.majorFaults())});
    }

    /** @return the process chosen, or {@code null} if the dialog was cancelled */
    public TaskInfo chosen() {
        Object[] result = getResult();
        return result != null && result.length == 1 && result[0] instanceof TaskInfo t ? t : null;
    }

    @Override
    protected Control createExtendedContentArea(Composite parent) {
        return null;
    }

    @Override
    protected IDialogSettings getDialogSettings() {
        IDialogSettings settings = PlatformUI.getDialogSettingsProvider(FrameworkUtil.getBundle(ProcessSelectionDialog.class))
                .getDialogSettings();
        IDialogSettings section = settings.getSection(SETTINGS_SECTION);
        return section != null ? section : settings.addNewSection(SETTINGS_SECTION);
    }

    @Override
    protected IStatus validateItem(Object item) {
        return Status.OK_STATUS;
    }

    @Override
    protected ItemsFilter createFilter() {
        return new ItemsFilter() {
            @Override
            public boolean matchItem(Object item) {
                TaskInfo t = (TaskInfo) item;
                return matches(t.comm()) || matches(Integer.toString(t.pid()));
            }

            @Override
            public boolean isConsistentItem(Object item) {
                return true;
            }

            /**
             * The dialog lists nothing for an empty pattern (it would show its history of
             * choices, which means nothing across simulations); an empty pattern matches every
             * process, so it stands for all of them.
             */
            @Override
            public String getPattern() {
                String pattern = super.getPattern();
                return pattern.isEmpty() ? "*" : pattern;
            }
        };
    }

    @Override
    protected Comparator<TaskInfo> getItemsComparator() {
        return Comparator.comparingInt(TaskInfo::pid);
    }

    /** Waits (in the dialog's filter job) for the simulator's list of processes, then filters it. */
    @Override
    protected void fillContentProvider(AbstractContentProvider contentProvider, ItemsFilter itemsFilter,
            IProgressMonitor progressMonitor) throws CoreException {
        SubMonitor monitor = SubMonitor.convert(progressMonitor, Messages.ProcessSelectionDialog_searching, 1);
        List<TaskInfo> all;
        try {
            while (!processes.isDone()) {
                if (monitor.isCanceled()) {
                    return;
                }
                try {
                    processes.get(POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // ask the monitor again
                }
            }
            all = processes.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            throw new CoreException(Status.error(NLS.bind(Messages.ProcessSelectionDialog_failed, e.getCause().getMessage()), e));
        }
        monitor.setWorkRemaining(all.size());
        for (TaskInfo process : all) {
            if (monitor.isCanceled()) {
                break;
            }
            contentProvider.add(process, itemsFilter);
            monitor.worked(1);
        }
        monitor.done();
    }

    @Override
    public String getElementName(Object item) {
        return item instanceof TaskInfo t ? label(t) : null;
    }
}
