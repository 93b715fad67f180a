package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.domain.RuleViolation;

import java.time.Instant;

/**
 * When a clinician may clear a screening: only a {@code REVIEW_REQUIRED} one, once, while it is valid, and (two
 * pairs of eyes) not one they recorded themselves, unless the clinic allows self-clearance.
 */
public record ClearanceRule(boolean allowSelfClearance) {

    /** Refuses, with the reason, a clearance by {@code clinician} at {@code now} that breaks the rule. */
    public void check(Screening screening, String clinician, Instant now) {
        if (screening.outcome != Outcome.REVIEW_REQUIRED) {
            throw new RuleViolation("Only a REVIEW_REQUIRED screening can be cleared; this one is "
                    + screening.outcome);
        }
        if (screening.clearedAt != null) {
            throw new RuleViolation("This screening was already cleared by " + screening.clearedBy
                    + " at " + screening.clearedAt);
        }
        if (!now.isBefore(screening.validUntil)) {
            throw new RuleViolation("This screening expired on " + screening.validUntil
                    + "; screen the patient again");
        }
        if (!allowSelfClearance && screening.screenedBy.equals(clinician)) {
            throw new RuleViolation("The clinician who recorded a screening does not clear it; another clinician"
                    + " must (" + clinician + " recorded this one)");
        }
    }
}
