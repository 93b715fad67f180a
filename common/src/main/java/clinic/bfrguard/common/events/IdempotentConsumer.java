package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.ConsumerConfig;
import clinic.bfrguard.common.validation.PatientIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;

/**
 * Applies the records of a topic: decodes and checks the envelope, skips an event already applied, and applies the
 * rest in one transaction together with the record of its id, so a redelivered or replayed event changes nothing.
 * <p>
 * A record that can never be applied (not an envelope, a source that is not the topic's producer, a patient id the
 * APIs would refuse, a type outside the topic's contract, data its type rejects) is thrown back at once with the
 * reason, and the channel's dead-letter strategy moves it to {@code <topic>.dlq}. A transient failure (the database is away, a deadlock, a lock wait
 * that timed out) is retried with back-off until it passes, holding the partition so that one patient's events keep
 * their order: dead-lettering a safety event over an outage would lose an alarm. Any other failure is retried
 * {@code clinic.consumer.unexpected-failure-attempts} times and then dead-lettered, so one faulty record cannot
 * stop the topic for ever.
 * <p>
 * When the service is told to stop, its {@link ShutdownGate} takes no more records and lets those under way finish
 * (at most {@code clinic.consumer.shutdown-drain}) while the database is still open. A record that arrives after
 * that, or whose attempt fails meanwhile, is {@link HeldForRedelivery held}: neither applied nor dead-lettered, and
 * since it is never acknowledged its offset is not committed, so the next owner of its partition (this service after
 * its restart, or another replica at once) applies it. A rolling update thus never dead-letters the events a replica
 * was busy with (Quarkus closes the persistence unit before the Kafka consumers).
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);
    /** Long enough to outlast any outage; a year of retries still holds the record rather than losing it. */
    private static final long TRANSIENT_RETRY_HOURS = 24 * 365;

    private final EventCodec codec;
    private final ProcessedEvents processed;
    private final ConsumerConfig config;
    private final Guard untilItPasses;
    private final Guard unexpectedFailures;
    private final ShutdownGate gate;

    public IdempotentConsumer(EventCodec codec, ProcessedEvents processed, ConsumerConfig config, ShutdownGate gate) {
        this.gate = gate;
        this.codec = codec;
        this.processed = processed;
        this.config = config;
        long initial = config.retryBackoffInitial().toMillis();
        long max = Math.max(initial, config.retryBackoffMax().toMillis());
        this.untilItPasses = Guard.create()
                .withRetry()
                .maxRetries(-1)
                .maxDuration(TRANSIENT_RETRY_HOURS, ChronoUnit.HOURS)
                .delay(initial, ChronoUnit.MILLIS)
                .whenException(failure -> ConsumerFailures.isTransient(failure) && !gate.stopping())
                .withExponentialBackoff().factor(2).maxDelay(max, ChronoUnit.MILLIS).done()
                .done()
                .build();
        this.unexpectedFailures = Guard.create()
                .withRetry()
                .maxRetries(Math.max(0, config.unexpectedFailureAttempts() - 1))
                .delay(initial, ChronoUnit.MILLIS)
                .whenException(failure -> !ConsumerFailures.isInvalidRecord(failure)
                        && !ConsumerFailures.isTransient(failure) && !gate.stopping())
                .withExponentialBackoff().factor(2).maxDelay(max, ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /** Applies one record's value; throws, for the dead-letter topic, what can never be applied. */
    public void consume(String value, EventRoutes routes) {
        EventEnvelope envelope = codec.read(value);
        try {
            // a forged event (say, a clearance written by anyone with access to the broker) changes nothing,
            // whatever its type: checked before an ignored type is passed by
            routes.checkSource(envelope);
        } catch (InvalidEventException e) {
            throw deadLetter(envelope, routes, e);
        }
        if (!PatientIds.isValid(envelope.patientId())) {
            // checked before the database sees it: a value the database refuses would be retried and hold up
            // every later event on the partition
            throw deadLetter(envelope, routes, new InvalidEventException("event " + envelope.id()
                    + " has an invalid patientId (it " + PatientIds.MESSAGE + ")"));
        }
        if (routes.ignores(envelope.type())) {
            return;
        }
        EventRoutes.Route<?> route = routes.route(envelope.type()).orElseThrow(() -> deadLetter(envelope, routes,
                new InvalidEventException("event " + envelope.id() + " has unknown type '" + envelope.type()
                        + "' for " + routes.topic())));
        Object data;
        try {
            data = codec.dataAs(envelope, route.dataType());
        } catch (InvalidEventException e) {
            throw deadLetter(envelope, routes, e);
        }
        if (!gate.enter()) {
            throw new HeldForRedelivery(envelope.id());
        }
        try {
            untilItPasses.get(() -> unexpectedFailures.get(() -> applyOnce(envelope, route, data), Boolean.class),
                    Boolean.class);
        } catch (RuntimeException e) {
            if (ConsumerFailures.isInvalidRecord(e)) {
                throw deadLetter(envelope, routes, e);
            }
            if (gate.stopping()) {
                LOG.infof("Event %s (%s) not applied before the service stopped (%s); it is delivered again",
                        envelope.id(), envelope.type(), e.toString());
                throw new HeldForRedelivery(envelope.id());
            }
            LOG.errorf(e, "Event %s (%s) failed %d times, sending it to %s.dlq", envelope.id(), envelope.type(),
                    config.unexpectedFailureAttempts(), routes.topic());
            throw e;
        } finally {
            gate.leave();
        }
    }

    private boolean applyOnce(EventEnvelope envelope, EventRoutes.Route<?> route, Object data) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (!processed.firstDelivery(envelope.id(), config.name())) {
                    return false;
                }
                route.apply(envelope, data);
                return true;
            });
        } catch (RuntimeException e) {
            if (!ConsumerFailures.isInvalidRecord(e)) {
                LOG.warnf("Event %s (%s) failed (%s): %s", envelope.id(), envelope.type(),
                        ConsumerFailures.isTransient(e) ? "transient" : "unexpected", e.toString());
            }
            throw e;
        }
    }

    private static RuntimeException deadLetter(EventEnvelope envelope, EventRoutes routes, RuntimeException reason) {
        LOG.warnf("Event %s (%s) cannot be applied, sending it to %s.dlq: %s", envelope.id(), envelope.type(),
                routes.topic(), reason.getMessage());
        return reason;
    }
}
