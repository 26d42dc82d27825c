package kernellab.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    private static InstalledIde installed;
    private static String resolveCheckOutput;

    @BeforeAll
    static void installKernelLabIntoACopyOfTheCleanIde() throws Exception {
        installed = InstalledIde.withKernelLab();
    }

    @Test
    void theCleanIdeHasNoKernelLab() throws IOException {
        assertFalse(InstalledIde.bundlesInfo(InstalledIde.CLEAN_IDE).contains("kernellab."),
                "the clean IDE already holds KernelLab");
    }

    @Test
    void theUpdateSiteShowsTheKernelLabCategory() throws IOException {
        String content = repositoryContent(InstalledIde.UPDATE_SITE);
        assertTrue(content.contains("name='org.eclipse.equinox.p2.type.category' value='true'"), "no category IU");
        assertTrue(content.contains("value='KernelLab'"), "no category labelled KernelLab");
        assertTrue(content.contains("id='" + InstalledIde.FEATURE_GROUP + "'"), "no KernelLab feature group");
    }

    /** Install New Software shows the feature group's license and asks to accept it before Finish. */
    @Test
    void theFeatureGroupCarriesTheLicenseToAccept() throws IOException {
        String content = repositoryContent(InstalledIde.UPDATE_SITE);
        int start = content.indexOf("<unit id='" + InstalledIde.FEATURE_GROUP + "'");
        assertTrue(start >= 0, "no KernelLab feature group");
        String unit = content.substring(start, content.indexOf("</unit>", start));
        assertTrue(unit.contains("<licenses size='1'>"), unit);
        assertTrue(unit.contains("name='df_LT.license' value='Eclipse Public License - v 2.0"), unit);
        assertTrue(unit.contains("<license uri='https://www.eclipse.org/legal/epl-2.0/'"), unit);
    }

    @Test
    void directorInstallsTheFeatureAndItsBundles() throws IOException {
        assertTrue(installed.directorOutput().contains("Installing " + InstalledIde.FEATURE_GROUP), installed.directorOutput());
        try (Stream<Path> features = Files.list(installed.home().resolve("features"))) {
            assertTrue(features.anyMatch(f -> f.getFileName().toString().startsWith("kernellab.feature_")),
                    "features/kernellab.feature_* missing");
        }
        String bundlesInfo = InstalledIde.bundlesInfo(installed.home());
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
        Set<String> added = new TreeSet<>(pluginNames(installed.home()));
        added.removeAll(pluginNames(InstalledIde.CLEAN_IDE));
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
            Path osgi = InstalledIde.jarOf(installed.home(), "org.eclipse.osgi_");
            Path checkClasses = Path.of(ResolveCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process check = InstalledIde.java(InstalledIde.WORK, "-cp", osgi + ":" + checkClasses, ResolveCheck.class.getName(),
                    installed.home().toString());
            String output = InstalledIde.finish(check, 120);
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

    private static String repositoryContent(Path site) throws IOException {
        try (JarFile jar = new JarFile(site.resolve("content.jar").toFile())) {
            return new String(jar.getInputStream(jar.getEntry("content.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
