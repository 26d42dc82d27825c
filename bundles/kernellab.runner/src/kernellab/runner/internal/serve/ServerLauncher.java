package kernellab.runner.internal.serve;

import java.io.InputStream;
import java.io.PrintWriter;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueHandler;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer;
import org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

import kernellab.runner.protocol.KernelLabClient;
import kernellab.runner.protocol.KernelLabProtocol;
import kernellab.runner.internal.Messages;

/**
 * lsp4j's launcher for the runner's side, with one change: input that cannot be parsed at all
 * (not JSON, no {@code Content-Length}) is answered with a JSON-RPC {@code ParseError}
 * response with a {@code null} id, as JSON-RPC 2.0 requires, where lsp4j would only log it.
 * Requests whose id can be read but whose parameters are wrong are answered by lsp4j itself.
 */
final class ServerLauncher extends Launcher.Builder<KernelLabClient> {

    private final PrintWriter err;
    private MessageJsonHandler jsonHandler;
    private RemoteEndpoint endpoint;
    private MessageConsumer outgoing;

    /**
     * @param err where malformed input is reported in one line
     */
    ServerLauncher(PrintWriter err) {
        this.err = err;
        configureGson(KernelLabProtocol::configureGson);
    }

    @Override
    protected MessageJsonHandler createJsonHandler() {
        jsonHandler = super.createJsonHandler();
        return jsonHandler;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
        endpoint = super.createRemoteEndpoint(handler);
        return endpoint;
    }

    @Override
    protected MessageConsumer wrapMessageConsumer(MessageConsumer consumer) {
        MessageConsumer wrapped = super.wrapMessageConsumer(consumer);
        if (consumer instanceof StreamMessageConsumer) {
            outgoing = wrapped;
        }
        return wrapped;
    }

    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer reader, MessageConsumer consumer,
            KernelLabClient proxy) {
        return super.createMessageProcessor(new AnsweringProducer(input, jsonHandler, endpoint), consumer, proxy);
    }

    /** Reads messages like lsp4j's producer and answers unparseable input with a parse error. */
    private final class AnsweringProducer extends StreamMessageProducer {

        AnsweringProducer(InputStream in, MessageJsonHandler handler, MessageIssueHandler issues) {
            super(in, handler, issues);
        }

        @Override
        protected void fireError(Throwable error) {
            String what = String.valueOf(error.getMessage()).lines().findFirst().orElse("");
            err.println(Messages.commandError("serve", Messages.malformedMessageNotice(what)));
            err.flush();
            ResponseMessage response = new ResponseMessage();
            response.setError(new ResponseError(ResponseErrorCode.ParseError, Messages.malformedMessage(what), null));
            outgoing.consume(response);
        }
    }
}
