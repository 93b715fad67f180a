package clinic.bfrguard.screening.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Whether a patient may train now, decided by their latest screening alone. */
public record Eligibility(String patientId, boolean eligible, EligibilityStatus status, String reason,
        UUID screeningId, Outcome outcome, Instant validUntil, List<LimbRestriction> limbRestrictions) {

    /** The rule: cleared (or reviewed and cleared by a clinician) and not expired. */
    public static Eligibility of(String patientId, Screening latest, Instant now) {
        if (latest == null) {
            return new Eligibility(patientId, false, EligibilityStatus.NO_SCREENING,
                    "The patient has not been screened; screen them first", null, null, null, List.of());
        }
        EligibilityStatus status;
        String reason;
        if (!now.isBefore(latest.validUntil)) {
            status = EligibilityStatus.EXPIRED;
            reason = "The latest screening expired on " + latest.validUntil + "; screen the patient again";
        } else if (latest.outcome == Outcome.CONTRAINDICATED) {
            status = EligibilityStatus.CONTRAINDICATED;
            reason = "BFR is contraindicated (" + latest.totalPoints + " points)";
        } else if (latest.outcome == Outcome.REVIEW_REQUIRED && latest.clearedAt == null) {
            status = EligibilityStatus.REVIEW_PENDING;
            reason = "The screening (" + latest.totalPoints + " points) awaits a clinician's clearance";
        } else {
            status = EligibilityStatus.ELIGIBLE;
            reason = latest.outcome == Outcome.CLEARED ? "Cleared by screening" : "Cleared by " + latest.clearedBy;
        }
        return new Eligibility(patientId, status == EligibilityStatus.ELIGIBLE, status, reason, latest.id,
                latest.outcome, latest.validUntil, latest.limbRestrictions);
    }
}
