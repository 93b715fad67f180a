package clinic.bfrguard.alert.support;

import clinic.bfrguard.testing.KafkaTestBroker;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes envelopes onto the real topics, keyed by patient, the way screening- and session-service do. */
public final class TestEvents {

    public static final String SCREENING = "screening-events";
    public static final String SESSION = "session-events";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    public static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        }
        return producer;
    }

    public static String envelope(UUID id, String type, String source, String patientId, Map<String, ?> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("source", source);
        envelope.put("time", Instant.now().toString());
        envelope.put("patientId", patientId);
        envelope.put("data", data);
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends a session event with a fresh envelope id; returns that id. */
    public static UUID session(String patientId, String type, Map<String, ?> data) {
        UUID id = UUID.randomUUID();
        send(SESSION, patientId, envelope(id, type, "session-service", patientId, data));
        return id;
    }

    public static UUID screening(String patientId, String type, Map<String, ?> data) {
        UUID id = UUID.randomUUID();
        send(SCREENING, patientId, envelope(id, type, "screening-service", patientId, data));
        return id;
    }

    public static void send(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("record not acknowledged by the broker", e);
        }
    }

    /** A map that keeps nulls and order: event data as publishers write it. */
    public static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1] instanceof Instant instant ? instant.toString()
                    : pairs[i + 1] instanceof UUID uuid ? uuid.toString() : pairs[i + 1]);
        }
        return data;
    }
}
