package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.OutboxConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaEventPublisherTests {

    /** Outbox settings as plain values; a record's accessors implement the configuration interface. */
    private record Settings(String source, Duration pollInterval, Duration minPassInterval, int batchSize,
            Duration sendTimeout, Duration retention) implements OutboxConfig {
    }

    private static final OutboxConfig CONFIG = new Settings("session-service", Duration.ofSeconds(2), Duration.ZERO,
            500, Duration.ofSeconds(10), Duration.ofDays(7));

    @Test
    void recordsTheProducerHasTakenAreNeverGivenUpSoTheyCannotBeOvertaken() {
        Map<String, Object> settings = KafkaEventPublisher.producerSettings(Map.of(), CONFIG);

        assertThat(settings).containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    }

    @Test
    void aBrokerAwayMayPassLaterARecordTooLargeNever() {
        KafkaEventPublisher publisher = new KafkaEventPublisher(Map.of(), CONFIG);

        assertThat(publisher.mayPassLater(new TimeoutException("Topic session-events not present in metadata")))
                .isTrue();
        assertThat(publisher.mayPassLater(new NotEnoughReplicasException("too few in sync"))).isTrue();
        assertThat(publisher.mayPassLater(new RecordTooLargeException("larger than 1048576"))).isFalse();
        assertThat(publisher.mayPassLater(new TopicAuthorizationException("not allowed"))).isFalse();
    }

    @Test
    void theApplicationCannotLoosenTheOrderingSettings() {
        Map<String, Object> settings = KafkaEventPublisher.producerSettings(Map.of(
                "bootstrap.servers", "kafka:9092",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.ACKS_CONFIG, "1",
                "group.id", "not-a-producer-setting"), CONFIG);

        assertThat(settings).containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE)
                .doesNotContainKey("group.id")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "session-service-outbox");
    }
}
