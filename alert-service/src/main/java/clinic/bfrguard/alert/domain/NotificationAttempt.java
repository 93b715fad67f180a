package clinic.bfrguard.alert.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One attempt to notify someone of an alert, as notification-service reports it: one entry of the alert's
 * notification trail. {@code recipient} and {@code channel} are null when nobody could be notified at all.
 *
 * @param detail what the channel answered (an SMTP reply, an HTTP status), cut to {@link #MAX_DETAIL} characters:
 *               a channel's answer can be long, and the board only needs its gist
 */
public record NotificationAttempt(UUID alertId, NotificationOutcome outcome, NotificationKind kind,
        int escalationLevel, int step, String recipient, String channel, int attempts, Instant at, boolean retrying,
        NotificationFailure reason, String detail) {

    /** Longest user name or channel name kept; a longer one is not a name notification-service gives. */
    public static final int MAX_NAME = 200;
    public static final int MAX_DETAIL = 500;

    public NotificationAttempt {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        recipient = blankToNull(recipient);
        channel = blankToNull(channel);
        detail = shortened(blankToNull(detail));
        if (outcome == NotificationOutcome.SENT) {
            // a notification that was delivered did not fail for a reason, and nothing follows it
            reason = null;
            retrying = false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String shortened(String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        int end = MAX_DETAIL - 1;
        if (Character.isHighSurrogate(detail.charAt(end - 1))) {
            end--;
        }
        return detail.substring(0, end) + "…";
    }
}
