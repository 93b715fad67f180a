package clinic.bfrguard.notification.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of an {@code alert-events} event as this service reads it: the alert after the change. What a page
 * needs is required; a record without it can never make a correct notification and belongs on the dead-letter
 * topic. Other fields of the alert-service's payload are ignored, so it can add some. An event without a
 * {@code site} comes from before sites and belongs to the default site.
 */
public record AlertChange(UUID alertId, String site, String type, String severity, String status, String limb,
        String symptom, Instant raisedAt, Integer escalationLevel) {

    public AlertChange {
        require(alertId, "alertId");
        require(type, "type");
        require(severity, "severity");
        require(status, "status");
        require(raisedAt, "raisedAt");
        escalationLevel = escalationLevel == null ? 0 : escalationLevel;
        if (escalationLevel < 0) {
            throw new IllegalArgumentException("'escalationLevel' must not be negative");
        }
    }

    private static void require(Object value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
    }
}
