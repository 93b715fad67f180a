package clinic.bfrguard.notification.domain;

/**
 * Where a notification stands: {@code PENDING} until a channel accepts it ({@code SENT}) or it has failed every
 * attempt ({@code FAILED}); {@code CANCELLED} when the alert was acknowledged or resolved before it went out.
 */
public enum NotificationStatus {
    PENDING, SENT, FAILED, CANCELLED
}
