package clinic.bfrguard.notification.domain;

/**
 * What a notification tells. {@code TRIGGER} pages a person; {@code ACKNOWLEDGE} and {@code RESOLVE} tell a channel
 * that tracks an incident's state (PagerDuty) that the page is answered, so it stops paging there too.
 */
public enum NotificationKind {
    TRIGGER, ACKNOWLEDGE, RESOLVE
}
