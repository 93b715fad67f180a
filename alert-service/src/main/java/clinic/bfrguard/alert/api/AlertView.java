package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.domain.Alert;
import clinic.bfrguard.alert.domain.AlertStatus;
import clinic.bfrguard.alert.domain.AlertType;
import clinic.bfrguard.alert.domain.Severity;

import java.time.Instant;
import java.util.UUID;

/** An alert as clients and {@code alert-events} consumers see it. */
public record AlertView(UUID id, String site, AlertType type, Severity severity, AlertStatus status,
        String patientId, String message, int occurrences, Instant raisedAt, Instant lastOccurredAt, UUID screeningId, UUID sessionId,
        UUID bandId, String limb, String acknowledgedBy, Instant acknowledgedAt, String resolvedBy,
        Instant resolvedAt, String resolveNote, boolean resolvedAutomatically, int escalationLevel,
        Instant nextEscalationAt, Instant lastEscalatedAt, Instant bandReleasedAt, String dedupKey) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id, a.site, a.type, a.severity, a.status, a.patientId, a.message, a.occurrences,
                a.raisedAt, a.lastOccurredAt, a.screeningId, a.sessionId, a.bandId, a.limb, a.acknowledgedBy, a.acknowledgedAt,
                a.resolvedBy, a.resolvedAt, a.resolveNote, a.resolvedAutomatically, a.escalationLevel,
                a.nextEscalationAt, a.lastEscalatedAt, a.bandReleasedAt, a.dedupKey);
    }
}
