package kernellab.ui.tests;

import java.lang.reflect.InvocationTargetException;

import org.eclipse.debug.ui.ILaunchConfigurationDialog;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jface.operation.IRunnableWithProgress;

/** The launch dialog as one tab sees it, so a tab can be tested on its own in a plain shell. */
final class FakeLaunchDialog implements ILaunchConfigurationDialog {

    private final ILaunchConfigurationTab tab;

    FakeLaunchDialog(ILaunchConfigurationTab tab) {
        this.tab = tab;
    }

    @Override
    public void run(boolean fork, boolean cancelable, IRunnableWithProgress runnable)
            throws InvocationTargetException, InterruptedException {
        runnable.run(null);
    }

    @Override
    public void updateButtons() {
    }

    @Override
    public void updateMessage() {
    }

    @Override
    public void setName(String name) {
    }

    @Override
    public String generateName(String name) {
        return name;
    }

    @Override
    public ILaunchConfigurationTab[] getTabs() {
        return new ILaunchConfigurationTab[] {tab};
    }

    @Override
    public ILaunchConfigurationTab getActiveTab() {
        return tab;
    }

    @Override
    public String getMode() {
        return "run";
    }

    @Override
    public void setActiveTab(ILaunchConfigurationTab tab) {
    }

    @Override
    public void setActiveTab(int index) {
    }
}
