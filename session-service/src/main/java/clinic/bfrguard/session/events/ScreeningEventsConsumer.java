package clinic.bfrguard.session.events;

import clinic.bfrguard.common.events.EventCodec;
import clinic.bfrguard.common.events.EventEnvelope;
import clinic.bfrguard.common.events.InvalidEventException;
import clinic.bfrguard.common.events.ProcessedEvents;
import clinic.bfrguard.session.domain.EligibilityService;
import clinic.bfrguard.session.domain.LimbRestriction;
import clinic.bfrguard.session.domain.Outcome;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Feeds the eligibility view from {@code screening-events}. Each event is applied in one transaction together with
 * its id in {@code processed_event}, so a redelivery changes nothing. A record that can never be applied is
 * dead-lettered; a database failure is retried, holding the partition, so that one patient's events keep their order.
 */
@ApplicationScoped
public class ScreeningEventsConsumer {

    static final String CONSUMER = "session-service";
    private static final Pattern PATIENT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final int MAX_NAME = 255;
    private static final Logger LOG = Logger.getLogger(ScreeningEventsConsumer.class);

    private final EventCodec codec;
    private final Applier applier;

    public ScreeningEventsConsumer(EventCodec codec, Applier applier) {
        this.codec = codec;
        this.applier = applier;
    }

    @Incoming("screening-events")
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, maxDuration = 8760,
            durationUnit = ChronoUnit.HOURS, jitter = 200, abortOn = InvalidEventException.class)
    public void consume(String value) {
        EventEnvelope envelope = codec.read(value);
        try {
            applier.apply(envelope);
        } catch (InvalidEventException e) {
            LOG.warnf("Screening event %s cannot be applied, dead-lettering it: %s", envelope.id(), e.getMessage());
            throw e;
        }
    }

    /** The transactional part, a bean of its own so that each retry gets a fresh transaction. */
    @ApplicationScoped
    public static class Applier {

        private final EventCodec codec;
        private final ProcessedEvents processed;
        private final EligibilityService eligibility;

        public Applier(EventCodec codec, ProcessedEvents processed, EligibilityService eligibility) {
            this.codec = codec;
            this.processed = processed;
            this.eligibility = eligibility;
        }

        @Transactional
        public void apply(EventEnvelope envelope) {
            // Checked before the database sees it: a value the database refuses would be retried for ever and hold
            // up every later screening on the partition.
            if (!PATIENT_ID.matcher(envelope.patientId()).matches()) {
                throw new InvalidEventException("event " + envelope.id() + " has a patientId that is not 1 to 64 "
                        + "letters, digits, '-' or '_'");
            }
            switch (envelope.type()) {
                case "ScreeningCompleted" -> {
                    ScreeningCompleted data = codec.dataAs(envelope, ScreeningCompleted.class);
                    data.validate(envelope);
                    if (processed.firstDelivery(envelope.id(), CONSUMER)) {
                        eligibility.screeningCompleted(envelope.patientId(), data.screeningId(), data.outcome(),
                                data.totalPoints(), data.screenedAt(), data.validUntil(), data.limbRestrictions());
                    }
                }
                case "ClearanceGranted" -> {
                    ClearanceGranted data = codec.dataAs(envelope, ClearanceGranted.class);
                    data.validate(envelope);
                    if (processed.firstDelivery(envelope.id(), CONSUMER)) {
                        eligibility.clearanceGranted(envelope.patientId(), data.screeningId(), data.clearedBy(),
                                data.clearedAt(), data.validUntil());
                    }
                }
                default -> LOG.debugf("Ignoring screening event type %s", envelope.type());
            }
        }
    }

    public record ScreeningCompleted(UUID screeningId, Outcome outcome, Integer totalPoints,
            List<LimbRestriction> limbRestrictions, String screenedBy, Instant screenedAt, Instant validUntil) {

        void validate(EventEnvelope envelope) {
            if (screeningId == null || outcome == null || totalPoints == null || screenedAt == null
                    || validUntil == null) {
                throw new InvalidEventException("ScreeningCompleted " + envelope.id()
                        + " lacks screeningId, outcome, totalPoints, screenedAt or validUntil");
            }
            if (limbRestrictions != null && limbRestrictions.stream()
                    .anyMatch(r -> r == null || r.code() == null || r.limb() == null)) {
                throw new InvalidEventException("ScreeningCompleted " + envelope.id()
                        + " has a limb restriction without code or limb");
            }
        }
    }

    public record ClearanceGranted(UUID screeningId, String clearedBy, Instant clearedAt, Instant validUntil) {

        void validate(EventEnvelope envelope) {
            if (screeningId == null || clearedBy == null || clearedAt == null) {
                throw new InvalidEventException("ClearanceGranted " + envelope.id()
                        + " lacks screeningId, clearedBy or clearedAt");
            }
            if (clearedBy.length() > MAX_NAME) {
                throw new InvalidEventException("ClearanceGranted " + envelope.id() + " has a clearedBy longer than "
                        + MAX_NAME + " characters");
            }
        }
    }
}
