package kernellab.runner.internal.cli;

import kernellab.runner.Main;
import kernellab.runner.protocol.KernelLabProtocol;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"kernellab " + Main.VERSION + " (simulator protocol " + KernelLabProtocol.VERSION + ", Java "
                + Runtime.version() + ")"};
    }
}
