package clinic.bfrguard.session.support;

import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.TopicWriter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the screening-service: puts {@code ScreeningCompleted} and {@code ClearanceGranted} envelopes, built from the
 * screening-service's own samples, onto the real {@code screening-events} topic.
 */
public final class ScreeningFeed {

    public static final String TOPIC = "screening-events";

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

    /** Sends an envelope built from the screening-service's sample, with the given id, as a redelivery would. */
    public static void send(UUID id, String patientId, String type, Map<String, Object> data) {
        sendRaw(patientId, EventSamples.envelope(id, TOPIC, type, patientId, data));
    }

    public static void sendRaw(String key, String value) {
        TopicWriter.send(TOPIC, key, value);
    }
}
