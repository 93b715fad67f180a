package clinic.bfrguard.common.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The one envelope every event travels in (CloudEvents attribute names). {@code id} is unique per event and is
 * what consumers deduplicate on; {@code patientId} is also the Kafka record key, so one patient's events stay in order.
 */
public record EventEnvelope(UUID id, String type, String source, Instant time, String patientId, JsonNode data) {
}
