package kernellab.ui.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

import kernellab.launch.SimulationSession;
import kernellab.runner.protocol.ShellParams;
import kernellab.runner.protocol.ShellResult;
import kernellab.ui.internal.Messages;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.IOConsole;
import org.eclipse.ui.console.IOConsoleOutputStream;

/**
 * A Console page attached to a running simulation: the student types commands of the syscall
 * shell ({@code setweight 3 5}, {@code cat /proc/sched_debug}, {@code kmalloc 64}…) and each runs on
 * the simulated machine between two slices of simulated time; results and errors (in the error
 * colour) are printed below, and the KernelLab views show the changes.
 */
public final class SyscallShellConsole extends IOConsole {

    /** The console type, for the Console view's pin/close actions. */
    public static final String TYPE = "kernellab.ui.syscallShellConsole";
    private static final String PROMPT = "kernellab> ";

    private final SimulationSession session;
    private final IOConsoleOutputStream out = newOutputStream();
    private final IOConsoleOutputStream err = newOutputStream();

    public SyscallShellConsole(SimulationSession session) {
        super(NLS.bind(Messages.ShellConsole_name, session.launch().getLaunchConfiguration() == null ? ""
                : session.launch().getLaunchConfiguration().getName()), TYPE, null, StandardCharsets.UTF_8.name(), true);
        this.session = session;
        Display.getDefault().syncExec(() -> err.setColor(Display.getDefault().getSystemColor(SWT.COLOR_RED)));
    }

    @Override
    protected void init() {
        super.init();
        Thread reader = new Thread(this::readCommands, "KernelLab syscall shell");
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the simulation the commands run on */
    public SimulationSession session() {
        return session;
    }

    private void readCommands() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8))) {
            out.write(Messages.ShellConsole_banner + "\n" + PROMPT);
            String line;
            while ((line = in.readLine()) != null) {
                if (session.isEnded()) {
                    err.write(Messages.ShellConsole_ended + "\n");
                    return;
                }
                run(line);
                out.write(PROMPT);
            }
        } catch (IOException e) {
            // the console was closed
        }
    }

    private void run(String line) throws IOException {
        try {
            ShellResult result = session.server().shell(new ShellParams(line)).get();
            out.write(result.output());
            if (result.error() != null) {
                err.write(result.error() + "\n");
            }
        } catch (ExecutionException e) {
            err.write(e.getCause().getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
