package clinic.bfrguard.session.domain;

/** A screening's outcome, as the screening-service decided it. */
public enum Outcome {
    CLEARED, REVIEW_REQUIRED, CONTRAINDICATED
}
