package clinic.bfrguard.notification.api;

import java.time.Instant;

/** What one channel answered to a test notification. */
public record Receipt(String channel, boolean accepted, String detail, Instant at) {
}
