package clinic.bfrguard.notification.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.common.events.Outbox;
import clinic.bfrguard.notification.domain.AlertState;
import clinic.bfrguard.notification.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * What leaves this service on {@code notification-events}, through the outbox in the caller's transaction: each
 * accepted notification, its first failure and its final one, and an alert that found nobody to page.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class NotificationEvents {

    public static final String TOPIC = EventContract.NOTIFICATION_EVENTS;
    public static final String SENT = EventContract.NOTIFICATION_SENT;
    public static final String FAILED = EventContract.NOTIFICATION_FAILED;
    public static final String CHANNEL_FAILED = "CHANNEL_FAILED";
    public static final String NOBODY_ON_CALL = "NOBODY_ON_CALL";

    private final Outbox outbox;

    public NotificationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void sent(Notification n, String patientId, Instant at, String detail) {
        outbox.publish(TOPIC, SENT, patientId, data(n, at, false, null, detail));
    }

    public void failed(Notification n, String patientId, Instant at, boolean retrying, String detail) {
        outbox.publish(TOPIC, FAILED, patientId, data(n, at, retrying, CHANNEL_FAILED, detail));
    }

    /** A paging alert with nobody to notify at {@code step} of {@code level}: itself a failure the board shows. */
    public void nobodyOnCall(AlertState alert, int level, int step, Instant at, String detail) {
        UUID id = UUID.nameUUIDFromBytes((alert.alertId + "/" + level + "/" + NOBODY_ON_CALL)
                .getBytes(StandardCharsets.UTF_8));
        outbox.publish(TOPIC, FAILED, alert.patientId, new NotificationEventData(id, alert.alertId, alert.site, level,
                step, null, null, "TRIGGER", 0, at, false, NOBODY_ON_CALL, detail));
    }

    private static NotificationEventData data(Notification n, Instant at, boolean retrying, String reason,
            String detail) {
        return new NotificationEventData(n.id, n.alertId, n.site, n.escalationLevel, n.step, n.recipient, n.channel,
                n.kind.name(), n.attempts, at, retrying, reason, detail);
    }
}
