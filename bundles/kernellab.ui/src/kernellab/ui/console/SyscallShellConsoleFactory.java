package kernellab.ui.console;

import java.util.Arrays;
import java.util.Optional;

import kernellab.launch.SimulationSession;
import kernellab.ui.internal.Messages;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleFactory;

/**
 * Console view &gt; Open Console &gt; KernelLab Syscall Shell: a shell on the simulation selected in
 * the Debug view, else on the latest one still running.
 */
public final class SyscallShellConsoleFactory implements IConsoleFactory {

    @Override
    public void openConsole() {
        Optional<SimulationSession> session = selectedSession().or(SyscallShellConsoleFactory::latestSession);
        if (session.isEmpty()) {
            MessageDialog.openInformation(Display.getCurrent().getActiveShell(), Messages.ShellConsole_title,
                    Messages.ShellConsole_noSimulation);
            return;
        }
        open(session.get());
    }

    /** Opens (or shows again) the shell console of a simulation. */
    public static SyscallShellConsole open(SimulationSession session) {
        var manager = ConsolePlugin.getDefault().getConsoleManager();
        for (IConsole console : manager.getConsoles()) {
            if (console instanceof SyscallShellConsole shell && shell.session() == session) {
                manager.showConsoleView(shell);
                return shell;
            }
        }
        SyscallShellConsole console = new SyscallShellConsole(session);
        manager.addConsoles(new IConsole[] {console});
        manager.showConsoleView(console);
        return console;
    }

    private static Optional<SimulationSession> selectedSession() {
        IAdaptable context = DebugUITools.getDebugContext();
        ILaunch launch = context instanceof ILaunch l ? l
                : context instanceof IDebugElement e ? e.getLaunch()
                : context instanceof IProcess p ? p.getLaunch() : null;
        return SimulationSession.of(launch).filter(s -> !s.isEnded());
    }

    private static Optional<SimulationSession> latestSession() {
        return Arrays.stream(DebugPlugin.getDefault().getLaunchManager().getLaunches()).map(SimulationSession::of)
                .flatMap(Optional::stream).filter(s -> !s.isEnded()).reduce((first, second) -> second);
    }
}
