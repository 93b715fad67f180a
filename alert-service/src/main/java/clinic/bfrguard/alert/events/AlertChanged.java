package clinic.bfrguard.alert.events;

/** Fired inside a transaction that wrote to the change feed; observed after commit to push the change. */
public record AlertChanged(long seq) {
}
