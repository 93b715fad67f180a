package clinic.bfrguard.session.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What this service knows of a patient's latest screening, learnt from {@code screening-events}. */
public record ScreeningSnapshot(UUID screeningId, Outcome outcome, int totalPoints, Instant screenedAt,
        Instant validUntil, List<LimbRestriction> limbRestrictions, String clearedBy, Instant clearedAt) {

    public ScreeningSnapshot {
        limbRestrictions = limbRestrictions == null ? List.of() : List.copyOf(limbRestrictions);
    }
}
