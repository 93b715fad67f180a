package clinic.bfrguard.notification.domain;

import java.net.URI;
import java.util.UUID;

/**
 * One attempt to hand a notification to its channel: where to, what to say, and the key that makes a resend
 * recognisable. {@code alert} and {@code link} are null for a test notification.
 */
public record Delivery(UUID id, String idempotencyKey, NotificationKind kind, boolean test, String recipient,
        Target target, AlertSummary alert, int level, int step, NotificationText.Text text, URI link) {

    public String channel() {
        return target.channel();
    }

    public String address() {
        return target.address();
    }

    public WebhookFormat format() {
        return target.format();
    }

    public String routingKey() {
        return target.routingKey();
    }

    public boolean isEmail() {
        return ContactPoints.EMAIL_CHANNEL.equals(target.channel());
    }
}
