package kernellab.launch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import kernellab.launch.internal.Messages;
import kernellab.runner.protocol.KernelLabServer;

/**
 * The simulator's requests still waiting for their answer. lsp4j never completes a request whose
 * answer can no longer come (the connection dropped, the simulator JVM was killed: lsp4j issue
 * 639), so whoever waits for it would wait for ever — a view would never refresh again. When the
 * connection ends, {@link #connectionEnded()} fails every such request, and requests made after
 * that fail at once.
 */
final class PendingRequests implements InvocationHandler {

    private final KernelLabServer remote;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean ended;

    private PendingRequests(KernelLabServer remote) {
        this.remote = remote;
    }

    /** @return {@code remote} with its requests tracked by the returned proxy's handler */
    static KernelLabServer track(KernelLabServer remote) {
        return (KernelLabServer) Proxy.newProxyInstance(KernelLabServer.class.getClassLoader(),
                new Class<?>[] {KernelLabServer.class}, new PendingRequests(remote));
    }

    /** Fails every request of {@code server} (made by {@link #track}) still waiting, and every later one. */
    static void connectionEnded(KernelLabServer server) {
        PendingRequests requests = (PendingRequests) Proxy.getInvocationHandler(server);
        requests.ended = true;
        requests.pending.forEach(PendingRequests::fail);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "tracked " + remote;
            };
        }
        if (ended && method.getReturnType() == CompletableFuture.class) {
            CompletableFuture<?> refused = new CompletableFuture<>();
            fail(refused);
            return refused;
        }
        Object result;
        try {
            result = method.invoke(remote, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof CompletableFuture<?> answer) {
            pending.add(answer);
            answer.whenComplete((value, error) -> pending.remove(answer));
            if (ended) {
                fail(answer);
            }
        }
        return result;
    }

    private static void fail(CompletableFuture<?> request) {
        request.completeExceptionally(new IllegalStateException(Messages.Launch_requestAfterEnd));
    }
}
