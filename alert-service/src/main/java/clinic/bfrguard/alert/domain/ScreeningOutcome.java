package clinic.bfrguard.alert.domain;

/** The outcome of a screening, as the screening-service decides it. */
public enum ScreeningOutcome {
    CLEARED, REVIEW_REQUIRED, CONTRAINDICATED
}
