package clinic.bfrguard.alert.support;

import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.TopicWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes envelopes onto the real topics, keyed by patient. Events of the contract are built from the producers'
 * samples ({@link EventSamples}), so a test can only send what screening-, session- and notification-service really
 * publish.
 */
public final class TestEvents {

    public static final String SCREENING = "screening-events";
    public static final String SESSION = "session-events";
    public static final String NOTIFICATION = "notification-events";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestEvents() {
    }

    public static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static KafkaProducer<String, String> producer() {
        return TopicWriter.producer();
    }

    /** Sends a session event built from its sample, with a fresh envelope id; returns that id. */
    public static UUID session(String patientId, String type, Map<String, ?> data) {
        UUID id = UUID.randomUUID();
        send(SESSION, patientId, EventSamples.envelope(id, SESSION, type, patientId, data));
        return id;
    }

    /** A session event built from its sample, to send more than once as a redelivery would. */
    public static String sessionRecord(String patientId, String type, Map<String, ?> data) {
        return EventSamples.envelope(SESSION, type, patientId, data);
    }

    /** A notification event built from its sample, to send once or, as a redelivery would, more than once. */
    public static String notificationRecord(String patientId, String type, Map<String, ?> data) {
        return EventSamples.envelope(NOTIFICATION, type, patientId, data);
    }

    public static UUID screening(String patientId, String type, Map<String, ?> data) {
        UUID id = UUID.randomUUID();
        send(SCREENING, patientId, EventSamples.envelope(id, SCREENING, type, patientId, data));
        return id;
    }

    /**
     * An event built from its sample, but signed by {@code source} instead of the topic's producer: what anyone who
     * can write to the broker could forge.
     */
    public static String forged(String source, String topic, String patientId, String type, Map<String, ?> data) {
        try {
            ObjectNode envelope = (ObjectNode) JSON.readTree(EventSamples.envelope(topic, type, patientId, data));
            envelope.put("source", source);
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hand-built envelope, for records that break the contract on purpose. */
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

    public static void send(String topic, String key, String value) {
        TopicWriter.send(topic, key, value);
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
