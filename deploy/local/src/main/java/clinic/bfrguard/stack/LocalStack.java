package clinic.bfrguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The whole BFR Guard system on one machine: PostgreSQL, Kafka, Keycloak and a mail server, then the services and
 * the web console, each awaited until ready. {@link #close()} stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    public static final List<String> SERVICES = List.of("screening-service", "session-service", "alert-service",
            "notification-service");
    public static final String WEB_CONSOLE = "web-console";
    public static final String KAFKA = KafkaBroker.NAME;
    public static final String POSTGRES = Postgres.NAME;
    public static final String KEYCLOAK = Keycloak.NAME;
    public static final String MAIL = MailServer.NAME;
    private static final int DEFAULT_INTAKE_NICE = 5;
    /**
     * Each service's JVM, sized as for a container that holds one service (deploy/README.md, Memory): a 96 MiB heap
     * with the serial collector (a small heap on one or two cores: no collector threads or remembered sets to pay
     * for), the C1 compiler only (compiled within seconds, and no C2 compiling its way through the first minutes on
     * cores the services share), metaspace and code cache bounded, small thread stacks. {@code BFR_SERVICE_JVM}
     * replaces them (space-separated), to compare settings.
     */
    static final List<String> SERVICE_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=128m", "-Xss512k");

    private final StackSettings settings;
    /**
     * In the order they start: the components of a step start together and are all awaited before the next step,
     * which needs them.
     */
    private final List<List<Component>> steps;
    /** Further instances of services, started after the stack ({@link #startReplica}); stopped first. */
    private final List<QuarkusApp> replicas = new CopyOnWriteArrayList<>();

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        List<Component> applications = new ArrayList<>();
        applications.add(service(settings, "screening-service", "screening", settings.screeningPort(), true));
        applications.add(service(settings, "session-service", "session", settings.sessionPort(), true));
        applications.add(service(settings, "alert-service", "alert", settings.alertPort(), false));
        applications.add(notificationService(settings));
        applications.add(webConsole(settings));
        this.steps = List.of(
                List.of(new Postgres(settings)),
                List.of(new KafkaBroker(settings), new Keycloak(settings), new MailServer(settings)),
                List.copyOf(applications));
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

    /** Every component, in the order they start. */
    public List<Component> components() {
        return Stream.concat(steps.stream().flatMap(List::stream), replicas.stream()).toList();
    }

    /**
     * Starts one more instance of {@code service} and returns once it is ready: replica 2 on the service's port
     * plus 100 (8182 for the session-service of the run command), replica 3 plus 200, on the same databases and
     * broker and in the same consumer groups, as production's replicas. The web console keeps calling the first.
     */
    public QuarkusApp startReplica(String service) throws IOException, InterruptedException {
        if (!SERVICES.contains(service)) {
            throw new IllegalArgumentException("not a service: " + service);
        }
        QuarkusApp first = (QuarkusApp) component(service);
        int n = 2 + (int) replicas.stream().filter(r -> r.module().equals(service)).count();
        QuarkusApp replica = first.replica(n, settings.replicaPort(service, n));
        replicas.add(replica);
        replica.start();
        replica.awaitReady(replica.readyTimeout());
        return replica;
    }

    /** Stops a replica {@link #startReplica} started and forgets it. */
    public void stopReplica(QuarkusApp replica) {
        replica.stop();
        replicas.remove(replica);
    }

    /** The component called {@code name}: a service, {@link #WEB_CONSOLE}, {@link #KAFKA}, {@link #POSTGRES}, ... */
    public Component component(String name) {
        return components().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + name));
    }

    private void startAll() throws Exception {
        long start = System.nanoTime();
        Files.createDirectories(settings.workDirectory());
        for (Component component : components()) {
            if (component instanceof QuarkusApp app && !Files.exists(app.runner())) {
                throw new IllegalStateException(app.runner() + " is missing: build first (./mvnw install -DskipTests)");
            }
        }
        for (List<Component> step : steps) {
            for (Component component : step) {
                component.start();
            }
            for (Component component : step) {
                component.awaitReady(component.readyTimeout());
            }
        }
        Progress.say("all up in " + Progress.seconds(Duration.ofNanos(System.nanoTime() - start)));
    }

    private static QuarkusApp service(StackSettings settings, String name, String database, int port,
            boolean intake) {
        return service(settings, name, database, port, intake, Map.of());
    }

    /**
     * The notification-service sends through the stack's mail server and links to its web console. Webhook targets
     * may be plain http here (a receiver on this machine), and it signs them with a local demo key; Web Push is signed
     * with a VAPID pair generated on the first run. The caller's environment wins for each, as for every CLINIC_*
     * value.
     */
    private static QuarkusApp notificationService(StackSettings settings) {
        Map<String, String> env = new HashMap<>();
        // the address the mail server binds to: "localhost" may resolve to ::1 first, where nothing listens
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(settings.smtpPort()));
        putUnlessSet(env, "CLINIC_NOTIFY_CONSOLE_URL", settings.webUrl());
        putUnlessSet(env, "CLINIC_NOTIFY_WEBHOOK_ALLOW_HTTP", "true");
        // local demo value: it signs webhooks to receivers on this machine only
        putUnlessSet(env, "CLINIC_NOTIFY_WEBHOOK_SIGNING_KEY", "local-stack-demo-signing-key");
        if (System.getenv("CLINIC_NOTIFY_PUSH_PUBLIC_KEY") == null) {
            VapidKeys.Pair vapid = VapidKeys.of(settings.workDirectory());
            env.put("CLINIC_NOTIFY_PUSH_PUBLIC_KEY", vapid.publicKey());
            env.put("CLINIC_NOTIFY_PUSH_PRIVATE_KEY", vapid.privateKey());
        }
        return service(settings, "notification-service", "notification", settings.notificationPort(), false, env);
    }

    private static void putUnlessSet(Map<String, String> env, String name, String value) {
        if (System.getenv(name) == null) {
            env.put(name, value);
        }
    }

    private static QuarkusApp service(StackSettings settings, String name, String database, int port,
            boolean intake, Map<String, String> own) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + settings.postgresPort() + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        env.put("QUARKUS_FLYWAY_USERNAME", Postgres.owner(database));
        env.put("QUARKUS_FLYWAY_PASSWORD", Postgres.owner(database));
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        env.putAll(KafkaAccess.serviceEnvironment(name));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", settings.realmUrl());
        if (System.getenv("CLINIC_WEB_ORIGINS") == null) {
            // the web console's pages call the APIs from their own origin: CORS must allow it
            env.put("CLINIC_WEB_ORIGINS", settings.webUrl());
        }
        // glibc gives each busy thread an arena of its own; two are enough and keep the resident memory down
        env.put("MALLOC_ARENA_MAX", "2");
        env.putAll(own);
        env.putAll(settings.serviceEnvironment());
        return new QuarkusApp(settings, name, port, serviceJvm(), intake, env);
    }

    private static QuarkusApp webConsole(StackSettings settings) {
        Map<String, String> env = new HashMap<>();
        env.put("CLINIC_WEB_REALM_URL", settings.realmUrl());
        env.put("CLINIC_WEB_SCREENING_URL", settings.serviceUrl("screening-service"));
        env.put("CLINIC_WEB_SESSION_URL", settings.serviceUrl("session-service"));
        env.put("CLINIC_WEB_ALERT_URL", settings.serviceUrl("alert-service"));
        env.put("CLINIC_WEB_NOTIFICATION_URL", settings.serviceUrl("notification-service"));
        // the console's settings among the stack's extra environment (the end-to-end suite's short stream silence)
        settings.serviceEnvironment().entrySet().stream().filter(e -> e.getKey().startsWith("CLINIC_WEB_"))
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        return new QuarkusApp(settings, WEB_CONSOLE, settings.webPort(), List.of("-Xmx96m"), false, env);
    }

    private static List<String> serviceJvm() {
        String configured = System.getenv("BFR_SERVICE_JVM");
        return configured == null || configured.isBlank() ? SERVICE_JVM : List.of(configured.trim().split("\\s+"));
    }

    /**
     * The alert path before the intake path: when the machine runs short of CPU, the screening- and session-service
     * (which take the writes) run at a lower priority than Kafka, PostgreSQL and the alert-service, so an overloaded
     * machine answers writes later instead of raising alerts late. {@code BFR_INTAKE_NICE} sets their nice value
     * (default 5; 0 runs everything alike). Kubernetes does the same through CPU requests, Docker through CPU shares.
     */
    public static int intakeNice() {
        if (!Files.isExecutable(QuarkusApp.NICE)) {
            return 0;
        }
        String configured = System.getenv("BFR_INTAKE_NICE");
        return configured == null || configured.isBlank() ? DEFAULT_INTAKE_NICE : Integer.parseInt(configured.trim());
    }

    /**
     * Stops the replicas, then the steps in the reverse order of their start, the components of one step at once:
     * the services, each draining its consumers for some seconds, stop side by side before the broker and the
     * database go.
     */
    @Override
    public void close() {
        List<List<Component>> reversed = new ArrayList<>(steps);
        reversed.add(new ArrayList<>(replicas));
        Collections.reverse(reversed);
        for (List<Component> step : reversed) {
            List<Thread> stopping = step.stream()
                    .map(component -> new Thread(component::stop, "stop-" + component.name())).toList();
            stopping.forEach(Thread::start);
            for (Thread thread : stopping) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Deletes the work directory except downloads: the next start begins with empty databases and topics. */
    public static void cleanData(StackSettings settings) throws IOException {
        Path work = settings.workDirectory();
        if (!Files.exists(work)) {
            return;
        }
        Path binaries = work.resolve(Postgres.BINARIES);
        Path keycloak = Keycloak.home(settings);
        try (Stream<Path> entries = Files.list(work)) {
            for (Path entry : entries.toList()) {
                if (entry.equals(binaries)) {
                    continue;
                }
                if (entry.equals(keycloak)) {
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
