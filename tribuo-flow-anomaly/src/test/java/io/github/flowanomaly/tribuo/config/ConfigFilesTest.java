package io.github.flowanomaly.tribuo.config;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import io.github.flowanomaly.tribuo.data.AbstractImageSource;
import io.github.flowanomaly.tribuo.data.DataDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads every XML file under {@code config/} and instantiates every component in it (data sources read their files
 * with small limits), so no configuration shipped with the project can rot.
 */
class ConfigFilesTest {

    static final Path CONFIG_DIR = Path.of("..", "config");

    @BeforeAll
    static void limits() {
        DataDirectory.exportToSystemProperties();
        System.setProperty("tiny.imagenet.limit", "200");
        System.setProperty("fashion.mnist.limit", "200");
        System.setProperty("mnist.limit", "200");
    }

    static List<Path> configFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONFIG_DIR)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyComponentOfEveryConfigFileLoads() throws IOException {
        List<Path> files = configFiles();
        assertFalse(files.isEmpty(), "no XML files found under " + CONFIG_DIR.toAbsolutePath());
        return files.stream().map(file -> DynamicTest.dynamicTest(CONFIG_DIR.relativize(file).toString(), () -> {
            assumeTrue(DataDirectory.resolve().isPresent(), "FLOW_DATA_DIR is not set: data components not loaded");
            ConfigurationManager cm = new ConfigurationManager(file.toString());
            List<String> names = List.copyOf(cm.getComponentNames());
            assertFalse(names.isEmpty(), file + " defines no component");
            for (String name : names) {
                Configurable component = (Configurable) cm.lookup(name);
                assertNotNull(component, name);
                if (component instanceof AbstractImageSource source) {
                    assertTrue(source.size() > 0, name + " loaded no images");
                }
            }
        }));
    }
}
