package kernellab.runner.internal.sim;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import java.util.function.Supplier;

import kernellab.api.KernelModule;
import kernellab.api.Workload;
import kernellab.api.sched.SchedClassOps;
import kernellab.core.TaskSpec;
import kernellab.core.task.SyntheticWorkload;
import kernellab.runner.protocol.WorkloadSpec;
import kernellab.runner.internal.Messages;
import kernellab.runner.internal.load.StudentClassLoader;
import kernellab.runner.internal.load.StudentCodeRejected;

/**
 * Turns a workload's name into something the kernel can run: a built-in synthetic behaviour
 * ({@value Messages#SYNTHETIC_SYNTAX}) or a class implementing {@link Workload}, loaded from the
 * launch's class path through a {@link StudentClassLoader} (which rewrites what would escape the
 * simulation and refuses Java threads), one instance per task.
 */
public final class Workloads {

    private final StudentClassLoader loader;

    /**
     * @param classpath jars and directories with workload classes, searched after the runner's own class path
     */
    public Workloads(List<String> classpath) {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath) {
            try {
                urls.add(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(Messages.badClassPathEntry(entry), e);
            }
        }
        this.loader = new StudentClassLoader(urls, Workloads.class.getClassLoader());
    }

    /**
     * @param program a workload name
     * @return whether it names a synthetic behaviour (as opposed to a class)
     */
    public static boolean isSynthetic(String program) {
        String kind = program.split(":", -1)[0];
        return kind.equals("cpu-bound") || kind.equals("io-bound") || kind.equals("periodic");
    }

    /**
     * @param program a synthetic behaviour's spec
     * @return the behaviour
     * @throws WorkloadException if the spec is malformed
     */
    public static SyntheticWorkload synthetic(String program) throws WorkloadException {
        String[] p = program.split(":", -1);
        try {
            return switch (p[0]) {
                case "cpu-bound" -> switch (p.length) {
                    case 1 -> SyntheticWorkload.cpuBound();
                    case 2 -> SyntheticWorkload.cpuBound(Units.parseDuration(p[1]));
                    default -> throw new IllegalArgumentException(Messages.tooManyParameters());
                };
                case "io-bound" -> {
                    check(p, 3);
                    yield SyntheticWorkload.ioBound(Units.parseDuration(p[1]), Units.parseDuration(p[2]), rounds(p));
                }
                case "periodic" -> {
                    check(p, 3);
                    yield SyntheticWorkload.periodic(Units.parseDuration(p[1]), Units.parseDuration(p[2]), rounds(p));
                }
                default -> throw new IllegalArgumentException(Messages.unknownBehaviour());
            };
        } catch (IllegalArgumentException e) {
            throw new WorkloadException(Messages.badSyntheticWorkload(program, e.getMessage()));
        }
    }

    private static void check(String[] p, int min) {
        if (p.length < min || p.length > min + 1) {
            throw new IllegalArgumentException(Messages.wrongNumberOfParameters());
        }
    }

    private static long rounds(String[] p) {
        return p.length == 4 ? Long.parseLong(p[3]) : 0;
    }

    /**
     * Loads and checks a workload class without instantiating it.
     *
     * @param className binary class name
     * @return its public no-argument constructor
     * @throws WorkloadException naming the class and the reason it cannot be used
     */
    public Constructor<? extends Workload> workloadClass(String className) throws WorkloadException {
        return constructor(className, Workload.class);
    }

    /**
     * @param program a workload's program
     * @return whether it names a class implementing {@link KernelModule}, loaded with insmod
     *         rather than run as a process
     */
    public boolean isKernelModule(String program) {
        if (isSynthetic(program)) {
            return false;
        }
        try {
            return KernelModule.class.isAssignableFrom(loader.loadStudentClass(program));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Creates a kernel module from its class.
     *
     * @param className binary class name of a {@link KernelModule}
     * @return a new instance
     * @throws WorkloadException naming the class and the reason it cannot be used
     */
    public KernelModule kernelModule(String className) throws WorkloadException {
        return instantiate(constructor(className, KernelModule.class));
    }

    /**
     * Loads and checks the class that will serve policy 7 ({@code --sched-class}) and makes one
     * instance, so a class that cannot be used is refused before the machine boots.
     *
     * @param className binary name of a {@link SchedClassOps}
     * @return what makes one instance per machine: the checked one first
     * @throws WorkloadException naming the class and the reason it cannot be used
     */
    public Supplier<SchedClassOps> schedClass(String className) throws WorkloadException {
        Class<?> c;
        try {
            c = loader.loadStudentClass(className);
        } catch (ClassNotFoundException e) {
            throw new WorkloadException(Messages.schedClassNotFound(className));
        } catch (StudentCodeRejected e) {
            throw new WorkloadException(Messages.schedClass(className, Messages.rejected(e.getMessage())));
        } catch (LinkageError e) {
            throw new WorkloadException(Messages.schedClass(className, Messages.cannotBeLoaded(e)));
        }
        if (!SchedClassOps.class.isAssignableFrom(c)) {
            throw new WorkloadException(Messages.schedClass(className, Messages.doesNotImplement(SchedClassOps.class.getName())));
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new WorkloadException(Messages.schedClass(className, Messages.isAbstract()));
        }
        Constructor<? extends SchedClassOps> ctor;
        try {
            ctor = c.asSubclass(SchedClassOps.class).getConstructor();
        } catch (NoSuchMethodException e) {
            throw new WorkloadException(Messages.schedClass(className, Messages.noDefaultConstructor()));
        }
        SchedClassOps first = instantiate(ctor);
        SchedClassOps[] next = {first};
        return () -> {
            if (next[0] != null) {
                SchedClassOps ops = next[0];
                next[0] = null;
                return ops;
            }
            try {
                return instantiate(ctor);
            } catch (WorkloadException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
    }

    private <T> Constructor<? extends T> constructor(String className, Class<T> api) throws WorkloadException {
        Class<?> c;
        try {
            c = loader.loadStudentClass(className);
        } catch (ClassNotFoundException e) {
            throw new WorkloadException(Messages.workloadNotFound(className));
        } catch (StudentCodeRejected e) {
            throw new WorkloadException(Messages.workloadClass(className, Messages.rejected(e.getMessage())));
        } catch (LinkageError e) {
            throw new WorkloadException(Messages.workloadClass(className, Messages.cannotBeLoaded(e)));
        }
        if (!api.isAssignableFrom(c)) {
            throw new WorkloadException(Messages.workloadClass(className,
                    Messages.implementsNeither(Workload.class.getName(), KernelModule.class.getName())));
        }
        if (c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            throw new WorkloadException(Messages.workloadClass(className, Messages.isAbstract()));
        }
        try {
            return c.asSubclass(api).getConstructor();
        } catch (NoSuchMethodException e) {
            throw new WorkloadException(Messages.workloadClass(className, Messages.noDefaultConstructor()));
        }
    }

    /**
     * Checks that a workload can be started, without creating anything.
     *
     * @param spec the workload
     * @throws WorkloadException if it cannot
     */
    public void check(WorkloadSpec spec) throws WorkloadException {
        if (isSynthetic(spec.program())) {
            synthetic(spec.program());
        } else if (isKernelModule(spec.program())) {
            constructor(spec.program(), KernelModule.class);
        } else {
            workloadClass(spec.program());
        }
    }

    /**
     * Builds the task specs of a workload: one spec per task for classes (each gets its own
     * instance), one spec with the count for synthetic behaviours.
     *
     * @param spec the workload
     * @return the specs to launch
     * @throws WorkloadException if the workload cannot be used
     */
    public List<TaskSpec> taskSpecs(WorkloadSpec spec) throws WorkloadException {
        if (spec.count() < 1) {
            throw new WorkloadException(Messages.workloadError(spec.program(), Messages.countAtLeastOne()));
        }
        List<TaskSpec> out = new ArrayList<>();
        try {
            if (isSynthetic(spec.program())) {
                SyntheticWorkload behaviour = synthetic(spec.program());
                String comm = spec.comm() != null ? spec.comm() : spec.program().split(":", -1)[0];
                out.add(attributes(TaskSpec.of(comm, behaviour), spec).count(spec.count()).build());
            } else {
                Constructor<? extends Workload> ctor = workloadClass(spec.program());
                String comm = spec.comm() != null ? spec.comm() : ctor.getDeclaringClass().getSimpleName();
                for (int i = 0; i < spec.count(); i++) {
                    out.add(attributes(TaskSpec.of(comm, instantiate(ctor)), spec).build());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new WorkloadException(Messages.workloadError(spec.program(), e.getMessage()));
        }
        return out;
    }

    private static <T> T instantiate(Constructor<? extends T> ctor) throws WorkloadException {
        String name = ctor.getDeclaringClass().getName();
        try {
            return ctor.newInstance();
        } catch (InvocationTargetException e) {
            throw new WorkloadException(Messages.workloadClass(name, Messages.constructorThrew(e.getCause())));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new WorkloadException(Messages.workloadClass(name, Messages.cannotBeCreated(e)));
        }
    }

    private static TaskSpec.Builder attributes(TaskSpec.Builder b, WorkloadSpec spec) {
        if (spec.policy() != null) {
            b.policy(spec.policy(), spec.priority());
        }
        if (spec.weight() != null) {
            b.weight(spec.weight());
        }
        if (spec.nice() != null) {
            b.nice(spec.nice());
        }
        if (spec.affinity() != null) {
            b.affinity(Units.parseCpuList(spec.affinity()).stream().toArray());
        }
        if (spec.uid() != null) {
            b.uid(spec.uid());
        }
        if (spec.args() != null) {
            b.args(spec.args().toArray(String[]::new));
        }
        return b;
    }
}
