package kernellab.ui.tests;

import java.util.ArrayList;
import java.util.List;

import kernellab.launch.classpath.KernelLabApiContainer;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jdt.core.IClasspathEntry;
import org.eclipse.jdt.core.IJavaProject;
import org.eclipse.jdt.core.IPackageFragment;
import org.eclipse.jdt.core.IType;
import org.eclipse.jdt.core.JavaCore;
import org.eclipse.jdt.launching.JavaRuntime;

/** Creates Java projects holding workload classes, compiled against the "KernelLab API" library as students' projects are. */
final class WorkloadProjects {

    private WorkloadProjects() {
    }

    /** Creates (or recreates) project {@code name} with the given sources of package {@code demo}, and builds it. */
    static IJavaProject create(String name, String... classSources) throws Exception {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (project.exists()) {
            project.delete(true, true, null);
        }
        project.create(null);
        project.open(null);
        IProjectDescription description = project.getDescription();
        description.setNatureIds(new String[] {JavaCore.NATURE_ID});
        project.setDescription(description, null);
        IJavaProject javaProject = JavaCore.create(project);
        IFolder src = project.getFolder("src");
        src.create(true, true, null);
        List<IClasspathEntry> classpath = new ArrayList<>();
        classpath.add(JavaCore.newSourceEntry(src.getFullPath()));
        classpath.add(JavaRuntime.getDefaultJREContainerEntry());
        classpath.add(KernelLabApiContainer.entry());
        javaProject.setRawClasspath(classpath.toArray(IClasspathEntry[]::new), project.getFolder("bin").getFullPath(), null);
        IPackageFragment demo = javaProject.getPackageFragmentRoot(src).createPackageFragment("demo", true, null);
        for (String source : classSources) {
            String simpleName = source.replaceAll("(?s).*?(class|interface) (\\w+).*", "$2");
            demo.createCompilationUnit(simpleName + ".java", "package demo;\n\n" + source, true, null);
        }
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        return javaProject;
    }

    /** A workload class whose {@code run} returns at once. */
    static String hog(String simpleName) {
        return "public class " + simpleName + " implements kernellab.api.Workload {\n"
                + "    @Override\n    public void run(kernellab.api.Syscalls sys) {\n    }\n}\n";
    }

    /** The first line of {@code pickNext} in the file of {@link #roundRobin} (package demo). */
    static final int ROUND_ROBIN_PICK_LINE = 33;

    /**
     * The smallest scheduling class that works, named "rr": a FIFO per CPU; the running task gets
     * a fresh slice when its slice is used up and goes to the tail if others wait.
     */
    static String roundRobin(String simpleName) {
        return "import java.util.ArrayDeque;\n"
                + "import kernellab.api.sched.QueueReason;\n"
                + "import kernellab.api.sched.SchedClassOps;\n"
                + "import kernellab.api.sched.SchedKernel;\n"
                + "import kernellab.api.sched.SchedTask;\n"
                + "\n"
                + "public class " + simpleName + " implements SchedClassOps {\n"
                + "    private SchedKernel kernel;\n"
                + "    private ArrayDeque<SchedTask>[] queues;\n"
                + "\n"
                + "    @Override public String name() { return \"rr\"; }\n"
                + "\n"
                + "    @Override @SuppressWarnings(\"unchecked\")\n"
                + "    public void init(SchedKernel k) {\n"
                + "        kernel = k;\n"
                + "        queues = new ArrayDeque[k.nrCpus()];\n"
                + "        for (int cpu = 0; cpu < queues.length; cpu++) {\n"
                + "            queues[cpu] = new ArrayDeque<>();\n"
                + "        }\n"
                + "    }\n"
                + "\n"
                + "    @Override public void enqueue(int cpu, SchedTask p, QueueReason reason) {\n"
                + "        queues[cpu].addLast(p);\n"
                + "    }\n"
                + "\n"
                + "    @Override public void dequeue(int cpu, SchedTask p, QueueReason reason) {\n"
                + "        queues[cpu].remove(p);\n"
                + "    }\n"
                + "\n"
                + "    @Override public SchedTask pickNext(int cpu) {\n"
                + "        SchedTask next = queues[cpu].peekFirst();\n"
                + "        return next;\n"
                + "    }\n"
                + "\n"
                + "    @Override public void tick(int cpu, SchedTask p) {\n"
                + "        if (p.sliceLeft() > 0) {\n"
                + "            return;\n"
                + "        }\n"
                + "        kernel.setSlice(p, 10_000_000L);\n"
                + "        if (queues[cpu].size() > 1) {\n"
                + "            queues[cpu].remove(p);\n"
                + "            queues[cpu].addLast(p);\n"
                + "            kernel.resched(cpu);\n"
                + "        }\n"
                + "    }\n"
                + "}\n";
    }

    static IType type(IJavaProject project, String simpleName) throws CoreException {
        return project.findType("demo." + simpleName);
    }
}
