package clinic.bfrguard.alert.domain;

/**
 * What a notification told its recipient: {@code TRIGGER} pages someone about the alert; {@code ACKNOWLEDGE} and
 * {@code RESOLVE} tell channels that track an incident's state that a clinician took it on or settled it.
 */
public enum NotificationKind {
    TRIGGER, ACKNOWLEDGE, RESOLVE
}
