package clinic.bfrguard.alert.domain;

/** What happened to an alert; every change is one entry of the change feed and one Server-Sent Event. */
public enum ChangeKind {
    RAISED, OCCURRED, ACKNOWLEDGED, ESCALATED, RESOLVED, BAND_RELEASED
}
