package clinic.bfrguard.screening.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.common.events.Outbox;
import clinic.bfrguard.screening.domain.LimbRestriction;
import clinic.bfrguard.screening.domain.Outcome;
import clinic.bfrguard.screening.domain.Reason;
import clinic.bfrguard.screening.domain.Screening;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events this service publishes on {@value #TOPIC}, written to the outbox in the caller's transaction.
 * Free-text notes stay in this service: other services need the decision, not the narrative.
 */
@ApplicationScoped
public class ScreeningEvents {

    public static final String TOPIC = EventContract.SCREENING_EVENTS;
    public static final String SCREENING_COMPLETED = EventContract.SCREENING_COMPLETED;
    public static final String CLEARANCE_GRANTED = EventContract.CLEARANCE_GRANTED;

    private final Outbox outbox;

    public ScreeningEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void screeningCompleted(Screening s) {
        outbox.publish(TOPIC, SCREENING_COMPLETED, s.patientId, new ScreeningCompleted(s.id, s.site, s.outcome,
                s.totalPoints, s.reasons, s.limbRestrictions, s.screenedBy, s.screenedAt, s.validUntil));
    }

    public void clearanceGranted(Screening s) {
        outbox.publish(TOPIC, CLEARANCE_GRANTED, s.patientId,
                new ClearanceGranted(s.id, s.site, s.clearedBy, s.clearedAt, s.validUntil));
    }

    public record ScreeningCompleted(UUID screeningId, String site, Outcome outcome, int totalPoints, List<Reason> reasons,
            List<LimbRestriction> limbRestrictions, String screenedBy, Instant screenedAt, Instant validUntil) {
    }

    public record ClearanceGranted(UUID screeningId, String site, String clearedBy, Instant clearedAt, Instant validUntil) {
    }
}
