package clinic.bfrguard.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (combined broker and KRaft controller) in its own JVM, from the kafka_2.13 jars, that lets in
 * authenticated users only and authorizes each request by its user's ACLs ({@link KafkaAccess}): clients speak
 * SCRAM-SHA-512, the controller's own listener PLAIN with the {@value KafkaAccess#ADMIN} password.
 */
final class KafkaBroker extends ProcessComponent {

    static final String NAME = "kafka";
    /** Fixed, so that a formatted log directory is reused on the next start. */
    private static final String CLUSTER_ID = "YmZyLWd1YXJkLWxvY2Fs";
    /** Written beside the log directory once it was formatted with the admin's credential. */
    private static final String AUTHENTICATED = "authenticated";

    private final StackSettings settings;

    KafkaBroker(StackSettings settings) {
        super(NAME, "Kafka", settings.logDirectory().resolve(NAME + ".log"), false);
        this.settings = settings;
    }

    @Override
    ChildProcess launch(Path log, boolean appendLog) throws IOException, InterruptedException {
        Progress.say("starting Kafka on " + settings.kafkaPort());
        Path home = settings.workDirectory().resolve("kafka");
        Path data = home.resolve("data");
        Files.createDirectories(data);
        if (Files.exists(data.resolve("meta.properties")) && !Files.exists(home.resolve(AUTHENTICATED))) {
            // formatted before the broker asked for credentials: its metadata holds no admin to let in
            Progress.say("Kafka's data predates its users and ACLs: starting it with empty topics");
            LocalStack.deleteTree(data);
            Files.createDirectories(data);
        }
        String admin = KafkaAccess.ADMIN;
        String adminPassword = KafkaAccess.password(admin);
        Path config = home.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.kafkaControllerPort(),
                "listeners=SASL_PLAINTEXT://127.0.0.1:" + settings.kafkaPort() + ",CONTROLLER://127.0.0.1:"
                        + settings.kafkaControllerPort(),
                "advertised.listeners=SASL_PLAINTEXT://localhost:" + settings.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_PLAINTEXT",
                "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
                // clients and the broker itself: SCRAM users, kept in the cluster's metadata
                "sasl.enabled.mechanisms=" + KafkaAccess.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaAccess.MECHANISM,
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + KafkaAccess.jaas(admin, adminPassword),
                // the controller's listener cannot use SCRAM (its credentials live in the metadata it serves)
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config="
                        + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + admin
                        + "\" password=\"" + adminPassword + "\" user_" + admin + "=\"" + adminPassword + "\";",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + admin,
                "allow.everyone.if.no.acl.found=false",
                "log.dirs=" + data.toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=16777216",
                ""));
        String classPath = System.getProperty("java.class.path");
        if (!Files.exists(data.resolve("meta.properties"))) {
            Process format = new ProcessBuilder(ChildProcess.java(), "-cp", classPath, "kafka.tools.StorageTool",
                    "format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted",
                    "--add-scram", KafkaAccess.MECHANISM + "=[name=" + admin + ",password=" + adminPassword + "]")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("format.log").toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's log directory failed; see " + home.resolve("format.log"));
            }
            Files.writeString(home.resolve(AUTHENTICATED), "formatted with the admin's SCRAM credential\n");
        }
        return ChildProcess.start(
                List.of(ChildProcess.java(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                        // the broker logs through the stack's own SLF4J provider, but at INFO into its log file,
                        // above the levels simplelogger.properties sets for the stack's clients
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
                        "-Dorg.slf4j.simpleLogger.showDateTime=true",
                        "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                        "-Dorg.slf4j.simpleLogger.log.state.change.logger=warn",
                        "-cp", classPath, "kafka.Kafka", config.toString()),
                home, Map.of(), log, appendLog);
    }

    /** Ready once it answers its admin, and then has the topics, the services' users and their ACLs. */
    @Override
    boolean answers() {
        Map<String, Object> config = new HashMap<>(settings.kafkaAdmin());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                return false;
            }
            KafkaAccess.apply(admin, settings.repository());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public Duration readyTimeout() {
        return Duration.ofSeconds(120);
    }
}
