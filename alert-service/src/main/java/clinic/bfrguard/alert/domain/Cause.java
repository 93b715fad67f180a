package clinic.bfrguard.alert.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Why an alert is raised: one event, turned into the alert it deserves. Alerts with the same {@code dedupKey} are
 * one alert with several occurrences.
 */
public record Cause(AlertType type, Severity severity, String dedupKey, String patientId, String message,
        Instant occurredAt, UUID screeningId, UUID sessionId, UUID bandId, String limb) {

    public Cause {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
