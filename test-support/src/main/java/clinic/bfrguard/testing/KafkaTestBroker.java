package clinic.bfrguard.testing;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * One real Kafka broker per test JVM: the broker named by {@code KAFKA_BOOTSTRAP_SERVERS} when that is set,
 * otherwise an embedded KRaft broker on a free port, started on first use and stopped when the JVM exits.
 */
public final class KafkaTestBroker {

    private static String bootstrapServers;
    private static EmbeddedKafkaBroker broker;
    private static KafkaCompanion companion;

    private KafkaTestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers != null) {
            return bootstrapServers;
        }
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            bootstrapServers = external;
            return bootstrapServers;
        }
        broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(properties -> {
                    properties.put("offsets.topic.num.partitions", "1");
                    properties.put("offsets.topic.replication.factor", "1");
                    properties.put("transaction.state.log.replication.factor", "1");
                    properties.put("transaction.state.log.min.isr", "1");
                    properties.put("group.initial.rebalance.delay.ms", "0");
                    properties.put("num.partitions", "3");
                    properties.put("auto.create.topics.enable", "true");
                    properties.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
                })
                .start();
        bootstrapServers = broker.getAdvertisedListeners();
        Runtime.getRuntime().addShutdownHook(new Thread(KafkaTestBroker::stop, "kafka-test-broker-stop"));
        return bootstrapServers;
    }

    /** A companion (producer, consumer and admin helpers) connected to the test broker. */
    public static synchronized KafkaCompanion companion() {
        if (companion == null) {
            companion = new KafkaCompanion(bootstrapServers());
        }
        return companion;
    }

    private static synchronized void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
