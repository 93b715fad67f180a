package clinic.bfrguard.screening.domain;

import java.time.Instant;
import java.util.List;

/** What the points screen decided. */
public record ScreeningAssessment(Outcome outcome, int totalPoints, List<Reason> reasons,
        List<LimbRestriction> limbRestrictions, Instant validUntil) {
}
