package clinic.bfrguard.session.support;

import clinic.bfrguard.testing.KafkaTestBroker;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Plays the screening-service: puts {@code ScreeningCompleted} and {@code ClearanceGranted} envelopes, in the
 * screening-service's format, onto the real {@code screening-events} topic.
 */
public final class ScreeningFeed {

    public static final String TOPIC = "screening-events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private ScreeningFeed() {
    }

    public static Map<String, Object> screeningCompleted(UUID screeningId, String outcome, int points,
            Instant screenedAt, Instant validUntil, List<Map<String, String>> limbRestrictions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("screeningId", screeningId.toString());
        data.put("outcome", outcome);
        data.put("totalPoints", points);
        data.put("reasons", points == 0 ? List.of()
                : List.of(Map.of("code", "AGE_OVER_60", "points", points, "message", "reason")));
        data.put("limbRestrictions", limbRestrictions);
        data.put("screenedBy", "physio1");
        data.put("screenedAt", screenedAt.toString());
        data.put("validUntil", validUntil.toString());
        return data;
    }

    public static Map<String, Object> clearanceGranted(UUID screeningId, Instant clearedAt, Instant validUntil) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("screeningId", screeningId.toString());
        data.put("clearedBy", "clinician1");
        data.put("clearedAt", clearedAt.toString());
        data.put("validUntil", validUntil.toString());
        return data;
    }

    /** Sends an envelope with a fresh id; returns that id. */
    public static UUID send(String patientId, String type, Map<String, Object> data) {
        UUID id = UUID.randomUUID();
        send(id, patientId, type, data);
        return id;
    }

    /** Sends an envelope with the given id, as a redelivery would. */
    public static void send(UUID id, String patientId, String type, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("source", "screening-service");
        envelope.put("time", Instant.now().toString());
        envelope.put("patientId", patientId);
        envelope.put("data", data);
        try {
            sendRaw(patientId, JSON.writeValueAsString(envelope));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void sendRaw(String key, String value) {
        try {
            producer().send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }
}
