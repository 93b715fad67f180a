package clinic.bfrguard.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack lives and which ports it takes. Defaults are the system's usual ports; every one can be moved
 * with an environment variable of the same name in capitals (e.g. {@code KEYCLOAK_PORT=18180}).
 *
 * <p>{@code demoOnCall}: once everything is up, give the demo clinicians their e-mail contacts and the sites north
 * and south an on-call schedule ({@link DemoOnCall}), so that a demo alert pages someone. The run command does
 * (unless {@code BFR_DEMO_ONCALL=0}); the end-to-end suite does not, its tests set up the on-call they need.
 */
public record StackSettings(Path repository, Path workDirectory, int kafkaPort, int kafkaControllerPort,
        int postgresPort, int keycloakPort, int screeningPort, int sessionPort, int alertPort,
        int notificationPort, int webPort, int smtpPort, int imapPort, Map<String, String> serviceEnvironment,
        boolean demoOnCall, boolean quiet) {

    public static StackSettings fromEnvironment(Path repository) {
        Map<String, String> env = System.getenv();
        String demoOnCall = env.getOrDefault("BFR_DEMO_ONCALL", "1").trim();
        return new StackSettings(repository,
                Path.of(env.getOrDefault("BFR_STACK_DIR", repository.resolve("deploy/local/.work").toString())),
                port(env, "KAFKA_PORT", 9092), port(env, "KAFKA_CONTROLLER_PORT", 9093),
                port(env, "POSTGRES_PORT", 5432), port(env, "KEYCLOAK_PORT", 8180),
                port(env, "SCREENING_PORT", 8081), port(env, "SESSION_PORT", 8082), port(env, "ALERT_PORT", 8083),
                port(env, "NOTIFICATION_PORT", 8084), port(env, "WEB_PORT", 8080),
                port(env, "SMTP_PORT", 3025), port(env, "IMAP_PORT", 3143), Map.of(),
                !(demoOnCall.equals("0") || demoOnCall.equalsIgnoreCase("false")), false);
    }

    /** The same stack with more environment for the services (policy values, say). */
    public StackSettings withServiceEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(serviceEnvironment);
        merged.putAll(extra);
        return new StackSettings(repository, workDirectory, kafkaPort, kafkaControllerPort, postgresPort,
                keycloakPort, screeningPort, sessionPort, alertPort, notificationPort, webPort, smtpPort, imapPort,
                Map.copyOf(merged), demoOnCall, quiet);
    }

    /** Where every component writes its log, one file named after it. */
    public Path logDirectory() {
        return workDirectory.resolve("logs");
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    /** A Kafka client's settings as {@code user} with {@code password}: the broker, and SCRAM over SASL. */
    public Map<String, Object> kafkaClient(String user, String password) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", kafkaBootstrap());
        settings.putAll(KafkaAccess.client(user, password));
        return settings;
    }

    /** A Kafka client's settings as the broker's super user, for the stack itself and operators' tools. */
    public Map<String, Object> kafkaAdmin() {
        return kafkaClient(KafkaAccess.ADMIN, KafkaAccess.password(KafkaAccess.ADMIN));
    }

    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    public String realmUrl() {
        return keycloakUrl() + "/realms/clinic";
    }

    /** The web console, where physiotherapists and clinicians log in. */
    public String webUrl() {
        return "http://localhost:" + webPort;
    }

    public String serviceUrl(String service) {
        return "http://localhost:" + switch (service) {
            case "screening-service" -> screeningPort;
            case "session-service" -> sessionPort;
            case "alert-service" -> alertPort;
            case "notification-service" -> notificationPort;
            default -> throw new IllegalArgumentException(service);
        };
    }

    /** Where replica {@code n} (2, 3, ...) of a service listens: its port plus 100 for each replica before it. */
    public int replicaPort(String service, int n) {
        return URI.create(serviceUrl(service)).getPort() + 100 * (n - 1);
    }

    /** Where the notification-service hands its e-mail over (the stack's mail server). */
    public String smtpUrl() {
        return "smtp://localhost:" + smtpPort;
    }

    /** Where the demo users read the mail they were sent, user {@code <name>@clinic.example}, password the name. */
    public String imapUrl() {
        return "imap://localhost:" + imapPort;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
