package kernellab.ui.wizards;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import kernellab.launch.classpath.KernelLabApiContainer;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jdt.core.IClasspathEntry;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.launching.JavaRuntime;
import org.osgi.framework.Bundle;

/**
 * Makes a Java project a KernelLab workload project (source folder {@code src}, the JRE and the
 * "KernelLab API" library) and copies example workloads into it from the kernellab.examples
 * bundle, which ships its sources.
 */
public final class WorkloadProjectSupport {

    /** The bundle whose {@code src/} holds the example workloads. */
    static final String EXAMPLES_BUNDLE = "kernellab.examples";

    private WorkloadProjectSupport() {
    }

    /**
     * An example workload: its source file in the examples bundle.
     *
     * @param path e.g. {@code kernellab/examples/sched/Factorizer.java}
     */
    public record Example(String path) {
        /** @return {@code sched/Factorizer}: the path below the examples' root package, without .java */
        public String label() {
            return path.replaceFirst("^kernellab/examples/", "").replaceFirst("\\.java$", "");
        }
    }

    /** @return the examples the installed kernellab.examples bundle offers, sorted; empty if it is not installed */
    public static List<Example> examples() {
        Bundle bundle = Platform.getBundle(EXAMPLES_BUNDLE);
        if (bundle == null) {
            return List.of();
        }
        List<Example> examples = new ArrayList<>();
        var entries = bundle.findEntries("src", "*.java", true);
        if (entries != null) {
            for (URL url : Collections.list(entries)) {
                String path = url.getPath().replaceFirst("^/?src/", "");
                if (!path.endsWith("package-info.java")) {
                    examples.add(new Example(path));
                }
            }
        }
        examples.sort((a, b) -> a.path().compareTo(b.path()));
        return examples;
    }

    /** Adds the Java nature, {@code src}, {@code bin}, the JRE and the KernelLab API to an open project. */
    public static IJavaProject configure(IProject project, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, 3);
        IProjectDescription description = project.getDescription();
        description.setNatureIds(new String[] {JavaCore.NATURE_ID});
        project.setDescription(description, progress.split(1));
        IFolder src = project.getFolder("src");
        if (!src.exists()) {
            src.create(true, true, progress.split(1));
        }
        IJavaProject javaProject = JavaCore.create(project);
        javaProject.setRawClasspath(new IClasspathEntry[] {JavaCore.newSourceEntry(src.getFullPath()),
                JavaRuntime.getDefaultJREContainerEntry(), KernelLabApiContainer.entry()},
                project.getFolder("bin").getFullPath(), progress.split(1));
        return javaProject;
    }

    /** Copies example sources into the project's {@code src} folder, keeping their packages. */
    public static List<IFile> addExamples(IProject project, List<Example> examples, IProgressMonitor monitor)
            throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, examples.size());
        Bundle bundle = Platform.getBundle(EXAMPLES_BUNDLE);
        List<IFile> files = new ArrayList<>();
        for (Example example : examples) {
            IFile file = project.getFolder("src").getFile(example.path());
            createFolders(file.getParent());
            URL source = bundle == null ? null : bundle.getEntry("src/" + example.path());
            if (source == null) {
                throw new CoreException(Status.error("No example " + example.path()));
            }
            try (InputStream in = source.openStream()) {
                if (file.exists()) {
                    file.setContents(in, IResource.FORCE, progress.split(1));
                } else {
                    file.create(in, true, progress.split(1));
                }
            } catch (IOException e) {
                throw new CoreException(Status.error("Cannot read example " + example.path(), e));
            }
            files.add(file);
        }
        return files;
    }

    private static void createFolders(IContainer container) throws CoreException {
        if (container instanceof IFolder folder && !folder.exists()) {
            createFolders(folder.getParent());
            folder.create(true, true, null);
        }
    }
}
