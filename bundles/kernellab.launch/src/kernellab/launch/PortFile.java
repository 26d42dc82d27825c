package kernellab.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

import kernellab.launch.internal.Messages;

import org.eclipse.debug.core.model.IProcess;

/**
 * Where the simulator tells the IDE its port: the file of {@code kernellab serve --port-file
 * FILE}, which the runner writes whole by a rename once it listens. Reading the port from a file
 * rather than from the simulator's standard output keeps protocol lines out of the Console.
 */
final class PortFile {

    private static final long TIMEOUT_MS = 60_000;

    private final Path file;

    private PortFile(Path file) {
        this.file = file;
    }

    /** @return a port file name in the temporary directory, not yet existing (the runner creates it) */
    static PortFile create() throws IOException {
        Path file = Files.createTempFile("kernellab-serve-", ".port");
        Files.delete(file);
        return new PortFile(file);
    }

    /** @return the path to give {@code serve --port-file} */
    String path() {
        return file.toString();
    }

    /**
     * Waits until the simulator has written its port, then deletes the file.
     *
     * @throws IOException if the simulator ended first
     * @throws TimeoutException if it wrote no port within 60 s
     */
    int await(IProcess simulatorJvm) throws IOException, InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        try {
            while (true) {
                try {
                    return Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
                } catch (NoSuchFileException e) {
                    // not listening yet
                }
                if (simulatorJvm.isTerminated()) {
                    throw new IOException(Messages.Launch_exitedEarly);
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new TimeoutException(Messages.Launch_noPort);
                }
                Thread.sleep(20);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
