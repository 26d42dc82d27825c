package kernellab.launch;

import java.util.Arrays;
import java.util.Optional;

import kernellab.launch.internal.Messages;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jdt.core.Flags;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.osgi.util.NLS;

/** Checks of the workload project and classes of a launch configuration, with the dialog's messages. */
public final class WorkloadClasses {

    private WorkloadClasses() {
    }

    /** @return the problem with the project named {@code name}, or empty if it is an open Java project */
    public static Optional<String> checkProject(String name) {
        if (name.isBlank()) {
            return Optional.of(Messages.Project_none);
        }
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            return Optional.of(NLS.bind(Messages.Project_missing, name));
        }
        if (!project.isOpen()) {
            return Optional.of(NLS.bind(Messages.Project_closed, name));
        }
        if (!JavaCore.create(project).exists()) {
            return Optional.of(NLS.bind(Messages.Project_notJava, name));
        }
        return Optional.empty();
    }

    /** @return the Java project of that name; {@link #checkProject} must have accepted it */
    public static IJavaProject javaProject(String name) {
        return JavaCore.create(ResourcesPlugin.getWorkspace().getRoot().getProject(name));
    }

    /** @return the problem with {@code className} as a workload of {@code project}, or empty */
    public static Optional<String> checkClass(IJavaProject project, String className) {
        try {
            IType type = project.findType(className);
            if (type == null) {
                return Optional.of(NLS.bind(Messages.Class_missing, className, project.getElementName()));
            }
            if (!isWorkload(type)) {
                return Optional.of(NLS.bind(Messages.Class_notWorkload, className,
                        String.join(Messages.Class_or, KernelLabLaunching.WORKLOAD_TYPES)));
            }
            if (type.isInterface() || Flags.isAbstract(type.getFlags())) {
                return Optional.of(NLS.bind(Messages.Class_abstract, className));
            }
            return Optional.empty();
        } catch (CoreException e) {
            return Optional.of(NLS.bind(Messages.Class_unreadable, className, e.getMessage()));
        }
    }

    /** @return whether {@code type} implements one of the workload types */
    public static boolean isWorkload(IType type) throws CoreException {
        return Arrays.stream(type.newSupertypeHierarchy(null).getAllSupertypes(type))
                .anyMatch(s -> KernelLabLaunching.WORKLOAD_TYPES.contains(s.getFullyQualifiedName()));
    }
}
