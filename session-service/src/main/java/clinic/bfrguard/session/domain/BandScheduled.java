package clinic.bfrguard.session.domain;

/** Fired inside the transaction that applied a band; the band timer learns of it once that commits. */
public record BandScheduled(java.time.Instant warnAt, java.time.Instant deadline) {
}
