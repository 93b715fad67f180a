package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's image and the web console's: Quarkus's fast-jar layout on a pinned JDK 17 runtime, run by an
 * unprivileged user.
 */
class DockerfileTests {

    @ParameterizedTest
    @ValueSource(strings = { "screening-service", "session-service", "alert-service", "notification-service",
            "web-console" })
    void imageRunsTheFastJarOnAPinnedJdk17AsNonRoot(String service) throws Exception {
        List<String> instructions = Files.readAllLines(
                Repository.file(service + "/src/main/docker/Dockerfile.jvm")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        List<String> from = instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
        assertThat(from).hasSize(1);
        String image = from.get(0).substring("FROM ".length()).split("\\s+")[0];
        assertThat(image).contains("openjdk-17").matches(".*:[0-9][^:]*");

        for (String directory : List.of("lib/", "app/", "quarkus/")) {
            assertThat(instructions).as("copies quarkus-app/" + directory)
                    .anyMatch(line -> line.startsWith("COPY") && line.contains("target/quarkus-app/" + directory));
        }
        assertThat(instructions).anyMatch(line -> line.startsWith("ENV JAVA_APP_JAR")
                && line.contains("quarkus-run.jar"));

        List<String> users = instructions.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        String lastUser = users.get(users.size() - 1).substring("USER ".length()).trim();
        assertThat(lastUser).as("the process user").isNotIn("root", "0");

        String port = ServiceConfiguration.defaults(service).get("QUARKUS_HTTP_PORT");
        assertThat(instructions).as("the port of " + service + "'s application.properties").contains("EXPOSE " + port);
    }
}
