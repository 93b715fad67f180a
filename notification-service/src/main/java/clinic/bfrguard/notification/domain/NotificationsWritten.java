package clinic.bfrguard.notification.domain;

/** Fired when a transaction writes notifications; observed after its commit, it wakes the sender. */
public record NotificationsWritten() {
}
