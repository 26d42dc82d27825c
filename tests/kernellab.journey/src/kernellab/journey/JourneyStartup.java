package kernellab.journey;

import java.nio.file.Path;

import org.eclipse.ui.IStartup;

/**
 * Starts the journey robot when the IDE was started with {@code -Dkernellab.journey.output=DIR}
 * (the installation test does so); in any other IDE it does nothing. The robot runs on its own
 * thread while the IDE runs its own application, {@code org.eclipse.ui.ide.workbench}, exactly as
 * a student starts it.
 */
public final class JourneyStartup implements IStartup {

    /** The system property naming the folder for the journey's report and screenshots. */
    public static final String OUTPUT_PROPERTY = "kernellab.journey.output";

    @Override
    public void earlyStartup() {
        String output = System.getProperty(OUTPUT_PROPERTY);
        if (output != null) {
            Thread robot = new Thread(new Journey(Path.of(output)), "KernelLab journey robot");
            robot.setDaemon(true);
            robot.start();
        }
    }
}
