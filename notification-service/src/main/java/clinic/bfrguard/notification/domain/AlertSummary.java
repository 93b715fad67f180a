package clinic.bfrguard.notification.domain;

import java.time.Instant;
import java.util.UUID;

/** What a notification may say about an alert, as this service learnt it from {@code alert-events}. */
public record AlertSummary(UUID alertId, String site, String patientId, String type, String severity, String status,
        String limb, String symptom, Instant raisedAt, int escalationLevel) {
}
