package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.Notification;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.NotificationStatus;

import java.time.Instant;
import java.util.UUID;

/** One notification of an alert's trail. The contact address stays in the service: the channel names it. */
public record NotificationView(UUID id, UUID alertId, String site, int escalationLevel, int step, String recipient,
        String channel, NotificationKind kind, NotificationStatus status, int attempts, String detail,
        Instant createdAt, Instant sentAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id, n.alertId, n.site, n.escalationLevel, n.step, n.recipient, n.channel,
                n.kind, n.status, n.attempts, n.lastDetail, n.createdAt, n.sentAt);
    }
}
