package clinic.bfrguard.alert.domain;

/**
 * What happened to an alert; every change is one entry of the change feed and one Server-Sent Event.
 * {@code NOTIFIED}: notification-service reported an attempt to notify someone of it (a new entry of its trail).
 */
public enum ChangeKind {
    RAISED, OCCURRED, ACKNOWLEDGED, ESCALATED, RESOLVED, BAND_RELEASED, NOTIFIED
}
