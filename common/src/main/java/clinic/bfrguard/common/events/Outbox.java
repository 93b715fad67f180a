package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.OutboxConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * Where events leave a service. {@link #publish} writes the event into the same database transaction as the state
 * change that caused it, so both commit or neither does; {@link OutboxRelay} sends it to Kafka after the commit.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final OutboxConfig config;
    private final Clock clock;
    private final Event<OutboxWritten> written;

    public Outbox(EventCodec codec, OutboxConfig config, Clock clock, Event<OutboxWritten> written) {
        this.codec = codec;
        this.config = config;
        this.clock = clock;
        this.written = written;
    }

    /**
     * Records an event for {@code topic}, keyed by the patient so that one patient's events keep their order.
     * Must run inside the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, String type, String patientId, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, config.source(), clock.instant(),
                patientId, codec.toTree(data));
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.id();
        row.topic = topic;
        row.key = patientId;
        row.type = type;
        row.payload = codec.write(envelope);
        row.createdAt = envelope.time();
        row.persist();
        written.fire(new OutboxWritten(topic));
        return envelope;
    }
}
