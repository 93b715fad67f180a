package clinic.bfrguard.alert.domain;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.alert.events.AlertEvents;
import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.common.domain.RecordNotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Alerts and their lifecycle. Every change, its {@code alert-events} event and its change-feed entry commit in one
 * transaction; the caller of the event-driven methods adds the processed event id to that same transaction.
 */
@ApplicationScoped
@Transactional
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);

    /** The audit action of another occurrence of an alert; not an event, since downstream it is the same alert. */
    static final String OCCURRED_AGAIN = "AlertOccurredAgain";

    private final AlertEvents events;
    private final EscalationPolicy escalation;
    private final Clock clock;
    private final EntityManager em;
    private final Audit audit;

    public AlertService(AlertEvents events, AlertConfig config, Clock clock, EntityManager em, Audit audit) {
        this.events = events;
        this.audit = audit;
        this.escalation = config.escalationPolicy();
        this.clock = clock;
        this.em = em;
    }

    /**
     * Raises the alert for {@code cause} at the patient's {@code site}, or counts one more occurrence of the alert
     * it already has.
     */
    public Optional<Alert> raise(Cause cause, String site) {
        if (cause.type() == AlertType.BAND_TIME_WARNING && releasedInTime(cause.bandId())) {
            // the band came off before its deadline: a late warning would only make noise
            return Optional.empty();
        }
        Optional<Alert> existing = Alert.latestForCauseLocked(cause.dedupKey());
        if (existing.isPresent() && existing.get().absorbs(cause)) {
            Alert alert = existing.get();
            alert.occurredAgain(cause);
            audited(Audit.SYSTEM, OCCURRED_AGAIN, alert);
            events.occurred(alert);
            return Optional.of(alert);
        }
        Alert alert = Alert.raise(cause, clock.instant(), escalation);
        alert.site = site;
        if (cause.type() == AlertType.BAND_TIME_OVERRUN) {
            releaseOf(cause.bandId()).ifPresent(released -> alert.bandReleasedAt = released);
        }
        alert.persist();
        audited(Audit.SYSTEM, AlertEvents.ALERT_RAISED, alert);
        events.raised(alert);
        if (cause.type() == AlertType.CLEARANCE_REQUIRED) {
            // the clearance arrived before its screening: settle the alert as if they had come in order
            clearanceOf(cause.screeningId()).ifPresent(clearedBy -> settleByClearance(alert, clearedBy));
        }
        return Optional.of(alert);
    }

    /**
     * The clearance settles the screening's CLEARANCE_REQUIRED alert. It is remembered, so that it also settles that
     * alert when the screening arrives after it.
     */
    public Optional<Alert> clearanceGranted(UUID screeningId, String clearedBy, Instant clearedAt) {
        em.createNativeQuery("insert into screening_clearance (screening_id, cleared_by, cleared_at)"
                        + " values (:screening, :by, :at) on conflict do nothing")
                .setParameter("screening", screeningId)
                .setParameter("by", clearedBy)
                .setParameter("at", clearedAt)
                .executeUpdate();
        String key = DedupKeys.screening(AlertType.CLEARANCE_REQUIRED, screeningId);
        return Alert.unresolvedForCauseLocked(key).map(alert -> settleByClearance(alert, clearedBy));
    }

    private Alert settleByClearance(Alert alert, String clearedBy) {
        alert.resolve(clearedBy, clock.instant(), "Clearance granted by " + clearedBy, true);
        audited(Audit.SYSTEM, AlertEvents.ALERT_RESOLVED, alert);
        events.resolved(alert);
        return alert;
    }

    /**
     * A released band: its warning resolves itself when the band came off before the deadline; an overrun stays
     * for a clinician, who now sees when the band came off and that the limb needs checking.
     */
    public List<Alert> bandReleased(BandRelease release) {
        em.createNativeQuery("insert into band_release (band_id, released_at, deadline) values (:band, :at, :deadline)"
                        + " on conflict do nothing")
                .setParameter("band", release.bandId())
                .setParameter("at", release.releasedAt())
                .setParameter("deadline", release.deadline())
                .executeUpdate();
        List<Alert> alerts = Alert.forBandLocked(release.bandId());
        for (Alert alert : alerts) {
            alert.bandReleasedAt = release.releasedAt();
            if (alert.type == AlertType.BAND_TIME_WARNING && alert.status != AlertStatus.RESOLVED
                    && release.inTime()) {
                String who = release.releasedBy() != null ? release.releasedBy() : "system";
                alert.resolve(who, clock.instant(), "Band released after "
                        + AlertMessages.duration(Duration.ofSeconds(release.worn()))
                        + ", before the deadline", true);
                audited(Audit.SYSTEM, AlertEvents.ALERT_RESOLVED, alert);
                events.resolved(alert);
            } else {
                if (alert.type == AlertType.BAND_TIME_OVERRUN) {
                    alert.message = AlertMessages.bandTimeOverrunReleased(alert.patientId, release.limb(),
                            release.worn(), release.limitSeconds(), release.releasedAt());
                }
                events.bandReleased(alert);
            }
        }
        return alerts;
    }

    /**
     * Adds what the event {@code eventId} reports, an attempt to notify someone of an alert, to that alert's trail,
     * and pushes the trail to screens. The alert's row is locked like for any other change, so that the change
     * carries the alert as it stands and changes of one alert reach the feed in the order they were made. An
     * attempt for an alert this service does not have (another deployment's, or from before a reset) changes
     * nothing.
     */
    public Optional<Alert> notified(UUID eventId, NotificationAttempt attempt) {
        Optional<Alert> found = Alert.findLocked(attempt.alertId());
        if (found.isEmpty()) {
            LOG.debugf("Notification event %s names alert %s, which is not known here; ignored", eventId,
                    attempt.alertId());
            return Optional.empty();
        }
        Alert alert = found.get();
        AlertNotification.of(eventId, alert, attempt).persist();
        events.notified(alert, AlertNotification.trailOf(alert.id));
        return found;
    }

    public Alert acknowledge(UUID id, String who, Collection<String> sites) {
        Alert alert = Alert.findLocked(id).filter(a -> sites.contains(a.site))
                .orElseThrow(() -> new RecordNotFound("Alert", id));
        alert.acknowledge(who, clock.instant());
        audited(who, AlertEvents.ALERT_ACKNOWLEDGED, alert);
        events.acknowledged(alert);
        return alert;
    }

    public Alert resolve(UUID id, String who, String note, Collection<String> sites) {
        Alert alert = Alert.findLocked(id).filter(a -> sites.contains(a.site))
                .orElseThrow(() -> new RecordNotFound("Alert", id));
        alert.resolve(who, clock.instant(), note, false);
        audited(who, AlertEvents.ALERT_RESOLVED, alert);
        events.resolved(alert);
        return alert;
    }

    /**
     * Escalates one alert if it is still due. The update only applies to the state that was read, so when two
     * replicas sweep at once, or a clinician acknowledges meanwhile, exactly one outcome wins.
     */
    public boolean escalate(UUID id) {
        Instant now = clock.instant();
        Alert alert = Alert.findById(id);
        if (alert == null || !escalation.isDue(alert.status, alert.nextEscalationAt, now)) {
            return false;
        }
        int level = alert.escalationLevel;
        Instant due = alert.nextEscalationAt;
        Instant next = escalation.nextEscalationAt(level + 1, due, now);
        int updated = em.createQuery("update Alert set escalationLevel = :next, nextEscalationAt = :nextAt,"
                        + " lastEscalatedAt = :now where id = :id and status = :open and escalationLevel = :level"
                        + " and nextEscalationAt = :due")
                .setParameter("next", level + 1)
                .setParameter("nextAt", next)
                .setParameter("now", now)
                .setParameter("id", id)
                .setParameter("open", AlertStatus.OPEN)
                .setParameter("level", level)
                .setParameter("due", due)
                .executeUpdate();
        if (updated == 0) {
            return false;
        }
        em.refresh(alert);
        audited(Audit.SYSTEM, AlertEvents.ALERT_ESCALATED, alert);
        events.escalated(alert);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> dueForEscalation(int limit) {
        return Alert.dueForEscalation(clock.instant(), limit);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Alert get(UUID id, Collection<String> sites) {
        return Alert.<Alert>findByIdOptional(id).filter(a -> sites.contains(a.site))
                .orElseThrow(() -> new RecordNotFound("Alert", id));
    }

    /** The alert's notification trail, oldest attempt first; the caller has checked that it may see the alert. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AlertNotification> trailOf(UUID alertId) {
        return AlertNotification.trailOf(alertId);
    }

    /** The trails of the alerts, in one query; an alert without a trail is not a key. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<AlertNotification>> trailsOf(List<Alert> alerts) {
        return AlertNotification.trailsOf(alerts.stream().map(a -> a.id).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Alert> search(AlertStatus status, Severity severity, String patientId, Collection<String> sites,
            int limit) {
        return Alert.search(status, severity, patientId, sites, limit);
    }

    /**
     * One audit entry about {@code alert}. What the service does by itself (raise, count, escalate, settle by an
     * event) is {@code system}'s. Written before the change's event: publishing takes the change feed's lock, which
     * every alert transaction waits for, so nothing else should happen between it and the commit.
     */
    private void audited(String actor, String action, Alert alert) {
        audit.record(actor, action, "alert", alert.id, alert.patientId);
    }

    private boolean releasedInTime(UUID bandId) {
        List<?> rows = em.createNativeQuery("select 1 from band_release where band_id = :band and released_at < deadline")
                .setParameter("band", bandId).getResultList();
        return !rows.isEmpty();
    }

    private Optional<String> clearanceOf(UUID screeningId) {
        List<?> rows = em.createNativeQuery("select cleared_by from screening_clearance where screening_id = :screening",
                        String.class)
                .setParameter("screening", screeningId).getResultList();
        return rows.stream().findFirst().map(String.class::cast);
    }

    private Optional<Instant> releaseOf(UUID bandId) {
        List<?> rows = em.createNativeQuery("select released_at from band_release where band_id = :band", Instant.class)
                .setParameter("band", bandId).getResultList();
        return rows.stream().findFirst().map(Instant.class::cast);
    }
}
