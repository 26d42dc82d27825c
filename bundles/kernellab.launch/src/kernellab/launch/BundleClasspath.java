package kernellab.launch;

import java.io.File;
import java.util.Optional;

import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.Platform;
import org.osgi.framework.Bundle;

/** Where an installed bundle's classes are, as a class path entry. */
public final class BundleClasspath {

    private BundleClasspath() {
    }

    /**
     * @param bundleId a bundle's symbolic name
     * @return its jar, or its class folder when it runs from a development workbench; empty if it
     *         is not installed
     */
    public static Optional<File> of(String bundleId) {
        Bundle bundle = Platform.getBundle(bundleId);
        if (bundle == null) {
            return Optional.empty();
        }
        return FileLocator.getBundleFileLocation(bundle).map(location -> {
            File classes = new File(location, "target/classes");
            return location.isDirectory() && classes.isDirectory() ? classes : location;
        });
    }
}
