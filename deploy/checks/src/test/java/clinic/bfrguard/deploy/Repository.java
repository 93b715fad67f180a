package clinic.bfrguard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository whose deployment files are under test (the build passes its root as {@code bfr.repository}). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("bfr.repository");
        Path root = configured == null || configured.isBlank()
                ? Path.of("").toAbsolutePath().resolve("../..").normalize()
                : Path.of(configured);
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException(root + " is not the repository root (no docker-compose.yml)");
        }
        return root;
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }
}
