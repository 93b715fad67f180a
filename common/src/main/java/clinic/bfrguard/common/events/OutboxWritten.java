package clinic.bfrguard.common.events;

/** Fired inside the transaction that wrote to the outbox; observed after it commits to wake the relay. */
public record OutboxWritten(String topic) {
}
