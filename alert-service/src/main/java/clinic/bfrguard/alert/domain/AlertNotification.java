package clinic.bfrguard.alert.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an alert's notification trail: an attempt to notify someone, keyed by the id of the event that
 * reported it. Written once, never changed.
 */
@Entity
@Table(name = "alert_notification")
public class AlertNotification extends PanacheEntityBase {

    /** The order of a trail: when each attempt was made; the event id only keeps two of the same instant apart. */
    private static final String TRAIL_ORDER = " order by at, eventId";

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "alert_id", nullable = false)
    public UUID alertId;

    /** The alert's site: a trail is seen by those who see its alert. */
    @Column(nullable = false)
    public String site;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(nullable = false)
    public int step;

    public String recipient;

    public String channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationOutcome outcome;

    @Column(nullable = false)
    public int attempts;

    @Column(nullable = false)
    public boolean retrying;

    @Enumerated(EnumType.STRING)
    public NotificationFailure reason;

    public String detail;

    @Column(nullable = false)
    public Instant at;

    /** The trail entry that the event {@code eventId} reports for {@code alert}. */
    public static AlertNotification of(UUID eventId, Alert alert, NotificationAttempt attempt) {
        if (!alert.id.equals(attempt.alertId())) {
            throw new IllegalArgumentException("attempt for alert " + attempt.alertId() + " is not of alert " + alert.id);
        }
        AlertNotification entry = new AlertNotification();
        entry.eventId = eventId;
        entry.alertId = alert.id;
        entry.site = alert.site;
        entry.escalationLevel = attempt.escalationLevel();
        entry.step = attempt.step();
        entry.recipient = attempt.recipient();
        entry.channel = attempt.channel();
        entry.kind = attempt.kind();
        entry.outcome = attempt.outcome();
        entry.attempts = attempt.attempts();
        entry.retrying = attempt.retrying();
        entry.reason = attempt.reason();
        entry.detail = attempt.detail();
        entry.at = attempt.at();
        return entry;
    }

    /** The alert's trail, oldest attempt first. */
    public static List<AlertNotification> trailOf(UUID alertId) {
        return find("alertId = ?1" + TRAIL_ORDER, alertId).list();
    }

    /**
     * The trails of several alerts in one query, each oldest attempt first; an alert without one is not a key. A
     * list of alerts costs one query more than the alerts themselves, however many it holds.
     */
    public static Map<UUID, List<AlertNotification>> trailsOf(Collection<UUID> alertIds) {
        Map<UUID, List<AlertNotification>> trails = new LinkedHashMap<>();
        if (alertIds.isEmpty()) {
            return trails;
        }
        List<AlertNotification> entries = find("alertId in ?1" + TRAIL_ORDER, alertIds).list();
        for (AlertNotification entry : entries) {
            trails.computeIfAbsent(entry.alertId, id -> new ArrayList<>()).add(entry);
        }
        return trails;
    }
}
