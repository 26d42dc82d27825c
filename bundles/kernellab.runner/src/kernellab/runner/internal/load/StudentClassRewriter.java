package kernellab.runner.internal.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import kernellab.runner.internal.Messages;

/**
 * Rewrites one student class so that it cannot escape the simulated machine:
 * <ul>
 * <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} call
 * {@code StudentCalls.exit} (the task's {@code exit_group});
 * <li>wall-clock time ({@code System.currentTimeMillis}, {@code System.nanoTime},
 * {@code Clock.systemUTC()}, the {@code now()} and {@code now(ZoneId)} of {@code java.time}) reads the
 * simulated clock, and unseeded randomness ({@code Math.random()}, {@code new Random()},
 * {@code ThreadLocalRandom.current()}, {@code Collections.shuffle(list)}) the machine's seeded
 * generator;
 * <li>{@code CodeBudget.check()} runs at every method entry and before every backward jump or
 * switch (every loop), and every handler catching {@code Throwable} or {@code Error} begins with
 * {@code CodeBudget.rethrowIfSpent}, so a spent budget ends the code whatever it catches
 * ({@code finally} handlers rethrow by themselves, and a spent budget stays spent);
 * <li>the calls of {@link EscapeRules} are collected as refusals, one per call with its source line.
 * </ul>
 * Line numbers and the source file are kept, so stack traces point at the student's lines.
 */
final class StudentClassRewriter extends ClassVisitor {

    private static final String BUDGET = "kernellab/core/sim/CodeBudget";
    private static final String CALLS = "kernellab/core/task/StudentCalls";
    private static final String CLOCK = "Ljava/time/Clock;";
    private static final String RANDOM = "java/util/Random";
    private static final String THREAD_LOCAL_RANDOM = "java/util/concurrent/ThreadLocalRandom";

    private final List<String> refusals = new ArrayList<>();
    private String className;
    private String sourceFile;

    StudentClassRewriter(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** @return the refused calls, one line each; empty if the class may be used */
    List<String> refusals() {
        return refusals;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name.replace('/', '.');
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return mv == null ? null : new MethodRewriter(mv, name);
    }

    private final class MethodRewriter extends MethodVisitor {
        private final String methodName;
        private final Set<Label> visited = new HashSet<>();
        private final Set<Label> catchAllErrors = new HashSet<>();
        private int line = -1;

        MethodRewriter(MethodVisitor next, String methodName) {
            super(Opcodes.ASM9, next);
            this.methodName = methodName;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if ("java/lang/Throwable".equals(type) || "java/lang/Error".equals(type)) {
                catchAllErrors.add(handler);
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            visited.add(label);
            if (catchAllErrors.contains(label)) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "rethrowIfSpent", "(Ljava/lang/Throwable;)V", false);
            }
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (visited.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            checkIfBackward(dflt, labels);
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            checkIfBackward(dflt, labels);
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private void checkIfBackward(Label dflt, Label[] labels) {
            boolean backward = visited.contains(dflt);
            for (Label l : labels) {
                backward |= visited.contains(l);
            }
            if (backward) {
                check();
            }
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, BUDGET, "check", "()V", false);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String refusal = EscapeRules.refusal(owner, name, descriptor);
            if (refusal != null) {
                refusals.add(Messages.refusedAt(frame(), refusal));
            }
            if (!rewrite(opcode, owner, name, descriptor)) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        /** @return whether the call was replaced */
        private boolean rewrite(int opcode, String owner, String name, String descriptor) {
            String call = owner + "." + name + descriptor;
            switch (call) {
                case "java/lang/System.exit(I)V",
                        "java/lang/System.currentTimeMillis()J", "java/lang/System.nanoTime()J" -> {
                    calls(name, descriptor);
                    return true;
                }
                case "java/lang/Runtime.exit(I)V", "java/lang/Runtime.halt(I)V" -> {
                    calls("exit", "(Ljava/lang/Runtime;I)V");
                    return true;
                }
                case "java/lang/Math.random()D", "java/lang/StrictMath.random()D" -> {
                    calls("random", descriptor);
                    return true;
                }
                case "java/util/Random.<init>()V" -> {
                    calls("randomSeed", "()J");
                    super.visitMethodInsn(Opcodes.INVOKESPECIAL, RANDOM, "<init>", "(J)V", false);
                    return true;
                }
                case "java/util/concurrent/ThreadLocalRandom.current()Ljava/util/concurrent/ThreadLocalRandom;" -> {
                    calls("newRandom", "()Ljava/util/Random;");
                    return true;
                }
                case "java/util/Collections.shuffle(Ljava/util/List;)V" -> {
                    calls("newRandom", "()Ljava/util/Random;");
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, owner, name, "(Ljava/util/List;Ljava/util/Random;)V", false);
                    return true;
                }
                case "java/time/Clock.systemUTC()Ljava/time/Clock;", "java/time/Clock.systemDefaultZone()Ljava/time/Clock;" -> {
                    calls("clock", "()" + CLOCK);
                    return true;
                }
                case "java/time/Clock.system(Ljava/time/ZoneId;)Ljava/time/Clock;" -> {
                    calls("clock", "(Ljava/time/ZoneId;)" + CLOCK);
                    return true;
                }
                default -> {
                }
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(THREAD_LOCAL_RANDOM)) {
                super.visitMethodInsn(opcode, RANDOM, name, descriptor, false);
                return true;
            }
            if (opcode == Opcodes.INVOKESTATIC && owner.startsWith("java/time/") && name.equals("now")) {
                String result = ")L" + owner + ";";
                if (descriptor.equals("(" + result)) {
                    calls("clock", "()" + CLOCK);
                } else if (descriptor.equals("(Ljava/time/ZoneId;" + result)) {
                    calls("clock", "(Ljava/time/ZoneId;)" + CLOCK);
                } else {
                    return false;
                }
                super.visitMethodInsn(opcode, owner, name, "(" + CLOCK + result, false);
                return true;
            }
            return false;
        }

        private void calls(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, name, descriptor, false);
        }

        /** @return the place as a stack frame prints it: {@code demo.Spawner.run(Spawner.java:12)} */
        private String frame() {
            String where = sourceFile == null ? "Unknown Source" : line < 0 ? sourceFile : sourceFile + ":" + line;
            return className + "." + methodName + "(" + where + ")";
        }
    }
}
