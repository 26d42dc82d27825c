package kernellab.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import kernellab.ui.memory.ProcessMapsView;
import kernellab.ui.memory.ProcessSelectionDialog;
import kernellab.ui.robot.Widgets;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;

/**
 * Drives Process Maps' Choose Process dialog as a user would: the view's action opens it (modal,
 * in its own event loop), and the steps run inside that loop: type a pattern, wait for the
 * filtered list, pick a process and press OK.
 */
final class ProcessChooser {

    /** What is done while the dialog is open. */
    interface Steps {
        void run(ProcessChooser dialog) throws Exception;
    }

    private final Shell shell;
    private final ProcessSelectionDialog dialog;

    private ProcessChooser(Shell shell) {
        this.shell = shell;
        this.dialog = (ProcessSelectionDialog) shell.getData();
    }

    /**
     * Runs the view's Choose Process action and {@code steps} in the dialog it opens; returns when
     * the dialog is closed. If a step fails the dialog is cancelled and the failure rethrown.
     */
    static void drive(ProcessMapsView view, Steps steps) throws Exception {
        Display display = Display.getCurrent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.asyncExec(() -> {
            ProcessChooser chooser = null;
            try {
                Workbench.waitFor(() -> dialogShell(display) != null, 10_000, "the Choose Process dialog");
                chooser = new ProcessChooser(dialogShell(display));
                steps.run(chooser);
            } catch (Throwable e) {
                failure.set(e);
                if (chooser != null && !chooser.shell.isDisposed()) {
                    chooser.dialog.close();
                }
            }
        });
        Workbench.runMenuAction(view, ProcessMapsView.CHOOSE_PROCESS);
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }

    private static Shell dialogShell(Display display) {
        for (Shell s : display.getShells()) {
            if (s.isVisible() && s.getData() instanceof ProcessSelectionDialog) {
                return s;
            }
        }
        return null;
    }

    /** Types a pattern into the dialog's filter field. */
    void type(String pattern) {
        ((Text) dialog.getPatternControl()).setText(pattern);
    }

    /** Waits until the list has {@code count} processes. */
    void awaitCount(int count, long timeoutMs) throws InterruptedException {
        Workbench.waitFor(() -> list().getItemCount() == count, timeoutMs,
                () -> count + " processes in the dialog's list; it has " + list().getItemCount());
    }

    /** @return the labels of the list's rows */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < list().getItemCount(); i++) {
            labels.add(list().getItem(i).getText());
        }
        return labels;
    }

    /** Selects the row with a label, as a click does, and presses OK. */
    void pick(String label) {
        int index = labels().indexOf(label);
        if (index < 0) {
            throw new AssertionError("no " + label + " in " + labels());
        }
        list().setSelection(index);
        list().notifyListeners(SWT.Selection, new Event());
        Button ok = Widgets.find(shell, Button.class, b -> IDialogConstants.OK_LABEL.equals(b.getText()));
        if (!ok.isEnabled()) {
            throw new AssertionError("OK is disabled after selecting " + label);
        }
        ok.notifyListeners(SWT.Selection, new Event());
    }

    private Table list() {
        return Widgets.find(shell, Table.class);
    }
}
