package clinic.bfrguard.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One notification: an alert's escalation level, one person, one channel, one kind. Written in the transaction of
 * the event that called for it; the sender works through the pending ones.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    public String idempotencyKey;

    @Column(name = "alert_id", nullable = false)
    public UUID alertId;

    @Column(nullable = false)
    public String site;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    @Column(nullable = false)
    public int step;

    @Column(nullable = false)
    public String recipient;

    /** {@code email} or {@code webhook:<name>}. */
    @Column(nullable = false)
    public String channel;

    /** The e-mail address or URL, as the person's contact points had it when the notification was made. */
    @Column(nullable = false)
    public String address;

    @Enumerated(EnumType.STRING)
    public WebhookFormat format;

    @Column(name = "routing_key")
    public String routingKey;

    /** For a push notification, the browser's keys it is encrypted for (base64url). */
    @Column(name = "push_p256dh")
    public String pushP256dh;

    @Column(name = "push_auth")
    public String pushAuth;

    /** Where this notification goes, as it was copied in. */
    public Target target() {
        return new Target(channel, address, format, routingKey,
                pushP256dh == null ? null : new PushSubscription.Keys(pushP256dh, pushAuth));
    }

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NotificationStatus status;

    @Column(nullable = false)
    public int attempts;

    /** When the sender may take it next: due now, after a back-off, or after the lease of a send in progress. */
    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** What the channel last answered (an SMTP reply, an HTTP status, a connection error). */
    @Column(name = "last_detail")
    public String lastDetail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The key that makes a notification one: receivers see it on every attempt, a resend after a crash included. */
    public static String idempotencyKey(UUID alertId, int level, String recipient, String channel,
            NotificationKind kind) {
        return alertId + "/" + level + "/" + recipient + "/" + channel + "/" + kind;
    }

    public static List<Notification> ofAlert(UUID alertId) {
        return list("alertId = ?1 order by createdAt, id", alertId);
    }

    public static List<Notification> of(UUID alertId, int level, String recipient, NotificationKind kind) {
        return list("alertId = ?1 and escalationLevel = ?2 and recipient = ?3 and kind = ?4", alertId, level,
                recipient, kind);
    }
}
