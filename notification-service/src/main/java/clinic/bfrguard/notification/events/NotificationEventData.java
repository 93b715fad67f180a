package clinic.bfrguard.notification.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The data of every {@code notification-events} event: one attempt's outcome for an alert. {@code NotificationSent}
 * when a channel accepted a notification; {@code NotificationFailed} when it refused one ({@code retrying} tells
 * whether another attempt follows) or when nobody could be notified at all ({@code recipient} and {@code channel}
 * null, {@code reason} {@code NOBODY_ON_CALL}). This service's contract with its consumers; it never carries a
 * contact address, only the person's user name and the channel's kind and name.
 *
 * @param notificationId the notification (one per alert, escalation level, person, channel and kind)
 * @param kind           {@code TRIGGER} (page), {@code ACKNOWLEDGE} or {@code RESOLVE} (sent to channels that track
 *                       an incident's state)
 * @param channel        {@code email}, or {@code webhook:<name>}
 * @param attempts       attempts so far, this one included
 * @param reason         why it failed, for {@code NotificationFailed}: {@code CHANNEL_FAILED} or
 *                       {@code NOBODY_ON_CALL}
 * @param detail         what the channel answered (an SMTP reply, an HTTP status); never a patient's data
 */
public record NotificationEventData(UUID notificationId, UUID alertId, String site, int escalationLevel, int step,
        String recipient, String channel, String kind, int attempts, Instant at, boolean retrying, String reason,
        String detail) {
}
