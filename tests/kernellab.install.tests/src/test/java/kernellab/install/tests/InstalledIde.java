package kernellab.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The clean IDE (platform + JDT, no KernelLab) with KernelLab installed from the built update
 * site by the IDE's own p2 director, exactly as Help &gt; Install New Software does: the feature
 * group from the repository, features written to features/. Made once per test JVM, in a copy of
 * the clean IDE, for every test class that needs it.
 */
final class InstalledIde {

    static final Path UPDATE_SITE = Path.of(System.getProperty("kernellab.updateSite"));
    static final Path CLEAN_IDE = Path.of(System.getProperty("kernellab.cleanIde"));
    static final Path WORK = Path.of(System.getProperty("kernellab.work"));
    static final String FEATURE_GROUP = "kernellab.feature.feature.group";

    private static InstalledIde kernelLab;

    private final Path home;
    private final String directorOutput;

    private InstalledIde(Path home, String directorOutput) {
        this.home = home;
        this.directorOutput = directorOutput;
    }

    /** @return the clean IDE with KernelLab installed, installing it on the first call */
    static synchronized InstalledIde withKernelLab() throws Exception {
        if (kernelLab == null) {
            Path ide = WORK.resolve("ide");
            deleteRecursively(WORK);
            copyRecursively(CLEAN_IDE, ide);
            kernelLab = new InstalledIde(ide, install(ide, UPDATE_SITE, FEATURE_GROUP,
                    "-profileProperties", "org.eclipse.update.install.features=true"));
        }
        return kernelLab;
    }

    /** @return the IDE's folder */
    Path home() {
        return home;
    }

    /** @return what the p2 director printed while installing KernelLab */
    String directorOutput() {
        return directorOutput;
    }

    /**
     * Installs an installable unit from a p2 repository into an IDE with the IDE's own p2 director.
     *
     * @return the director's output
     */
    static String install(Path ide, Path repository, String iu, String... moreArguments) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-jar", launcherJar(ide).toString(), "-nosplash", "-consoleLog",
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", repository.toUri().toString(),
                "-installIU", iu,
                "-destination", ide.toString(),
                "-profile", "DefaultProfile"));
        arguments.addAll(List.of(moreArguments));
        Process director = java(ide, arguments.toArray(String[]::new));
        String output = finish(director, 300);
        assertEquals(0, director.exitValue(), "p2 director failed to install " + iu + ":\n" + output);
        return output;
    }

    /** Starts {@code java} (of the JDK running the tests) in {@code dir}, its output and errors together. */
    static Process java(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    /** @return the process's output, once it ended; fails after {@code timeoutSeconds} */
    static String finish(Process process, int timeoutSeconds) throws Exception {
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static Path launcherJar(Path ide) throws IOException {
        return jarOf(ide, "org.eclipse.equinox.launcher_");
    }

    static Path jarOf(Path ide, String prefix) throws IOException {
        try (Stream<Path> plugins = Files.list(ide.resolve("plugins"))) {
            return plugins.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.jar in " + ide));
        }
    }

    static String bundlesInfo(Path ide) throws IOException {
        return Files.readString(ide.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
    }

    static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
