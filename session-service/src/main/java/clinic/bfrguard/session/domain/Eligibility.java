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

    /** Whether a clearance of {@code screeningId} clears the screening the view holds: only that very screening. */
    public static boolean clearanceApplies(ScreeningSnapshot current, UUID screeningId) {
        return current != null && current.screeningId().equals(screeningId)
                && current.outcome() == Outcome.REVIEW_REQUIRED;
    }

    /** What becomes of a clinician's clearance when it arrives. */
    public enum ClearanceFate {
        /** It clears the screening the view holds. */
        APPLY,
        /** It names a screening not seen yet that may still become the latest: it waits for that screening. */
        HOLD,
        /** It can never clear the latest screening. */
        DISCARD
    }

    /**
     * What becomes of a clearance of {@code screeningId} given at {@code clearedAt}, whatever the order in which
     * the screening and its clearance arrive. A screening is cleared after it was completed, so a clearance given
     * before the held screening was completed names an older screening, which can never become the latest again.
     */
    public static ClearanceFate clearanceFate(ScreeningSnapshot current, UUID screeningId, Instant clearedAt) {
        if (clearanceApplies(current, screeningId)) {
            return ClearanceFate.APPLY;
        }
        if (current == null) {
            return ClearanceFate.HOLD;
        }
        if (current.screeningId().equals(screeningId) || clearedAt.isBefore(current.screenedAt())) {
            return ClearanceFate.DISCARD;
        }
        return ClearanceFate.HOLD;
    }
}
