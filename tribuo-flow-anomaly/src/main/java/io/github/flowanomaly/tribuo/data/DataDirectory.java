package io.github.flowanomaly.tribuo.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the directory holding the shared data sets (MNIST, Tiny ImageNet, ...), which is never hard-coded.
 * <p>
 * The system property {@value #PROPERTY} wins over the environment variable {@value #ENVIRONMENT_VARIABLE}.
 */
public final class DataDirectory {

    /** The system property naming the data directory. */
    public static final String PROPERTY = "flow.data.dir";

    /** The environment variable naming the data directory. */
    public static final String ENVIRONMENT_VARIABLE = "FLOW_DATA_DIR";

    private DataDirectory() {}

    /**
     * Returns the configured data directory if it is set and exists.
     *
     * @return the data directory, or empty if neither setting names an existing directory.
     */
    public static Optional<Path> resolve() {
        String value = System.getProperty(PROPERTY);
        if (isBlank(value)) {
            value = System.getenv(ENVIRONMENT_VARIABLE);
        }
        if (isBlank(value)) {
            return Optional.empty();
        }
        Path directory = Path.of(value.trim());
        return Files.isDirectory(directory) ? Optional.of(directory) : Optional.empty();
    }

    /** The system property naming the Fashion-MNIST directory, used by {@code config/data/fashion-mnist.xml}. */
    public static final String FASHION_MNIST_PROPERTY = "fashion.mnist.dir";

    /** The environment variable naming the Fashion-MNIST directory (Debian: /usr/share/datasets/fashion-mnist). */
    public static final String FASHION_MNIST_VARIABLE = "FASHION_MNIST_DIR";

    /** Where Debian's package {@code dataset-fashion-mnist} installs the IDX files: the default when nothing is set. */
    public static final String DEBIAN_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

    /**
     * Copies the environment variables {@value #ENVIRONMENT_VARIABLE} and {@value #FASHION_MNIST_VARIABLE} into the
     * system properties {@value #PROPERTY} and {@value #FASHION_MNIST_PROPERTY} (unless those are already set), so
     * that OLCUT configuration files, whose global properties system properties override, find the data. When
     * neither names the Fashion-MNIST directory and Debian's {@value #DEBIAN_FASHION_MNIST_DIR} exists, that is used.
     */
    public static void exportToSystemProperties() {
        copy(ENVIRONMENT_VARIABLE, PROPERTY);
        copy(FASHION_MNIST_VARIABLE, FASHION_MNIST_PROPERTY);
        if (isBlank(System.getProperty(FASHION_MNIST_PROPERTY))
                && Files.isDirectory(Path.of(DEBIAN_FASHION_MNIST_DIR))) {
            System.setProperty(FASHION_MNIST_PROPERTY, DEBIAN_FASHION_MNIST_DIR);
        }
    }

    private static void copy(String variable, String property) {
        String value = System.getenv(variable);
        if (isBlank(System.getProperty(property)) && !isBlank(value)) {
            System.setProperty(property, value.trim());
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
