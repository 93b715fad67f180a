package clinic.bfrguard.alert.domain;

/** How urgently a clinician must act, lowest first. */
public enum Severity {
    INFO, WARNING, HIGH, CRITICAL
}
