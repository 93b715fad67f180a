package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docker-compose.yml as {@code docker-compose config} resolves it (no Docker engine needed): the whole system, on
 * the ports the services' application.properties name, started in dependency order by health checks, setting only
 * what differs from the services' own configuration, with policy values the caller's shell may set.
 */
class ComposeFileTests {

    private static final List<String> SERVICES = RenderedOverlay.SERVICES;
    private static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "keycloak");
    /** The mail server: only the notification-service sends to it, and it needs it only started (it retries). */
    private static final String MAIL = "mail";
    private static final String NOTIFICATION = "notification-service";

    /**
     * CLINIC_* values compose sets on purpose, as the run command does: settings of a laptop deployment, not clinic
     * policy. The webhook signing key and the VAPID pair (marked demo values), and plain-http webhooks to receivers
     * on the laptop.
     */
    private static final List<String> LAPTOP_SETTINGS = List.of("CLINIC_NOTIFY_WEBHOOK_SIGNING_KEY",
            "CLINIC_NOTIFY_PUSH_PUBLIC_KEY", "CLINIC_NOTIFY_PUSH_PRIVATE_KEY", "CLINIC_NOTIFY_WEBHOOK_ALLOW_HTTP");

    /**
     * On the host, everything listens where the services' own defaults look for it, so a service started from the
     * IDE or with {@code quarkus:dev} works against the containers.
     */
    @Test
    void theWholeSystemIsThereOnThePortsTheServicesExpect() throws Exception {
        JsonNode services = resolved(env -> { }).path("services");
        assertThat(names(services)).containsAll(INFRASTRUCTURE).containsAll(RenderedOverlay.DEPLOYMENTS);
        Map<String, String> defaults = ServiceConfiguration.defaults(SERVICES.get(0));
        Map<String, Integer> published = new TreeMap<>(Map.of(
                "postgres", URI.create(defaults.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()))
                        .getPort(),
                "kafka", Integer.parseInt(defaults.get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", "")),
                "keycloak", URI.create(defaults.get("QUARKUS_OIDC_AUTH_SERVER_URL")).getPort()));
        RenderedOverlay.DEPLOYMENTS.forEach(service -> published.put(service, port(service)));
        // the SMTP port the notification-service sends to by default; IMAP the test setup's port, as the local stack
        published.put(MAIL, Integer.parseInt(ServiceConfiguration.defaults(NOTIFICATION).get("QUARKUS_MAILER_PORT")));
        assertThat(publishedPorts(services.path(MAIL))).as("mail published ports").contains(3143);
        published.forEach((service, port) -> assertThat(publishedPorts(services.path(service)))
                .as(service + " published ports").contains(port));
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:4.1.");
        assertThat(services.at("/keycloak/image").asText()).startsWith("quay.io/keycloak/keycloak:26.5.");
        assertThat(services.at("/postgres/image").asText()).matches("postgres:\\d+(\\.\\d+)*");
        assertThat(services.at("/mail/image").asText()).as("GreenMail of the version the run command uses")
                .isEqualTo("greenmail/standalone:" + greenmailVersion());
    }

    /** The root pom's greenmail.version: the local stack's mail server and the services' tests run it. */
    private static String greenmailVersion() throws IOException {
        Matcher version = Pattern.compile("<greenmail\\.version>([^<]+)<")
                .matcher(Files.readString(Repository.file("pom.xml")));
        assertThat(version.find()).as("greenmail.version in pom.xml").isTrue();
        return version.group(1).trim();
    }

    /**
     * Every demo user of the local realm gets a mailbox at their e-mail address, logged in with the whole address and
     * the user name as password, as the run command's mail server has them.
     */
    @Test
    void theMailServerHasAMailboxForEveryDemoUser() throws Exception {
        JsonNode services = resolved(env -> { }).path("services");
        String options = services.at("/mail/environment/GREENMAIL_OPTS").asText();
        JsonNode realm = Yaml.MAPPER.readTree(Files.readString(Repository.file("deploy/keycloak/clinic-realm.json")));
        List<String> mailboxes = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            String name = user.path("username").asText();
            mailboxes.add(user.path("email").asText().replaceFirst("@", ":" + name + "@"));
        }
        assertThat(mailboxes).as("demo users").isNotEmpty();
        String users = options.replaceAll("(?s).*-Dgreenmail\\.users=(\\S+).*", "$1");
        assertThat(List.of(users.split(","))).containsExactlyInAnyOrderElementsOf(mailboxes);
        assertThat(options).contains("-Dgreenmail.users.login=email")
                .doesNotContain("greenmail.auth.disabled")
                // that also starts GreenMail's HTTP API, which reads every mailbox without a password
                .doesNotContain("-Dgreenmail.hostname");
        assertThat(services.at("/" + NOTIFICATION + "/environment/QUARKUS_MAILER_HOST").asText()).isEqualTo(MAIL);
        assertThat(services.at("/" + NOTIFICATION + "/depends_on/" + MAIL + "/condition").asText())
                .isEqualTo("service_started");
    }

    @Test
    void everyLongRunningContainerHasAHealthCheck() {
        JsonNode services = resolved(env -> { }).path("services");
        for (String service : names(services)) {
            if ("kafka-topics".equals(service)) {
                continue; // a one-shot job: its exit code is its health
            }
            JsonNode test = services.path(service).at("/healthcheck/test");
            assertThat(test.isArray() && test.size() > 1).as(service + " healthcheck").isTrue();
            assertThat(test.get(0).asText()).as(service + " healthcheck").isIn("CMD", "CMD-SHELL");
        }
        RenderedOverlay.DEPLOYMENTS.forEach(service -> assertThat(
                services.path(service).at("/healthcheck/test").toString()).as(service + " is healthy when ready")
                .contains("127.0.0.1/" + port(service)).contains("/q/health/ready"));
    }

    @Test
    void servicesStartOnlyAfterTheirDependenciesAreHealthy() {
        JsonNode services = resolved(env -> { }).path("services");
        for (String service : SERVICES) {
            JsonNode dependsOn = services.path(service).path("depends_on");
            for (String dependency : INFRASTRUCTURE) {
                assertThat(dependsOn.at("/" + dependency + "/condition").asText()).as(service + " -> " + dependency)
                        .isEqualTo("service_healthy");
            }
            assertThat(dependsOn.at("/kafka-topics/condition").asText()).as(service + " -> topics")
                    .isEqualTo("service_completed_successfully");
        }
        assertThat(services.at("/kafka-topics/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
    }

    @Test
    void theWebConsoleWaitsForKeycloakWhoseLoginItsPagesUse() {
        JsonNode console = resolved(env -> { }).path("services").path("web-console");
        assertThat(console.at("/depends_on/keycloak/condition").asText()).isEqualTo("service_healthy");
        assertThat(console.at("/healthcheck/test").toString()).contains("127.0.0.1/" + port("web-console"))
                .contains("/q/health/ready");
    }

    @Test
    void servicesAreBuiltFromTheirOwnDockerfiles() {
        JsonNode services = resolved(env -> { }).path("services");
        List<String> built = RenderedOverlay.DEPLOYMENTS;
        built.forEach(service -> {
            Path context = Path.of(services.path(service).at("/build/context").asText());
            assertThat(context.getFileName().toString()).isEqualTo(service);
            assertThat(services.path(service).at("/build/dockerfile").asText())
                    .isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Repository.file(service + "/src/main/docker/Dockerfile.jvm")).isRegularFile();
            assertThat(services.path(service).path("image").asText()).as(service + " image tag")
                    .contains(":").doesNotEndWith(":latest");
        });
    }

    @Test
    void eachServiceGetsItsOwnDatabaseAndTheSharedInfrastructure() {
        JsonNode services = resolved(env -> { }).path("services");
        SERVICES.forEach(service -> {
            String database = service.substring(0, service.indexOf('-'));
            JsonNode env = services.path(service).path("environment");
            assertThat(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            // the role deploy/compose/postgres/10-databases.sh creates for the service
            assertThat(env.path("QUARKUS_DATASOURCE_USERNAME").asText(
                    ServiceConfiguration.defaults(service).get("QUARKUS_DATASOURCE_USERNAME"))).isEqualTo(database);
            // its migrations run as the database's owner, which the init script creates beside it
            assertThat(env.path("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo(database + "_owner");
            assertThat(env.path("QUARKUS_FLYWAY_PASSWORD").asText()).isNotBlank();
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:29092");
        });
        assertThat(services.at("/postgres/volumes").toString())
                .as("the init script that creates the services' databases").contains("/docker-entrypoint-initdb.d");
        assertThat(Repository.file("deploy/compose/postgres/10-databases.sh")).isRegularFile();
    }

    @Test
    void servicesAcceptTokensWhoseIssuerIsWhatClientsSee() {
        JsonNode services = resolved(env -> { }).path("services");
        JsonNode keycloak = services.path("keycloak");
        String publicUrl = keycloak.at("/environment/KC_HOSTNAME").asText();
        assertThat(publicUrl).isEqualTo("http://localhost:8180");
        assertThat(keycloak.at("/environment/KC_HOSTNAME_BACKCHANNEL_DYNAMIC").asText()).isEqualTo("true");
        assertThat(keycloak.path("command").toString()).contains("start-dev").contains("--import-realm");
        assertThat(keycloak.path("volumes").toString()).contains("deploy/keycloak/clinic-realm.json")
                .contains("/opt/keycloak/data/import/");
        assertThat(Repository.file("deploy/keycloak/clinic-realm.json")).isRegularFile();
        SERVICES.forEach(service -> {
            JsonNode env = services.path(service).path("environment");
            assertThat(env.path("QUARKUS_OIDC_TOKEN_ISSUER").asText()).isEqualTo(publicUrl + "/realms/clinic");
            assertThat(env.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText())
                    .isEqualTo("http://keycloak:8180/realms/clinic");
        });
    }

    @Test
    void kafkaIsKraftAndItsTopicsAreCreatedBeforeTheServicesStart() throws Exception {
        JsonNode services = resolved(env -> { }).path("services");
        JsonNode kafka = services.at("/kafka/environment");
        assertThat(kafka.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.has("KAFKA_ZOOKEEPER_CONNECT")).isFalse();
        String script = Files.readString(Repository.file("deploy/compose/kafka/create-topics.sh"));
        List<String> created = new ArrayList<>();
        for (String line : script.lines().toList()) {
            if (line.startsWith("create ")) {
                created.add(line.split("\\s+")[1]);
            }
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(ServiceTopics.all());
    }

    @Test
    void composeTopicsHaveTheirKubernetesPartitionsAndRetention() throws Exception {
        Map<String, JsonNode> kubernetes = KubernetesOverlaysTests.topicsByName(RenderedOverlay.of("production"));
        String script = Files.readString(Repository.file("deploy/compose/kafka/create-topics.sh"));
        for (String line : script.lines().filter(l -> l.startsWith("create ")).toList()) {
            String[] fields = line.split("\\s+"); // create <topic> <partitions> <retention days>
            JsonNode topic = kubernetes.get(fields[1]);
            assertThat(topic).as(fields[1] + " is a KafkaTopic").isNotNull();
            assertThat(topic.at("/spec/partitions").asInt()).as(fields[1] + " partitions")
                    .isEqualTo(Integer.parseInt(fields[2]));
            assertThat(Long.parseLong(topic.at("/spec/config/retention.ms").asText())).as(fields[1] + " retention")
                    .isEqualTo(Long.parseLong(fields[3]) * 86_400_000L);
        }
    }

    @Test
    void theAlertPathGetsMoreCpuThanTheIntakePathWhenTheHostIsShort() {
        JsonNode services = resolved(env -> { }).path("services");
        for (String intake : List.of("screening-service", "session-service")) {
            for (String alertPath : List.of("alert-service", NOTIFICATION, "kafka", "postgres")) {
                assertThat(cpuShares(services.path(intake))).as(intake + " CPU share below " + alertPath + "'s")
                        .isLessThan(cpuShares(services.path(alertPath)));
            }
        }
    }

    /** The HTTP port of the service's application.properties. */
    private static int port(String service) {
        return Integer.parseInt(ServiceConfiguration.defaults(service).get("QUARKUS_HTTP_PORT"));
    }

    /** Docker's default share is 1024. */
    private static int cpuShares(JsonNode service) {
        return service.path("cpu_shares").asInt(1024);
    }

    @Test
    void policyValuesAreTheServicesOwnDefaultsUnlessTheCallerSetsThem() {
        JsonNode services = resolved(env -> env.keySet().removeIf(name -> name.startsWith("CLINIC_")))
                .path("services");
        for (String service : SERVICES) {
            services.path(service).path("environment").fields().forEachRemaining(variable -> {
                String name = variable.getKey();
                if (name.startsWith("CLINIC_") && !LAPTOP_SETTINGS.contains(name)) {
                    assertThat(ServiceConfiguration.reads(service, name))
                            .as(service + " reads no policy value named " + name).isTrue();
                    // Unset, not empty: the service refuses an empty duration or number instead of its default.
                    assertThat(variable.getValue().isNull()).as(service + " " + name + " without a caller's value")
                            .isTrue();
                }
            });
        }
    }

    @Test
    void containersSetOnlyWhatDiffersFromTheServicesOwnConfiguration() {
        JsonNode services = resolved(env -> env.keySet().removeIf(name -> name.startsWith("CLINIC_")))
                .path("services");
        SoftAssertions softly = new SoftAssertions();
        for (String service : RenderedOverlay.DEPLOYMENTS) {
            Map<String, String> defaults = ServiceConfiguration.defaults(service);
            services.path(service).path("environment").fields().forEachRemaining(variable -> {
                if (!variable.getValue().isNull()) {
                    softly.assertThat(variable.getValue().asText()).as(service + " " + variable.getKey()
                            + " restates the service's own default").isNotEqualTo(defaults.get(variable.getKey()));
                }
            });
        }
        softly.assertAll();
    }

    @Test
    void policyValuesCanBeOverriddenFromTheEnvironment() {
        JsonNode services = resolved(env -> {
            env.keySet().removeIf(name -> name.startsWith("CLINIC_"));
            env.put("CLINIC_BAND_MAX_CONTINUOUS", "PT6S");
            env.put("CLINIC_ALERTS_ESCALATE_AFTER", "PT30S");
            env.put("CLINIC_NOTIFY_PAGE_SEVERITIES", "CRITICAL");
        }).path("services");
        assertThat(services.at("/session-service/environment/CLINIC_BAND_MAX_CONTINUOUS").asText()).isEqualTo("PT6S");
        assertThat(services.at("/alert-service/environment/CLINIC_ALERTS_ESCALATE_AFTER").asText())
                .isEqualTo("PT30S");
        assertThat(services.at("/notification-service/environment/CLINIC_NOTIFY_PAGE_SEVERITIES").asText())
                .isEqualTo("CRITICAL");
    }

    @Test
    void everyPasswordIsAMarkedLocalDemoValueThatTheEnvironmentReplaces() throws Exception {
        List<String> lines = Files.readAllLines(Repository.file("docker-compose.yml"));
        for (String line : lines) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && trimmed.matches("[A-Z_]*(PASSWORD|SECRET|_KEY)[A-Z_]*:.*")) {
                assertThat(trimmed).as("a password comes from the environment").contains("${");
                assertThat(trimmed).as("a password default is marked as a local demo value")
                        .contains("# local demo value");
            }
        }
    }

    /**
     * PostgreSQL, Kafka, Keycloak and the mail server take demo passwords and unauthenticated clients: they are
     * published on the loopback interface only, so nobody else on the network reaches them.
     */
    @Test
    void theInfrastructureListensOnLocalhostOnly() {
        JsonNode services = resolved(env -> { }).path("services");
        List<String> infrastructure = new ArrayList<>(INFRASTRUCTURE);
        infrastructure.add(MAIL);
        for (String name : infrastructure) {
            JsonNode ports = services.path(name).path("ports");
            assertThat(ports.size()).as(name + " publishes a port").isPositive();
            for (JsonNode port : ports) {
                assertThat(port.isObject() ? port.path("host_ip").asText() : port.asText())
                        .as(name + " port " + port + " is bound to 127.0.0.1")
                        .startsWith("127.0.0.1");
            }
        }
    }

    private static JsonNode resolved(Consumer<Map<String, String>> environment) {
        return Yaml.document(DeployTool.dockerCompose().run(List.of("-f", "docker-compose.yml", "config"), env -> {
            // docker-compose reads passwords and policy values from the caller's environment: start clean.
            env.keySet().removeIf(name -> name.endsWith("_PASSWORD"));
            environment.accept(env);
        }));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Integer> publishedPorts(JsonNode service) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : service.path("ports")) {
            if (port.isObject()) {
                ports.add(port.path("published").asInt());
            } else {
                String[] parts = port.asText().split(":");
                ports.add(Integer.parseInt(parts[parts.length - 2].replaceAll("\\D", "")));
            }
        }
        return ports;
    }
}
