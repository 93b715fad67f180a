package clinic.bfrguard.session.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Whether a patient may start a BFR session, decided by their latest screening alone. */
public final class Eligibility {

    private Eligibility() {
    }

    /**
     * Why a session must not start, or empty when it may: the latest screening is cleared (or reviewed and cleared
     * by a clinician) and not expired.
     */
    public static Optional<String> refusal(ScreeningSnapshot latest, Instant now) {
        if (latest == null) {
            return Optional.of("The patient has not been screened; screen them before a BFR session");
        }
        if (!now.isBefore(latest.validUntil())) {
            return Optional.of("The latest screening expired on " + latest.validUntil()
                    + "; screen the patient again");
        }
        return switch (latest.outcome()) {
            case CONTRAINDICATED -> Optional.of("BFR is contraindicated for this patient (screening "
                    + latest.totalPoints() + " points)");
            case REVIEW_REQUIRED -> latest.clearedAt() == null
                    ? Optional.of("The screening (" + latest.totalPoints()
                            + " points) awaits a clinician's clearance")
                    : Optional.empty();
            case CLEARED -> Optional.empty();
        };
    }

    /**
     * Whether a screening completed at {@code incoming} replaces the one the view holds: the latest by
     * {@code screenedAt} decides, so a screening that arrives late never overrides a newer one. Equal instants go to
     * the later arrival, which is the later event since one patient's events stay in order.
     */
    public static boolean supersedes(ScreeningSnapshot current, Instant incoming) {
        return current == null || !incoming.isBefore(current.screenedAt());
    }

    /**
     * Whether a clearance of {@code screeningId} clears the screening the view holds: only that very screening, and
     * only one that awaits review. Asked when the clearance arrives and again when its screening arrives, so the
     * order in which the two come does not matter.
     */
    public static boolean clearanceApplies(ScreeningSnapshot current, UUID screeningId) {
        return current != null && current.screeningId().equals(screeningId)
                && current.outcome() == Outcome.REVIEW_REQUIRED;
    }
}
