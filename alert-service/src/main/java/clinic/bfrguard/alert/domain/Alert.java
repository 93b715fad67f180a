package clinic.bfrguard.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A safety alert and its lifecycle: who acknowledged and resolved it, and when; how often its cause occurred. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dedup_key", nullable = false)
    public String dedupKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AlertStatus status;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The patient's site, from the event that raised the alert. */
    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String message;

    @Column(name = "screening_id")
    public UUID screeningId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "band_id")
    public UUID bandId;

    public String limb;

    @Column(nullable = false)
    public int occurrences;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "last_occurred_at", nullable = false)
    public Instant lastOccurredAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolve_note")
    public String resolveNote;

    @Column(name = "resolved_automatically", nullable = false)
    public boolean resolvedAutomatically;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    @Column(name = "last_escalated_at")
    public Instant lastEscalatedAt;

    @Column(name = "band_released_at")
    public Instant bandReleasedAt;

    /** A new OPEN alert for {@code cause}. */
    public static Alert raise(Cause cause, Instant now, EscalationPolicy escalation) {
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.dedupKey = cause.dedupKey();
        alert.type = cause.type();
        alert.severity = cause.severity();
        alert.status = AlertStatus.OPEN;
        alert.patientId = cause.patientId();
        alert.message = cause.message();
        alert.screeningId = cause.screeningId();
        alert.sessionId = cause.sessionId();
        alert.bandId = cause.bandId();
        alert.limb = cause.limb();
        alert.occurrences = 1;
        alert.raisedAt = now;
        alert.lastOccurredAt = cause.occurredAt();
        alert.nextEscalationAt = escalation.firstEscalationAt(cause.severity(), now);
        return alert;
    }

    /** The same cause again: counted, and the message shows the latest values. */
    public void occurredAgain(Cause cause) {
        occurrences++;
        message = cause.message();
        if (cause.occurredAt().isAfter(lastOccurredAt)) {
            lastOccurredAt = cause.occurredAt();
        }
    }

    /** Whether a new event of this cause belongs to this alert rather than to a new one. */
    public boolean absorbs(Cause cause) {
        return status != AlertStatus.RESOLVED || !cause.type().recursAfterResolution();
    }

    public void acknowledge(String who, Instant now) {
        switch (status) {
            case OPEN -> {
                status = AlertStatus.ACKNOWLEDGED;
                acknowledgedBy = who;
                acknowledgedAt = now;
                nextEscalationAt = null;
            }
            case ACKNOWLEDGED -> throw new LifecycleException(
                    "Alert " + id + " was already acknowledged by " + acknowledgedBy + " at " + acknowledgedAt);
            case RESOLVED -> throw new LifecycleException(
                    "Alert " + id + " is resolved (by " + resolvedBy + " at " + resolvedAt + ")");
        }
    }

    /** Resolving an OPEN alert acknowledges it too, so every resolved alert says who took it on. */
    public void resolve(String who, Instant now, String note, boolean automatically) {
        if (status == AlertStatus.RESOLVED) {
            throw new LifecycleException(
                    "Alert " + id + " was already resolved by " + resolvedBy + " at " + resolvedAt);
        }
        if (status == AlertStatus.OPEN) {
            acknowledgedBy = who;
            acknowledgedAt = now;
        }
        status = AlertStatus.RESOLVED;
        resolvedBy = who;
        resolvedAt = now;
        resolveNote = note;
        resolvedAutomatically = automatically;
        nextEscalationAt = null;
    }

    public static Optional<Alert> latestForCauseLocked(String dedupKey) {
        return find("dedupKey = ?1 order by raisedAt desc", dedupKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static Optional<Alert> unresolvedForCauseLocked(String dedupKey) {
        return find("dedupKey = ?1 and status <> ?2", dedupKey, AlertStatus.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public static List<Alert> forBandLocked(UUID bandId) {
        return find("bandId = ?1 order by raisedAt", bandId).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public static Optional<Alert> findLocked(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The status is a literal, not a parameter, so that PostgreSQL answers from the partial index of open alerts
     * due for escalation instead of scanning every alert ever raised on each sweep.
     */
    public static List<UUID> dueForEscalation(Instant now, int limit) {
        return find("status = " + AlertStatus.class.getName() + ".OPEN and nextEscalationAt is not null"
                        + " and nextEscalationAt <= ?1 order by nextEscalationAt", now)
                .page(0, limit).project(IdOnly.class).list().stream().map(IdOnly::id).toList();
    }

    /** Newest first, each filter optional. */
    public static List<Alert> search(AlertStatus status, Severity severity, String patientId,
            Collection<String> sites, int limit) {
        List<String> where = new ArrayList<>();
        where.add("site in :sites");
        Parameters parameters = Parameters.with("sites", sites);
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (severity != null) {
            where.add("severity = :severity");
            parameters.and("severity", severity);
        }
        if (patientId != null) {
            where.add("patientId = :patientId");
            parameters.and("patientId", patientId);
        }
        String query = String.join(" and ", where) + " order by raisedAt desc, id";
        return Alert.<Alert>find(query, parameters).page(0, limit).list();
    }

    /** Projection for the escalation sweep. */
    public record IdOnly(UUID id) {
    }
}
