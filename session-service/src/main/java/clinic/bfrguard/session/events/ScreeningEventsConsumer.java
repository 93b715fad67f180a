package clinic.bfrguard.session.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.common.events.EventRoutes;
import clinic.bfrguard.common.events.IdempotentConsumer;
import clinic.bfrguard.common.sites.Sites;
import clinic.bfrguard.common.sites.SitesConfig;
import clinic.bfrguard.session.domain.EligibilityService;
import clinic.bfrguard.session.domain.LimbRestriction;
import clinic.bfrguard.session.domain.Outcome;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Feeds the eligibility view from {@code screening-events}, through the common consumer: each event applied once,
 * transient failures retried holding the partition (so one patient's events keep their order), records that can
 * never be applied dead-lettered.
 */
@ApplicationScoped
public class ScreeningEventsConsumer {

    public static final String TOPIC = EventContract.SCREENING_EVENTS;
    public static final String SCREENING_COMPLETED = EventContract.SCREENING_COMPLETED;
    public static final String CLEARANCE_GRANTED = EventContract.CLEARANCE_GRANTED;

    private static final int MAX_NAME = 255;

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    public ScreeningEventsConsumer(IdempotentConsumer consumer, EligibilityService eligibility, SitesConfig sites) {
        this.consumer = consumer;
        this.routes = EventRoutes.of(TOPIC)
                .on(SCREENING_COMPLETED, ScreeningCompleted.class, (envelope, e) -> eligibility.screeningCompleted(
                        envelope.patientId(), Sites.ofEvent(e.site(), sites.defaultSite()), e.screeningId(),
                        e.outcome(), e.totalPoints(), e.screenedAt(), e.validUntil(), e.limbRestrictions()))
                .on(CLEARANCE_GRANTED, ClearanceGranted.class, (envelope, e) -> eligibility.clearanceGranted(
                        envelope.patientId(), e.screeningId(), e.clearedBy(), e.clearedAt(), e.validUntil()))
                .build();
    }

    @Incoming(TOPIC)
    @Blocking
    public void consume(String value) {
        consumer.consume(value, routes);
    }

    public record ScreeningCompleted(UUID screeningId, String site, Outcome outcome, Integer totalPoints,
            List<LimbRestriction> limbRestrictions, String screenedBy, Instant screenedAt, Instant validUntil) {

        public ScreeningCompleted {
            if (screeningId == null || outcome == null || totalPoints == null || screenedAt == null
                    || validUntil == null) {
                throw new IllegalArgumentException("ScreeningCompleted lacks screeningId, outcome, totalPoints, "
                        + "screenedAt or validUntil");
            }
            if (limbRestrictions != null && limbRestrictions.stream()
                    .anyMatch(r -> r == null || r.code() == null || r.limb() == null)) {
                throw new IllegalArgumentException("ScreeningCompleted has a limb restriction without code or limb");
            }
        }
    }

    public record ClearanceGranted(UUID screeningId, String clearedBy, Instant clearedAt, Instant validUntil) {

        public ClearanceGranted {
            if (screeningId == null || clearedBy == null || clearedAt == null) {
                throw new IllegalArgumentException("ClearanceGranted lacks screeningId, clearedBy or clearedAt");
            }
            if (clearedBy.length() > MAX_NAME) {
                throw new IllegalArgumentException("ClearanceGranted has a clearedBy longer than " + MAX_NAME
                        + " characters");
            }
        }
    }
}
