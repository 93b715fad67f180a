package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.config.AlertConfig;
import clinic.bfrguard.common.events.EventCodec;
import clinic.bfrguard.common.events.EventEnvelope;
import clinic.bfrguard.common.events.InvalidEventException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Consumes {@code screening-events} and {@code session-events}. A record that can never be processed (not JSON,
 * unknown type, missing fields) fails, and the channel's dead-letter strategy moves it to {@code <topic>.dlq}
 * with the reason; a database failure is retried here until it passes, because dead-lettering a safety event
 * over an outage would lose an alert.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private static final Map<String, Class<?>> SCREENING_TYPES = Map.of(
            "ScreeningCompleted", IncomingEvents.ScreeningCompleted.class,
            "ClearanceGranted", IncomingEvents.ClearanceGranted.class);
    private static final Map<String, Class<?>> SESSION_TYPES = Map.of(
            "BandReleased", IncomingEvents.BandReleased.class,
            "SymptomReported", IncomingEvents.SymptomReported.class,
            "GuidelineDeviation", IncomingEvents.GuidelineDeviation.class,
            "BandTimeWarning", IncomingEvents.BandTimeWarning.class,
            "BandTimeOverrun", IncomingEvents.BandTimeOverrun.class);
    /** Events of the contract that raise nothing here. */
    private static final Set<String> SESSION_TYPES_WITHOUT_ALERT =
            Set.of("SessionStarted", "BandApplied", "SetLogged", "SessionCompleted");

    private final EventCodec codec;
    private final EventApplier applier;
    private final AlertConfig config;

    public EventConsumer(EventCodec codec, EventApplier applier, AlertConfig config) {
        this.codec = codec;
        this.applier = applier;
        this.config = config;
    }

    @Incoming("screening-events")
    @Blocking
    public void screeningEvent(String value) {
        consume(value, SCREENING_TYPES, Set.of());
    }

    @Incoming("session-events")
    @Blocking
    public void sessionEvent(String value) {
        consume(value, SESSION_TYPES, SESSION_TYPES_WITHOUT_ALERT);
    }

    private void consume(String value, Map<String, Class<?>> types, Set<String> ignored) {
        EventEnvelope envelope = codec.read(value);
        if (ignored.contains(envelope.type())) {
            return;
        }
        Class<?> dataType = types.get(envelope.type());
        if (dataType == null) {
            throw new InvalidEventException("event " + envelope.id() + " has unknown type '" + envelope.type() + "'");
        }
        Object data = codec.dataAs(envelope, dataType);
        applyWithRetry(envelope, data);
    }

    private void applyWithRetry(EventEnvelope envelope, Object data) {
        int attempt = 0;
        while (true) {
            try {
                applier.apply(envelope, data);
                return;
            } catch (RuntimeException e) {
                if (Failures.isInvalidRecord(e)) {
                    throw e;
                }
                attempt++;
                boolean transientFailure = Failures.isTransient(e);
                if (!transientFailure && attempt >= config.unexpectedFailureAttempts()) {
                    LOG.errorf(e, "Event %s (%s) failed %d times, sending it to the dead-letter topic",
                            envelope.id(), envelope.type(), attempt);
                    throw e;
                }
                Duration pause = backoff(attempt);
                LOG.warnf("Event %s (%s) failed (attempt %d, %s), retrying in %d ms: %s", envelope.id(),
                        envelope.type(), attempt, transientFailure ? "transient" : "unexpected", pause.toMillis(),
                        e.toString());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Duration backoff(int attempt) {
        long millis = Math.min(config.retryBackoffMax().toMillis(), 100L << Math.min(attempt - 1, 10));
        return Duration.ofMillis(millis);
    }
}
