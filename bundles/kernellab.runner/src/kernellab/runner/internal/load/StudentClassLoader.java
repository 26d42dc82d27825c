package kernellab.runner.internal.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.SecureClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

import kernellab.core.sim.CodeBudget;

/**
 * Loads student classes (workloads, kernel modules, and scheduling classes) from the student's
 * class path, rewriting each with {@link StudentClassRewriter} so that it cannot escape the
 * simulated machine, and refusing with {@link StudentCodeRejected} a class that would (Java
 * threads, shutdown hooks, host processes). Delegation is parent first: the JDK, the api, the
 * core and the runner come from the simulator's own loader and are never rewritten; only classes
 * found on the student's class path are.
 */
public final class StudentClassLoader extends SecureClassLoader implements AutoCloseable, CodeBudget.CheckedLoader {

    static {
        registerAsParallelCapable();
    }

    /** Finds the student's class files and resources; has no parent, so it sees nothing else. */
    private final URLClassLoader classPath;

    /**
     * @param classPath the student's jars and directories
     * @param parent the simulator's loader (api, core, runner)
     */
    public StudentClassLoader(List<URL> classPath, ClassLoader parent) {
        super("student", parent);
        this.classPath = new URLClassLoader(classPath.toArray(URL[]::new), null);
    }

    /**
     * Loads a student class by name without initializing it, for a workload, kernel module or
     * scheduling class named by the user.
     *
     * @param name binary class name
     * @return the class
     * @throws ClassNotFoundException if neither the student's nor the simulator's class path has it
     * @throws StudentCodeRejected if the class would escape the simulation
     */
    public Class<?> loadStudentClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, this);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] original = read(name.replace('.', '/'));
        if (original == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] b;
        try {
            b = rewrite(original);
        } catch (TypeNotPresentException e) {
            throw new NoClassDefFoundError(e.typeName().replace('/', '.') + " (needed to verify " + name + ")");
        }
        return defineClass(name, b, 0, b.length);
    }

    /**
     * @param original a student class file
     * @return the rewritten class file
     * @throws StudentCodeRejected if it makes refused calls
     */
    byte[] rewrite(byte[] original) {
        ClassReader reader = new ClassReader(original);
        ClassWriter writer = new HierarchyWriter();
        StudentClassRewriter rewriter = new StudentClassRewriter(writer);
        reader.accept(rewriter, ClassReader.SKIP_FRAMES);
        if (!rewriter.refusals().isEmpty()) {
            throw new StudentCodeRejected(rewriter.refusals());
        }
        return writer.toByteArray();
    }

    private byte[] read(String internalName) {
        URL url = classPath.findResource(internalName + ".class");
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected URL findResource(String name) {
        return classPath.findResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return classPath.findResources(name);
    }

    @Override
    public void close() throws IOException {
        classPath.close();
    }

    /**
     * Computes stack map frames with the class hierarchy read from the student's class files
     * (without loading them, which could recurse into the class being defined) and from the
     * simulator's loader for everything else.
     */
    private final class HierarchyWriter extends ClassWriter {
        HierarchyWriter() {
            super(COMPUTE_FRAMES);
        }

        @Override
        protected String getCommonSuperClass(String type1, String type2) {
            if (isInterface(type1) || isInterface(type2)) {
                return "java/lang/Object";
            }
            List<String> ancestors = new ArrayList<>();
            for (String t = type1; t != null; t = superName(t)) {
                ancestors.add(t);
            }
            for (String t = type2; t != null; t = superName(t)) {
                if (ancestors.contains(t)) {
                    return t;
                }
            }
            return "java/lang/Object";
        }

        private boolean isInterface(String type) {
            byte[] b = read(type);
            return b != null ? (new ClassReader(b).getAccess() & Opcodes.ACC_INTERFACE) != 0 : simulatorClass(type).isInterface();
        }

        private String superName(String type) {
            byte[] b = read(type);
            if (b != null) {
                return new ClassReader(b).getSuperName();
            }
            Class<?> s = simulatorClass(type).getSuperclass();
            return s == null ? null : s.getName().replace('.', '/');
        }

        private Class<?> simulatorClass(String type) {
            try {
                return Class.forName(type.replace('/', '.'), false, getParent());
            } catch (ClassNotFoundException e) {
                throw new TypeNotPresentException(type, e);
            }
        }
    }
}
