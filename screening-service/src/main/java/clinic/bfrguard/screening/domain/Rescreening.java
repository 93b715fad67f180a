package clinic.bfrguard.screening.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A contraindication is lifted by a clinician, never by filling in the form again. While the patient's standing
 * screening is {@code CONTRAINDICATED}, or {@code REVIEW_REQUIRED} and not yet cleared, a new screening whose points
 * alone would decide a milder outcome is {@code REVIEW_REQUIRED} instead, with a reason {@value #PREVIOUS_SCREENING}
 * (0 points) that names the outcome that stood, since when and who recorded it, so a clinician looks at both. A new
 * screening as strict or stricter decides on its own points. The standing screening may be of any site (a patient
 * who moves is screened again at the new site): the reason then gives only its outcome and date.
 *
 * <p>The standing screening at an instant is the patient's latest one recorded at or before that instant, as long
 * as it has not expired by then. A screening recorded at the very same instant as the new one counts as standing:
 * two forms filled in at once must not let the milder one win. Should several share that latest instant, the
 * strictest of them stands.
 */
public final class Rescreening {

    public static final String PREVIOUS_SCREENING = "PREVIOUS_SCREENING";

    private Rescreening() {
    }

    /** The screening that stands at {@code at} among the patient's earlier ones, if any. */
    public static Optional<Screening> standing(Collection<Screening> earlier, Instant at) {
        return earlier.stream()
                .filter(s -> !s.screenedAt.isAfter(at))
                .max(Comparator.<Screening, Instant>comparing(s -> s.screenedAt)
                        .thenComparing(s -> binds(s, at) ? 1 : 0)
                        .thenComparing(s -> s.outcome))
                .filter(s -> at.isBefore(s.validUntil));
    }

    /** The new screening's assessment, made at {@code at}, with the patient's earlier screenings taken into account. */
    public static ScreeningAssessment apply(ScreeningAssessment fresh, Collection<Screening> earlier, Instant at,
            String site) {
        Optional<Screening> standing = standing(earlier, at).filter(s -> binds(s, at));
        if (standing.isEmpty() || !fresh.outcome().isMilderThan(standing.get().outcome)) {
            return fresh;
        }
        List<Reason> reasons = new ArrayList<>(fresh.reasons());
        reasons.add(new Reason(PREVIOUS_SCREENING, 0, message(standing.get(), site)));
        return new ScreeningAssessment(Outcome.REVIEW_REQUIRED, fresh.totalPoints(), List.copyOf(reasons),
                fresh.limbRestrictions(), fresh.validUntil());
    }

    /**
     * Whether a screening holds the patient back at {@code at} until a clinician has looked: contraindicated, or
     * awaiting a review that nobody had given by then.
     */
    private static boolean binds(Screening s, Instant at) {
        return s.outcome == Outcome.CONTRAINDICATED
                || s.outcome == Outcome.REVIEW_REQUIRED && (s.clearedAt == null || s.clearedAt.isAfter(at));
    }

    /** Who recorded a screening of another site is that site's business: its users learn the outcome and date. */
    private static String message(Screening standing, String site) {
        String stood = standing.outcome == Outcome.CONTRAINDICATED ? "CONTRAINDICATED"
                : "REVIEW_REQUIRED, not cleared";
        if (!standing.site.equals(site)) {
            return "Previous screening at another site: " + stood + " since " + standing.screenedAt
                    + "; a clinician must clear this one";
        }
        return "Previous screening: " + stood + " since " + standing.screenedAt + ", recorded by "
                + standing.screenedBy + "; a clinician must clear this one";
    }
}
