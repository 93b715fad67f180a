package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.Alert;
import clinic.bfrguard.alert.domain.AlertStatus;
import clinic.bfrguard.alert.domain.AlertType;
import clinic.bfrguard.alert.domain.DedupKeys;
import clinic.bfrguard.alert.domain.Severity;
import clinic.bfrguard.alert.domain.Symptom;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of every {@code alert-events} event: the alert as it stands after the change. This service's contract
 * with its consumers, kept apart from the REST view so that either can change without the other. A resolve note is
 * free text and stays in this service.
 */
public record AlertEventData(UUID alertId, String site, AlertType type, Severity severity, AlertStatus status, String message,
        int occurrences, Instant raisedAt, Instant lastOccurredAt, UUID screeningId, UUID sessionId, UUID bandId,
        String limb, Symptom symptom, String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt,
        boolean resolvedAutomatically, int escalationLevel, Instant lastEscalatedAt, String dedupKey) {

    static AlertEventData of(Alert a) {
        return new AlertEventData(a.id, a.site, a.type, a.severity, a.status, a.message, a.occurrences, a.raisedAt,
                a.lastOccurredAt, a.screeningId, a.sessionId, a.bandId, a.limb,
                DedupKeys.symptomOf(a.dedupKey).orElse(null), a.acknowledgedBy, a.acknowledgedAt,
                a.resolvedBy, a.resolvedAt, a.resolvedAutomatically, a.escalationLevel, a.lastEscalatedAt,
                a.dedupKey);
    }
}
