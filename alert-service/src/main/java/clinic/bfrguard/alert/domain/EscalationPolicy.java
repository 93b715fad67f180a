package clinic.bfrguard.alert.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When an unacknowledged CRITICAL alert escalates: {@code after} its raising, then every {@code after} again, up
 * to {@code limit} levels. Acknowledging or resolving stops it.
 */
public record EscalationPolicy(Duration after, int limit) {

    public EscalationPolicy {
        if (after == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("clinic.alerts.escalate-after must be positive");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("clinic.alerts.escalation-limit must not be negative");
        }
    }

    /** The first escalation of a new alert, or null when this severity never escalates. */
    public Instant firstEscalationAt(Severity severity, Instant raisedAt) {
        return severity == Severity.CRITICAL && limit > 0 ? raisedAt.plus(after) : null;
    }

    public boolean isDue(AlertStatus status, Instant nextEscalationAt, Instant now) {
        return status == AlertStatus.OPEN && nextEscalationAt != null && !now.isBefore(nextEscalationAt);
    }

    /**
     * The escalation after the one that was {@code due} and has just taken the alert to {@code levelReached}, or
     * null at the limit. Counted from the due time so a slow sweep does not stretch the interval; after an
     * outage longer than the interval, counted from now, so a backlog never fires twice in a row.
     */
    public Instant nextEscalationAt(int levelReached, Instant due, Instant now) {
        if (levelReached >= limit) {
            return null;
        }
        Instant next = due.plus(after);
        return next.isAfter(now) ? next : now.plus(after);
    }
}
