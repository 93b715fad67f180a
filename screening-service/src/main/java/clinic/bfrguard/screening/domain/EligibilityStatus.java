package clinic.bfrguard.screening.domain;

public enum EligibilityStatus {
    ELIGIBLE, NO_SCREENING, CONTRAINDICATED, REVIEW_PENDING, EXPIRED
}
