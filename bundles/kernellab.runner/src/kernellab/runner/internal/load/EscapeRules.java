package kernellab.runner.internal.load;

import kernellab.runner.internal.Messages;

/**
 * The JDK calls that would let student code escape the simulated machine and are refused at load
 * time: Java threads and thread pools (the simulated kernel runs one task at a time, on its own
 * threads), shutdown hooks and host processes.
 */
final class EscapeRules {

    private EscapeRules() {
    }

    /**
     * @param owner the internal name of the called method's class
     * @param name the method's name
     * @param descriptor its descriptor
     * @return the refusal's text (the call, then why and what to use instead), or {@code null} if the call is allowed
     */
    static String refusal(String owner, String name, String descriptor) {
        String simple = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
        String call = name.equals("<init>") ? "new " + simple + "(...)" : simple + "." + name + "(...)";
        return switch (owner) {
            case "java/lang/Thread" -> name.equals("<init>") || name.equals("start") || name.equals("ofPlatform")
                    || name.equals("ofVirtual") || name.equals("startVirtualThread") ? Messages.refusedThread(call) : null;
            case "java/util/Timer", "java/util/concurrent/ThreadPoolExecutor",
                    "java/util/concurrent/ScheduledThreadPoolExecutor" ->
                name.equals("<init>") ? Messages.refusedThread(call) : null;
            case "java/util/concurrent/Executors", "java/util/concurrent/ForkJoinPool" -> Messages.refusedThread(call);
            case "java/util/concurrent/CompletableFuture", "java/util/concurrent/CompletionStage" ->
                name.endsWith("Async") ? Messages.refusedThread(call) : null;
            case "java/util/Arrays" -> name.startsWith("parallel") ? Messages.refusedThread(call) : null;
            case "java/lang/Runtime" -> switch (name) {
                case "addShutdownHook" -> Messages.refusedShutdownHook(call);
                case "exec" -> Messages.refusedProcess(call);
                default -> null;
            };
            case "java/lang/ProcessBuilder" -> name.startsWith("start") ? Messages.refusedProcess(call) : null;
            default -> name.equals("parallelStream") && descriptor.equals("()Ljava/util/stream/Stream;")
                    || name.equals("parallel") && owner.startsWith("java/util/stream/") ? Messages.refusedThread(call) : null;
        };
    }
}
