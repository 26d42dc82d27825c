package kernellab.ui.wizards;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import kernellab.examples.Example;
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

    /**
     * Copies the sources of the examples' packages into the project's {@code src} folder, keeping
     * their packages (an example may use helpers of its package).
     */
    public static List<IFile> addExamples(IProject project, List<Example> examples, IProgressMonitor monitor)
            throws CoreException {
        Bundle bundle = Platform.getBundle(EXAMPLES_BUNDLE);
        Set<String> packages = new TreeSet<>();
        examples.forEach(e -> packages.add(e.type().getPackageName().replace('.', '/')));
        List<URL> sources = new ArrayList<>();
        for (String folder : packages) {
            Enumeration<URL> entries = bundle == null ? null : bundle.findEntries("src/" + folder, "*.java", false);
            if (entries == null) {
                throw new CoreException(Status.error("The examples' sources are not installed: src/" + folder));
            }
            sources.addAll(Collections.list(entries));
        }
        SubMonitor progress = SubMonitor.convert(monitor, sources.size());
        List<IFile> files = new ArrayList<>();
        for (URL source : sources) {
            IFile file = project.getFolder("src").getFile(source.getPath().replaceFirst("^/?src/", ""));
            createFolders(file.getParent());
            try (InputStream in = source.openStream()) {
                if (file.exists()) {
                    file.setContents(in, IResource.FORCE, progress.split(1));
                } else {
                    file.create(in, true, progress.split(1));
                }
            } catch (IOException e) {
                throw new CoreException(Status.error("Cannot read example " + source, e));
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
