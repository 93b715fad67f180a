package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.OutboxConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The outbox relay's Kafka producer: idempotent, {@code acks=all}, no lingering (an alert must not wait for a
 * batch to fill). Connection settings come from the application's {@code kafka.*} configuration.
 * <p>
 * A record the producer has accepted is retried until the broker takes it ({@code delivery.timeout.ms} has no
 * bound). A producer that gives up on a record after a timeout goes on to deliver the records sent after it (it
 * renumbers them), so one patient's later event would reach the topic before an earlier one; without the bound
 * the idempotent producer keeps every partition's records in the order they were sent. The relay, not the
 * producer, decides how long to wait for an acknowledgement.
 */
@ApplicationScoped
public class KafkaEventPublisher implements EventPublisher {

    private final Map<String, Object> settings;
    private final Duration closeTimeout;
    private KafkaProducer<String, String> producer;

    public KafkaEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxConfig outboxConfig) {
        this.settings = producerSettings(kafkaConfig, outboxConfig);
        this.closeTimeout = outboxConfig.sendTimeout();
    }

    static Map<String, Object> producerSettings(Map<String, Object> kafkaConfig, OutboxConfig outboxConfig) {
        Map<String, Object> settings = new HashMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                settings.put(name, value);
            }
        });
        int timeoutMs = (int) outboxConfig.sendTimeout().toMillis();
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeoutMs / 2));
        settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, outboxConfig.source() + "-outbox");
        return settings;
    }

    @Override
    public CompletionStage<Void> send(String topic, String key, String value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer().send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Kafka's own classification: a {@link RetriableException} may pass later; any other refusal will not. */
    @Override
    public boolean mayPassLater(Throwable failure) {
        return failure instanceof RetriableException;
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(settings);
        }
        return producer;
    }

    /**
     * Gives records still in flight the send timeout to be acknowledged; with the broker away, the rest are
     * dropped and stay pending in the outbox, for the next start to send.
     */
    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(closeTimeout);
            producer = null;
        }
    }
}
