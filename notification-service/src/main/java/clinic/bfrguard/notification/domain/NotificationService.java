package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.notification.config.NotifyConfig;
import clinic.bfrguard.notification.events.NotificationEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns alert changes into notifications and records what became of them. A page is written in the transaction of
 * the alert event that calls for it, one row per person and channel under an idempotency key, so neither a
 * redelivered event nor a crash makes a second one; {@code NotificationSender} hands them to the channels after
 * the commit.
 */
@ApplicationScoped
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);
    private static final int MAX_DETAIL = 500;

    private final OnCallDirectory directory;
    private final NotificationEvents events;
    private final NotifyConfig config;
    private final Clock clock;
    private final EntityManager em;
    private final Event<NotificationsWritten> written;

    public NotificationService(OnCallDirectory directory, NotificationEvents events, NotifyConfig config, Clock clock,
            EntityManager em, Event<NotificationsWritten> written) {
        this.directory = directory;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.em = em;
        this.written = written;
    }

    /** An {@code alert-events} event, applied in the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void alertChanged(String eventType, String patientId, AlertSummary change) {
        AlertState alert = remember(patientId, change);
        boolean pages = Paging.pages(alert.severity, config.pageSeverities());
        switch (eventType) {
            case EventContract.ALERT_RAISED -> {
                if (pages && alert.isOpen()) {
                    page(alert, 0, 0);
                }
            }
            case EventContract.ALERT_ESCALATED -> {
                if (pages && alert.isOpen()) {
                    page(alert, change.escalationLevel(), Paging.stepOf(change.escalationLevel()));
                }
            }
            case EventContract.ALERT_ACKNOWLEDGED -> answered(alert, NotificationKind.ACKNOWLEDGE);
            case EventContract.ALERT_RESOLVED -> answered(alert, NotificationKind.RESOLVE);
            default -> throw new IllegalArgumentException("not an alert change: " + eventType);
        }
    }

    private AlertState remember(String patientId, AlertSummary change) {
        AlertState alert = AlertState.findById(change.alertId(), LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            alert = new AlertState();
            alert.alertId = change.alertId();
        }
        alert.site = change.site();
        alert.patientId = patientId;
        alert.type = change.type();
        alert.severity = change.severity();
        alert.status = change.status();
        alert.limb = change.limb();
        alert.symptom = change.symptom();
        alert.raisedAt = change.raisedAt();
        alert.escalationLevel = Math.max(alert.escalationLevel, change.escalationLevel());
        alert.updatedAt = clock.instant();
        alert.persist();
        return alert;
    }

    /**
     * Pages the alert's escalation {@code level} from rota step {@code fromStep} on: one notification per channel
     * of each person found. Nobody to page is itself published, for the board, and counted for operations.
     */
    private void page(AlertState alert, int level, int fromStep) {
        Instant now = clock.instant();
        Optional<OnCallSchedule> schedule = directory.schedule(alert.site);
        List<Paging.Recipient> recipients = Paging.recipients(schedule.orElse(null), fromStep, now,
                directory::contacts, directory.clinicians(alert.site));
        if (recipients.isEmpty()) {
            String why = schedule.isEmpty() ? "no on-call schedule for site " + alert.site
                    : "nobody reachable on call at site " + alert.site + " from step " + fromStep;
            LOG.warnf("Alert %s (level %d) pages nobody: %s", alert.alertId, level, why);
            if (!alert.unrouted) {
                alert.unrouted = true;
                events.nobodyOnCall(alert, level, fromStep, now, why);
            }
            return;
        }
        alert.unrouted = false;
        for (Paging.Recipient recipient : recipients) {
            for (Target target : Target.of(recipient.contacts())) {
                create(alert, level, recipient.step(), recipient.user(), target, NotificationKind.TRIGGER, now);
            }
        }
    }

    /**
     * Acknowledged or resolved: no more pages for the alert (pending ones cancelled), and every PagerDuty target
     * that may have opened an incident for it is told, so the incident stops paging there too; every device that
     * may show its push notification gets one that replaces it, so a phone does not keep ringing for it.
     */
    private void answered(AlertState alert, NotificationKind kind) {
        em.flush();
        int cancelled = em.createQuery("update Notification n set n.status = :cancelled where n.alertId = :alert"
                        + " and n.status = :pending and n.kind = :trigger")
                .setParameter("cancelled", NotificationStatus.CANCELLED)
                .setParameter("pending", NotificationStatus.PENDING)
                .setParameter("trigger", NotificationKind.TRIGGER)
                .setParameter("alert", alert.alertId)
                .executeUpdate();
        if (cancelled > 0) {
            LOG.debugf("Alert %s %s: %d pending pages cancelled", alert.alertId, kind, cancelled);
        }
        em.clear();
        Instant now = clock.instant();
        List<Notification> triggers = Notification.list("alertId = ?1 and kind = ?2"
                + " and (format = ?3 or pushP256dh is not null) and (status = ?4 or attempts > 0)", alert.alertId,
                NotificationKind.TRIGGER, WebhookFormat.PAGERDUTY, NotificationStatus.SENT);
        for (Notification trigger : triggers) {
            create(alert, alert.escalationLevel, trigger.step, trigger.recipient, trigger.target(), kind, now);
        }
    }

    /** Writes a notification unless its idempotency key exists already; wakes the sender after the commit. */
    private void create(AlertState alert, int level, int step, String recipient, Target target,
            NotificationKind kind, Instant now) {
        int created = em.createNativeQuery("insert into notification (id, idempotency_key, alert_id, site,"
                        + " escalation_level, step, recipient, channel, address, format, routing_key, push_p256dh,"
                        + " push_auth, kind, status, attempts, next_attempt_at, created_at) values (:id, :key, :alert,"
                        + " :site, :level, :step, :recipient, :channel, :address, :format, :routingKey, :p256dh,"
                        + " :auth, :kind, 'PENDING', 0, :now, :now) on conflict (idempotency_key) do nothing")
                .setParameter("id", UUID.randomUUID())
                .setParameter("key", Notification.idempotencyKey(alert.alertId, level, recipient, target.channel(),
                        kind))
                .setParameter("alert", alert.alertId)
                .setParameter("site", alert.site)
                .setParameter("level", level)
                .setParameter("step", step)
                .setParameter("recipient", recipient)
                .setParameter("channel", target.channel())
                .setParameter("address", target.address())
                .setParameter("format", target.format() == null ? null : target.format().name())
                .setParameter("routingKey", target.routingKey())
                .setParameter("p256dh", target.isPush() ? target.push().p256dh() : null)
                .setParameter("auth", target.isPush() ? target.push().auth() : null)
                .setParameter("kind", kind.name())
                .setParameter("now", now)
                .executeUpdate();
        if (created > 0) {
            written.fire(new NotificationsWritten());
        }
    }

    /**
     * Takes up to {@code max} due notifications for sending, leasing each for {@code lease}: a replica that dies
     * mid-send leaves it to be sent again (same idempotency key) once the lease is over, and two replicas never
     * take the same one.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<Delivery> claim(int max, Duration lease) {
        Instant now = clock.instant();
        List<UUID> ids = em.createNativeQuery("update notification set next_attempt_at = :leaseEnd where id in"
                        + " (select id from notification where status = 'PENDING' and next_attempt_at <= :now"
                        + " order by next_attempt_at limit :max for update skip locked) returning id", UUID.class)
                .setParameter("leaseEnd", now.plus(lease))
                .setParameter("now", now)
                .setParameter("max", max)
                .getResultList();
        List<Delivery> deliveries = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            Notification n = Notification.findById(id);
            AlertState alert = AlertState.findById(n.alertId);
            AlertSummary summary = alert.summary();
            boolean everyone = n.step >= directory.schedule(n.site).map(OnCallSchedule::stepCount).orElse(0);
            deliveries.add(new Delivery(n.id, n.idempotencyKey, n.kind, false, n.recipient, n.target(), summary,
                    n.escalationLevel, n.step,
                    NotificationText.page(summary, n.escalationLevel, n.step, everyone, now, config.consoleUrl(),
                            config.includePatientId()),
                    NotificationText.link(config.consoleUrl(), summary)));
        }
        return deliveries;
    }

    /** When the next pending notification falls due, if any does. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Instant> nextDue() {
        return Optional.ofNullable(em.createQuery("select min(n.nextAttemptAt) from Notification n"
                + " where n.status = :pending", Instant.class)
                .setParameter("pending", NotificationStatus.PENDING)
                .getSingleResult());
    }

    /** The channel accepted it. Recorded even if the alert was answered meanwhile: it did go out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void accepted(UUID id, String detail) {
        Notification n = Notification.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (n == null || n.status == NotificationStatus.SENT) {
            return;
        }
        Instant now = clock.instant();
        n.attempts++;
        n.status = NotificationStatus.SENT;
        n.sentAt = now;
        n.lastDetail = bounded(detail);
        events.sent(n, patientOf(n), now, n.lastDetail);
    }

    /**
     * The channel refused it or could not be reached: retried with back-off until {@code
     * clinic.notify.retry.give-up-after}. A person none of whose channels has worked for this page is passed over for
     * the next rota step at once, while the retries go on.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refused(UUID id, String detail) {
        refused(id, detail, true);
    }

    /**
     * The push service says the subscription is gone (404 or 410): the notification failed for good, the device is
     * forgotten, and the page moves on as for any refusal.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void gone(UUID id, String detail) {
        Notification n = Notification.findById(id);
        if (n != null) {
            directory.forgetPush(n.recipient, n.address);
        }
        refused(id, detail, false);
    }

    private void refused(UUID id, String detail, boolean retryable) {
        Notification n = Notification.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (n == null || n.status == NotificationStatus.SENT) {
            return;
        }
        Instant now = clock.instant();
        n.attempts++;
        n.lastDetail = bounded(detail);
        if (n.status != NotificationStatus.PENDING) {
            return;
        }
        Instant next = now.plus(Backoff.after(n.attempts, config.retry().initial(), config.retry().max()));
        boolean retrying = retryable && next.isBefore(n.createdAt.plus(config.retry().giveUpAfter()));
        if (retrying) {
            n.nextAttemptAt = next;
        } else {
            n.status = NotificationStatus.FAILED;
        }
        LOG.infof("Notification %s (alert %s, %s) attempt %d failed%s: %s", n.id, n.alertId, n.channel, n.attempts,
                retrying ? ", retrying" : ", giving up", n.lastDetail);
        if (n.attempts == 1 || !retrying) {
            events.failed(n, patientOf(n), now, retrying, n.lastDetail);
        }
        AlertState alert = AlertState.findById(n.alertId, LockModeType.PESSIMISTIC_WRITE);
        if (n.kind == NotificationKind.TRIGGER && alert != null && alert.isOpen() && unreachable(n)) {
            LOG.infof("Alert %s: no channel of step %d reached its person, paging the next step", n.alertId, n.step);
            page(alert, n.escalationLevel, n.step + 1);
        }
    }

    /** Whether every channel of this page's person has been tried and none has accepted it. */
    private boolean unreachable(Notification failed) {
        em.flush();
        return Notification.of(failed.alertId, failed.escalationLevel, failed.recipient, NotificationKind.TRIGGER)
                .stream().allMatch(n -> n.status != NotificationStatus.SENT && n.attempts > 0);
    }

    private static String patientOf(Notification n) {
        AlertState alert = AlertState.findById(n.alertId);
        return alert.patientId;
    }

    private static String bounded(String detail) {
        if (detail == null) {
            return null;
        }
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
