package kernellab.ui.launch;

import java.util.Optional;

import kernellab.launch.KernelLabLaunching;
import kernellab.launch.SimulationSettings;
import kernellab.ui.internal.Messages;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/** Recording of the kernel's trace and its export as ftrace text or Chrome trace JSON (Perfetto). */
public final class TraceTab extends SimulationTab {

    @Override
    void createFields(Composite top) {
        Group trace = group(top, Messages.TraceTab_group);
        check(trace, Messages.TraceTab_record, Messages.TraceTab_recordTip, KernelLabLaunching.ATTR_TRACE_RECORD, true);
        Text file = textBesideButton(trace, Messages.TraceTab_file, Messages.TraceTab_fileTip,
                KernelLabLaunching.ATTR_TRACE_FILE, "");
        Button browse = createPushButton(trace, Messages.TraceTab_browse, null);
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.SAVE);
            dialog.setFileName(file.getText());
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen != null) {
                file.setText(chosen);
            }
        });
        combo(trace, Messages.TraceTab_format, Messages.TraceTab_formatTip, KernelLabLaunching.ATTR_TRACE_FORMAT,
                SimulationSettings.TRACE_FORMATS, SimulationSettings.TRACE_FTRACE);
        Label hint = new Label(trace, SWT.WRAP);
        hint.setText(Messages.TraceTab_hint);
        GridDataFactory.fillDefaults().span(3, 1).hint(400, SWT.DEFAULT).applyTo(hint);
    }

    @Override
    Optional<String> check(SimulationSettings settings) {
        return settings.checkTrace();
    }

    @Override
    public String getName() {
        return Messages.TraceTab_name;
    }

    @Override
    public String getId() {
        return "kernellab.ui.launch.traceTab";
    }
}
