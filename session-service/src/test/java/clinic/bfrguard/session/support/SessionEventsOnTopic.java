package clinic.bfrguard.session.support;

import clinic.bfrguard.testing.TopicRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** The envelopes on the real {@code session-events} topic for one patient, read the way a consumer reads them. */
public final class SessionEventsOnTopic {

    public static final String TOPIC = "session-events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionEventsOnTopic() {
    }

    public static List<JsonNode> of(String patientId, int expected, Duration timeout, Duration settle) {
        return TopicRecords.withKey(TOPIC, patientId, expected, timeout, settle).stream()
                .map(ConsumerRecord::value).map(SessionEventsOnTopic::parse).toList();
    }

    public static List<JsonNode> of(String patientId, int expected) {
        return of(patientId, expected, Duration.ofSeconds(15), Duration.ofSeconds(1));
    }

    public static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    public static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asText()).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
