package clinic.bfrguard.alert.domain;

/** An alert's lifecycle: OPEN → ACKNOWLEDGED → RESOLVED. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
