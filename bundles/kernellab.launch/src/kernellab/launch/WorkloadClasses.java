package kernellab.launch;

import java.util.Arrays;
import java.util.Optional;

import kernellab.launch.internal.Messages;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jdt.core.Flags;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IMethod;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.osgi.util.NLS;

/**
 * Checks of the workload project, the workload classes and the scheduling class of a launch
 * configuration, with the dialog's messages.
 */
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

    /**
     * Checks {@code className} as the class serving policy 7: the runner loads it by its binary
     * name and creates it with {@code getConstructor().newInstance()}, so it must be a public,
     * concrete, top-level or static nested class of the project implementing
     * {@link KernelLabLaunching#SCHED_CLASS_TYPE} with a public constructor without parameters.
     *
     * @return the problem, or empty
     */
    public static Optional<String> checkSchedClass(IJavaProject project, String className) {
        try {
            IType type = project.findType(className.strip().replace('$', '.'));
            if (type == null) {
                return Optional.of(NLS.bind(Messages.SchedClass_missing, className, project.getElementName()));
            }
            if (!isSchedClass(type)) {
                return Optional.of(NLS.bind(Messages.SchedClass_notSchedClass, className, KernelLabLaunching.SCHED_CLASS_TYPE));
            }
            if (type.isInterface() || Flags.isAbstract(type.getFlags())) {
                return Optional.of(NLS.bind(Messages.SchedClass_abstract, className));
            }
            if (!Flags.isPublic(type.getFlags())) {
                return Optional.of(NLS.bind(Messages.SchedClass_notPublic, className));
            }
            if (type.getDeclaringType() != null && !Flags.isStatic(type.getFlags())) {
                return Optional.of(NLS.bind(Messages.SchedClass_nested, className));
            }
            if (!hasPublicNoArgConstructor(type)) {
                return Optional.of(NLS.bind(Messages.SchedClass_noConstructor, className));
            }
            return Optional.empty();
        } catch (CoreException e) {
            return Optional.of(NLS.bind(Messages.Class_unreadable, className, e.getMessage()));
        }
    }

    /** @return whether {@code type} implements the scheduling-class operations */
    public static boolean isSchedClass(IType type) throws CoreException {
        return Arrays.stream(type.newSupertypeHierarchy(null).getAllSupertypes(type))
                .anyMatch(s -> KernelLabLaunching.SCHED_CLASS_TYPE.equals(s.getFullyQualifiedName()));
    }

    /** A class that declares no constructor has the default one, public when the class is. */
    private static boolean hasPublicNoArgConstructor(IType type) throws CoreException {
        boolean declaresOne = false;
        for (IMethod method : type.getMethods()) {
            if (method.isConstructor()) {
                declaresOne = true;
                if (method.getNumberOfParameters() == 0 && Flags.isPublic(method.getFlags())) {
                    return true;
                }
            }
        }
        return !declaresOne;
    }
}
