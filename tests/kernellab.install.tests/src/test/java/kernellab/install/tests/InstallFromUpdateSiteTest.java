package kernellab.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs the KernelLab feature from the built update site into a copy of the clean IDE with the
 * p2 director, exactly as Help > Install New Software does (feature group from the repository,
 * features installed into features/), and checks what a user would get.
 */
class InstallFromUpdateSiteTest {

    private static final List<String> KERNELLAB_BUNDLES = List.of("kernellab.api", "kernellab.core", "kernellab.runner", "kernellab.ui");
    private static final Path UPDATE_SITE = Path.of(System.getProperty("kernellab.updateSite"));
    private static final Path CLEAN_IDE = Path.of(System.getProperty("kernellab.cleanIde"));
    private static final Path WORK = Path.of(System.getProperty("kernellab.work"));
    private static final Path IDE = WORK.resolve("ide");

    private static String directorOutput;
    private static String resolveCheckOutput;

    @BeforeAll
    static void installKernelLabIntoACopyOfTheCleanIde() throws Exception {
        deleteRecursively(WORK);
        copyRecursively(CLEAN_IDE, IDE);
        Process director = java(IDE, "-jar", launcherJar(IDE).toString(), "-nosplash", "-consoleLog",
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", UPDATE_SITE.toUri().toString(),
                "-installIU", "kernellab.feature.feature.group",
                "-destination", IDE.toString(),
                "-profile", "DefaultProfile",
                "-profileProperties", "org.eclipse.update.install.features=true");
        directorOutput = finish(director, 300);
        assertEquals(0, director.exitValue(), "p2 director failed:\n" + directorOutput);
    }

    @Test
    void theCleanIdeHasNoKernelLab() throws IOException {
        assertFalse(bundlesInfo(CLEAN_IDE).contains("kernellab."), "the clean IDE already holds KernelLab");
    }

    @Test
    void theUpdateSiteShowsTheKernelLabCategory() throws IOException {
        String content = repositoryContent(UPDATE_SITE);
        assertTrue(content.contains("name='org.eclipse.equinox.p2.type.category' value='true'"), "no category IU");
        assertTrue(content.contains("value='KernelLab'"), "no category labelled KernelLab");
        assertTrue(content.contains("id='kernellab.feature.feature.group'"), "no KernelLab feature group");
    }

    @Test
    void directorInstallsTheFeatureAndItsBundles() throws IOException {
        assertTrue(directorOutput.contains("Installing kernellab.feature.feature.group"), directorOutput);
        try (Stream<Path> features = Files.list(IDE.resolve("features"))) {
            assertTrue(features.anyMatch(f -> f.getFileName().toString().startsWith("kernellab.feature_")),
                    "features/kernellab.feature_* missing");
        }
        String bundlesInfo = bundlesInfo(IDE);
        for (String bundle : KERNELLAB_BUNDLES) {
            assertTrue(bundlesInfo.contains("\n" + bundle + ","), bundle + " not in bundles.info");
        }
    }

    @Test
    void theInstalledKernelLabBundlesResolve() throws Exception {
        assertResolved(KERNELLAB_BUNDLES);
    }

    /** Help > Help Contents of the installed IDE: KernelLab's book and the platform's help web application. */
    @Test
    void theHelpContentsOfTheInstalledIdeResolve() throws Exception {
        assertResolved(List.of("kernellab.doc", "org.eclipse.help.webapp", "org.eclipse.equinox.http.jetty",
                "org.eclipse.equinox.http.registry", "org.eclipse.equinox.jsp.jasper.registry"));
    }

    /** The feature brings KernelLab and its own libraries; the platform pieces (help, Jetty …) are the IDE's. */
    @Test
    void theFeatureAddsOnlyKernelLabAndItsLibraries() throws IOException {
        Set<String> added = new TreeSet<>(pluginNames(IDE));
        added.removeAll(pluginNames(CLEAN_IDE));
        assertEquals(new TreeSet<>(List.of("com.google.gson", "kernellab.api", "kernellab.api.source", "kernellab.core",
                "kernellab.doc", "kernellab.examples", "kernellab.launch", "kernellab.runner", "kernellab.ui",
                "kernellab.ui.memory", "kernellab.ui.sched", "org.eclipse.lsp4j.jsonrpc", "org.jline", "picocli")), added);
    }

    /** Fails naming each of {@code bundles} that is not resolved when the installed IDE's framework starts. */
    private static void assertResolved(List<String> bundles) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String bundle : bundles) {
            String state = installedBundleStates().getOrDefault(bundle, "MISSING");
            if (!List.of("RESOLVED", "STARTING", "ACTIVE").contains(state)) {
                problems.add(bundle + " is " + state);
            }
        }
        if (!problems.isEmpty()) {
            fail(problems + "\n" + resolveCheckOutput);
        }
    }

    /** Bundle states of the installed IDE by symbolic name, from one run of {@link ResolveCheck}. */
    private static synchronized Map<String, String> installedBundleStates() throws Exception {
        if (resolveCheckOutput == null) {
            Path osgi = jarOf(IDE, "org.eclipse.osgi_");
            Path checkClasses = Path.of(ResolveCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process check = java(WORK, "-cp", osgi + ":" + checkClasses, ResolveCheck.class.getName(), IDE.toString());
            String output = finish(check, 120);
            assertEquals(0, check.exitValue(), output);
            resolveCheckOutput = output;
        }
        return resolveCheckOutput.lines().map(l -> l.split(" "))
                .filter(f -> f.length == 3)
                .collect(Collectors.toMap(f -> f[0], f -> f[2], (a, b) -> a));
    }

    /** Symbolic names of the bundles in an IDE's plugins folder ({@code name_version.jar} or a folder). */
    private static Set<String> pluginNames(Path ide) throws IOException {
        try (Stream<Path> plugins = Files.list(ide.resolve("plugins"))) {
            return plugins.map(p -> p.getFileName().toString()).map(n -> n.substring(0, n.lastIndexOf('_')))
                    .collect(Collectors.toSet());
        }
    }

    private static Process java(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static String finish(Process process, int timeoutSeconds) throws Exception {
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

    private static Path launcherJar(Path ide) throws IOException {
        return jarOf(ide, "org.eclipse.equinox.launcher_");
    }

    private static Path jarOf(Path ide, String prefix) throws IOException {
        try (Stream<Path> plugins = Files.list(ide.resolve("plugins"))) {
            return plugins.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".jar")).findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.jar in " + ide));
        }
    }

    private static String bundlesInfo(Path ide) throws IOException {
        return Files.readString(ide.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
    }

    private static String repositoryContent(Path site) throws IOException {
        try (JarFile jar = new JarFile(site.resolve("content.jar").toFile())) {
            return new String(jar.getInputStream(jar.getEntry("content.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
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

    private static void deleteRecursively(Path dir) throws IOException {
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
