package kernellab.launch.classpath;

import java.util.Optional;

import kernellab.launch.BundleClasspath;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.jdt.core.ClasspathContainerInitializer;
import org.eclipse.jdt.core.IClasspathContainer;
import org.eclipse.jdt.core.IClasspathEntry;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.JavaCore;

/**
 * The "KernelLab API" library of workload projects: the installed kernellab.api jar, with its
 * source bundle attached so content assist and hovers show the Javadoc of every system call.
 * Projects reference it as the container path {@value #ID}.
 */
public final class KernelLabApiContainer extends ClasspathContainerInitializer {

    /** The container's path, as it appears in a project's .classpath. */
    public static final String ID = "kernellab.API";

    /** @return the classpath entry a workload project uses to compile against the API */
    public static IClasspathEntry entry() {
        return JavaCore.newContainerEntry(IPath.fromOSString(ID));
    }

    @Override
    public void initialize(IPath containerPath, IJavaProject project) throws CoreException {
        IClasspathEntry library = JavaCore.newLibraryEntry(location("kernellab.api").orElseThrow(
                () -> new CoreException(Status.error("The kernellab.api bundle is not installed"))),
                location("kernellab.api.source").orElse(null), null);
        IClasspathContainer container = new IClasspathContainer() {
            @Override
            public IClasspathEntry[] getClasspathEntries() {
                return new IClasspathEntry[] {library};
            }

            @Override
            public String getDescription() {
                return "KernelLab API";
            }

            @Override
            public int getKind() {
                return K_APPLICATION;
            }

            @Override
            public IPath getPath() {
                return containerPath;
            }
        };
        JavaCore.setClasspathContainer(containerPath, new IJavaProject[] {project},
                new IClasspathContainer[] {container}, null);
    }

    private static Optional<IPath> location(String bundleId) {
        return BundleClasspath.of(bundleId).map(file -> IPath.fromOSString(file.getPath()));
    }
}
