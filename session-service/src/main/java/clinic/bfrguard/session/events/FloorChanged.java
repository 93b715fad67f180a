package clinic.bfrguard.session.events;

/** Fired inside a transaction that wrote to the floor's change table; observed after commit to push the change. */
public record FloorChanged(long seq) {
}
