package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.domain.Alert;
import clinic.bfrguard.alert.domain.AlertNotification;
import clinic.bfrguard.alert.domain.AlertStatus;
import clinic.bfrguard.alert.domain.AlertType;
import clinic.bfrguard.alert.domain.Severity;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as clients see it. {@code notifications} is its notification trail, oldest attempt first; it is left out
 * (null) where the trail was not read: the stream's changes other than {@code NOTIFIED}, which do not change it.
 */
public record AlertView(UUID id, String site, AlertType type, Severity severity, AlertStatus status,
        String patientId, String message, int occurrences, Instant raisedAt, Instant lastOccurredAt, UUID screeningId, UUID sessionId,
        UUID bandId, String limb, String acknowledgedBy, Instant acknowledgedAt, String resolvedBy,
        Instant resolvedAt, String resolveNote, boolean resolvedAutomatically, int escalationLevel,
        Instant nextEscalationAt, Instant lastEscalatedAt, Instant bandReleasedAt, String dedupKey,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<NotificationView> notifications) {

    /** The alert without its trail. */
    public static AlertView of(Alert a) {
        return view(a, null);
    }

    /** The alert with its trail, {@code trail} in the order it is shown. */
    public static AlertView of(Alert a, List<AlertNotification> trail) {
        return view(a, trail.stream().map(NotificationView::of).toList());
    }

    private static AlertView view(Alert a, List<NotificationView> notifications) {
        return new AlertView(a.id, a.site, a.type, a.severity, a.status, a.patientId, a.message, a.occurrences,
                a.raisedAt, a.lastOccurredAt, a.screeningId, a.sessionId, a.bandId, a.limb, a.acknowledgedBy, a.acknowledgedAt,
                a.resolvedBy, a.resolvedAt, a.resolveNote, a.resolvedAutomatically, a.escalationLevel,
                a.nextEscalationAt, a.lastEscalatedAt, a.bandReleasedAt, a.dedupKey, notifications);
    }
}
