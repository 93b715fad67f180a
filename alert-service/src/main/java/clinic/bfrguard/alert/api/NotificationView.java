package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.domain.AlertNotification;
import clinic.bfrguard.alert.domain.NotificationFailure;
import clinic.bfrguard.alert.domain.NotificationKind;
import clinic.bfrguard.alert.domain.NotificationOutcome;

import java.time.Instant;

/**
 * One entry of an alert's notification trail as clients see it. {@code recipient} and {@code channel} are null when
 * nobody could be notified ({@code reason} {@code NOBODY_ON_CALL}); {@code retrying} says whether notification-service
 * tries that channel again.
 */
public record NotificationView(Instant at, int escalationLevel, int step, String recipient, String channel,
        NotificationKind kind, NotificationOutcome outcome, int attempts, boolean retrying, NotificationFailure reason,
        String detail) {

    public static NotificationView of(AlertNotification n) {
        return new NotificationView(n.at, n.escalationLevel, n.step, n.recipient, n.channel, n.kind, n.outcome,
                n.attempts, n.retrying, n.reason, n.detail);
    }
}
