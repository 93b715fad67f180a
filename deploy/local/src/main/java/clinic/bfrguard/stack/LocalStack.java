package clinic.bfrguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole BFR Guard system on one machine: PostgreSQL, Kafka and Keycloak, then the three services and the web
 * console, each awaited until ready. {@link #close()} stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("screening-service", "session-service", "alert-service");
    public static final String WEB_CONSOLE = "web-console";
    /** Generous: on a 2-core machine shared with builds, a Quarkus service has been seen to need over 100 s. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final int DEFAULT_INTAKE_NICE = 5;
    private static final Path NICE = Path.of("/usr/bin/nice");

    private final StackSettings settings;
    private Postgres postgres;
    private ChildProcess kafka;
    private ChildProcess keycloak;
    private final Map<String, ChildProcess> services = new LinkedHashMap<>();
    private ChildProcess webConsole;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Starts every component and returns once all of them answer. */
    public static LocalStack start(StackSettings settings) throws Exception {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(settings.workDirectory());
        for (String module : allModules()) {
            if (!Files.exists(runner(module))) {
                throw new IllegalStateException(runner(module) + " is missing: build first (./mvnw install -DskipTests)");
            }
        }

        Progress.say("starting PostgreSQL on " + settings.postgresPort());
        long t = System.nanoTime();
        postgres = Postgres.start(settings);
        Progress.say("PostgreSQL ready (" + Progress.seconds(Duration.ofNanos(System.nanoTime() - t))
                + "), databases " + Postgres.DATABASES);

        Progress.say("starting Kafka on " + settings.kafkaPort());
        kafka = KafkaBroker.start(settings);
        Progress.say("starting Keycloak on " + settings.keycloakPort() + " (the slowest part: up to a minute)");
        keycloak = Keycloak.start(settings);

        Progress.say("Kafka ready (" + Progress.seconds(Progress.await("Kafka", KafkaBroker.timeout(),
                kafka.process(), () -> KafkaBroker.ready(settings))) + ")");
        Progress.say("Keycloak ready (" + Progress.seconds(Progress.await("Keycloak", Duration.ofMinutes(4),
                keycloak.process(), () -> Keycloak.ready(settings))) + "), realm clinic");

        for (String service : SERVICES) {
            startService(service, Map.of());
        }
        startWebConsole();
        for (String service : SERVICES) {
            awaitService(service);
        }
        Duration took = Progress.await(WEB_CONSOLE, READY_TIMEOUT, webConsole.process(),
                () -> Progress.answers(settings.webUrl() + "/q/health/ready"));
        Progress.say(WEB_CONSOLE + " ready (" + Progress.seconds(took) + ")");
        Progress.say("all up in " + Progress.seconds(Duration.ofNanos(System.nanoTime() - start)));
    }

    private static List<String> allModules() {
        List<String> modules = new ArrayList<>(SERVICES);
        modules.add(WEB_CONSOLE);
        return modules;
    }

    private Path runner(String service) {
        return settings.repository().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private void startService(String service, Map<String, String> extraEnvironment) throws IOException {
        String database = service.substring(0, service.indexOf('-'));
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", settings.serviceUrl(service).substring(settings.serviceUrl(service).lastIndexOf(':') + 1));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", settings.realmUrl());
        if (System.getenv("CLINIC_WEB_ORIGINS") == null) {
            // the web console's pages call the APIs from their own origin: CORS must allow it
            env.put("CLINIC_WEB_ORIGINS", settings.webUrl());
        }
        env.putAll(settings.serviceEnvironment());
        env.putAll(extraEnvironment);
        Progress.say("starting " + service + " on " + settings.serviceUrl(service));
        List<String> command = new ArrayList<>(intakePriority(service));
        command.addAll(List.of(ChildProcess.java(), "-Xmx384m", "-jar", runner(service).toString()));
        services.put(service, ChildProcess.start(service, command,
                settings.repository().resolve(service), env, settings.workDirectory().resolve("logs"),
                services.containsKey(service)));
    }

    /**
     * The alert path before the intake path: when the machine runs short of CPU, the screening- and session-service
     * (which take the writes) run at a lower priority than Kafka, PostgreSQL and the alert-service, so an overloaded
     * machine answers writes later instead of raising alerts late. {@code BFR_INTAKE_NICE} sets their nice value
     * (default 5; 0 runs everything alike). Kubernetes does the same through CPU requests, Docker through CPU shares.
     */
    public static int intakeNice() {
        if (!Files.isExecutable(NICE)) {
            return 0;
        }
        String configured = System.getenv("BFR_INTAKE_NICE");
        return configured == null || configured.isBlank() ? DEFAULT_INTAKE_NICE : Integer.parseInt(configured.trim());
    }

    private static List<String> intakePriority(String service) {
        int nice = intakeNice();
        return nice == 0 || service.equals("alert-service")
                ? List.of()
                : List.of(NICE.toString(), "-n", String.valueOf(nice));
    }

    private void awaitService(String service) {
        Duration took = Progress.await(service, READY_TIMEOUT, services.get(service).process(),
                () -> Progress.answers(settings.serviceUrl(service) + "/q/health/ready"));
        Progress.say(service + " ready (" + Progress.seconds(took) + ")");
    }

    private void startWebConsole() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(settings.webPort()));
        env.put("CLINIC_WEB_REALM_URL", settings.realmUrl());
        env.put("CLINIC_WEB_SCREENING_URL", settings.serviceUrl("screening-service"));
        env.put("CLINIC_WEB_SESSION_URL", settings.serviceUrl("session-service"));
        env.put("CLINIC_WEB_ALERT_URL", settings.serviceUrl("alert-service"));
        Progress.say("starting " + WEB_CONSOLE + " on " + settings.webUrl());
        webConsole = ChildProcess.start(WEB_CONSOLE,
                List.of(ChildProcess.java(), "-Xmx96m", "-jar", runner(WEB_CONSOLE).toString()),
                settings.repository().resolve(WEB_CONSOLE), env, settings.workDirectory().resolve("logs"));
    }

    /** Stops a service as a crash would (SIGKILL). */
    public void kill(String service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Starts a service again (after {@link #kill}) and waits until it is ready. */
    public void restart(String service) throws IOException {
        restart(service, Map.of());
    }

    /**
     * Stops a service if it still runs (gently, then firmly), starts it again with {@code extraEnvironment} on top of
     * its usual environment, and waits until it is ready. The next plain {@link #restart(String)} drops the extras.
     */
    public void restart(String service, Map<String, String> extraEnvironment) throws IOException {
        ChildProcess old = services.get(service);
        if (old != null) {
            old.close();
        }
        startService(service, extraEnvironment);
        awaitService(service);
    }

    /** Stops the Kafka broker as an operator would (SIGTERM, then SIGKILL after 20 s); its data directory stays. */
    public void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /**
     * Starts the Kafka broker again on the same ports and data directory (after {@link #stopKafka()}) and waits until
     * it answers.
     */
    public Duration startKafka() throws IOException, InterruptedException {
        if (kafka != null && kafka.process().isAlive()) {
            throw new IllegalStateException("Kafka is running already");
        }
        Progress.say("starting Kafka again on " + settings.kafkaPort());
        kafka = KafkaBroker.start(settings, true);
        Duration took = Progress.await("Kafka", KafkaBroker.timeout(), kafka.process(), () -> KafkaBroker.ready(settings));
        Progress.say("Kafka ready (" + Progress.seconds(took) + ")");
        return took;
    }

    /**
     * Stops PostgreSQL as an operator would (a fast shutdown: open sessions are ended); its data directory stays.
     */
    public void stopPostgres() throws IOException {
        if (postgres != null) {
            Postgres running = postgres;
            postgres = null;
            running.close();
        }
    }

    /** Starts PostgreSQL again on the same port and data directory (after {@link #stopPostgres()}). */
    public Duration startPostgres() throws IOException {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is running already");
        }
        Progress.say("starting PostgreSQL again on " + settings.postgresPort());
        long start = System.nanoTime();
        postgres = Postgres.start(settings);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Progress.say("PostgreSQL ready (" + Progress.seconds(took) + ")");
        return took;
    }

    /**
     * The operating-system process id of a running component: a service, {@code web-console}, {@code kafka},
     * {@code keycloak}, or {@code postgres} (its postmaster).
     */
    public long pidOf(String component) throws IOException {
        if (component.equals("postgres")) {
            return Long.parseLong(Files.readAllLines(settings.workDirectory().resolve("postgres/postmaster.pid"))
                    .get(0).trim());
        }
        ChildProcess child = switch (component) {
            case WEB_CONSOLE -> webConsole;
            case "kafka" -> kafka;
            case "keycloak" -> keycloak;
            default -> services.get(component);
        };
        if (child == null) {
            throw new IllegalArgumentException("no running component " + component);
        }
        return child.pid();
    }

    /** A component's output; a restarted service's log holds every run of it within this stack. */
    public Path logOf(String component) {
        return settings.workDirectory().resolve("logs").resolve(component + ".log");
    }

    @Override
    public void close() {
        if (webConsole != null) {
            webConsole.close();
        }
        List<String> reversed = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(reversed);
        for (String service : reversed) {
            services.get(service).close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                Progress.say("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    /** Deletes the work directory except downloads: the next start begins with empty databases and topics. */
    public static void cleanData(StackSettings settings) throws IOException {
        Path work = settings.workDirectory();
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> entries = Files.list(work)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().equals("postgres-binaries")) {
                    continue;
                }
                if (entry.getFileName().toString().startsWith("keycloak-")) {
                    deleteTree(entry.resolve("data"));
                    continue;
                }
                deleteTree(entry);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
