package kernellab.install.tests;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.adaptor.EclipseStarter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts the OSGi framework of an installed IDE without its application (as the launcher would,
 * with the IDE's own configuration) and prints one line per bundle: symbolic name, version, state.
 * Run in its own JVM with the IDE's org.eclipse.osgi jar on the class path.
 */
public final class ResolveCheck {

    private ResolveCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path ide = Path.of(args[0]).toAbsolutePath();
        EclipseStarter.setInitialProperties(Map.of(
                "osgi.install.area", ide.toUri().toString(),
                "osgi.configuration.area", ide.resolve("configuration").toUri().toString(),
                "osgi.instance.area", "@none",
                "eclipse.ignoreApp", "true",
                "osgi.noShutdown", "true"));
        BundleContext context = EclipseStarter.startup(new String[0], null);
        Bundle system = context.getBundle(0);
        system.adapt(FrameworkWiring.class).resolveBundles(null);
        for (Bundle bundle : context.getBundles()) {
            System.out.println(bundle.getSymbolicName() + " " + bundle.getVersion() + " " + stateName(bundle.getState()));
        }
        EclipseStarter.shutdown();
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }
}
