package clinic.bfrguard.alert.domain;

/** Whether a channel accepted a notification ({@code NotificationSent}) or not ({@code NotificationFailed}). */
public enum NotificationOutcome {
    SENT, FAILED
}
