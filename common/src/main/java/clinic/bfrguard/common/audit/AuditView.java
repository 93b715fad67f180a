package clinic.bfrguard.common.audit;

import java.time.Instant;

/** An audit entry as {@code GET /api/audit} answers it. */
public record AuditView(long id, Instant at, String actor, String actorSubject, String action, String targetType,
        String targetId, String patientId) {

    static AuditView of(AuditEntry entry) {
        return new AuditView(entry.id, entry.at, entry.actor, entry.actorSubject, entry.action, entry.targetType,
                entry.targetId, entry.patientId);
    }
}
