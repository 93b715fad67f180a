package clinic.bfrguard.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the checks run (kubectl, docker-compose). Where it is missing the checks are skipped,
 * unless {@code BFR_REQUIRE_DEPLOY_TOOLS=1} (as in CI): then a missing tool fails the build, so that CI never
 * passes without having checked anything.
 */
final class DeployTool {

    static final String REQUIRE = "BFR_REQUIRE_DEPLOY_TOOLS";

    private final String name;
    private final String installHint;

    private DeployTool(String name, String installHint) {
        this.name = name;
        this.installHint = installHint;
    }

    static DeployTool kubectl() {
        return new DeployTool("kubectl", "install kubectl (Debian: apt-get install kubectl, or kubernetes-client)");
    }

    static DeployTool dockerCompose() {
        return new DeployTool("docker-compose", "install docker-compose (Debian: apt-get install docker-compose)");
    }

    /** Skips the calling test, or fails it when the tools are required, if this tool cannot be run. */
    void assumeAvailable() {
        if (available()) {
            return;
        }
        unusable(name + " is not on the PATH: " + installHint);
    }

    /** Skips the calling test, or fails it when the tools are required, because this tool cannot do the job. */
    static void unusable(String message) {
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(message + " (" + REQUIRE + "=1 requires the deployment tools)");
        }
        Assumptions.abort(message + "; skipped (set " + REQUIRE + "=1 to fail instead)");
    }

    private boolean available() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the tool in the repository root and returns its standard output; fails on a non-zero exit. */
    String run(List<String> arguments, Consumer<Map<String, String>> environment) {
        assumeAvailable();
        List<String> command = new ArrayList<>();
        command.add(name);
        command.addAll(arguments);
        try {
            Path errors = Files.createTempFile(name, ".stderr");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.root().toFile())
                        .redirectError(errors.toFile());
                environment.accept(builder.environment());
                Process process = builder.start();
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within 2 minutes");
                }
                String stderr = Files.readString(errors, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + stderr);
                }
                return new String(output, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    String run(String... arguments) {
        return run(List.of(arguments), env -> { });
    }
}
