package clinic.bfrguard.session.domain;

import java.time.Instant;

/** Fired inside the transaction that applied a band; the band timer learns of it once that commits. */
public record BandScheduled(Instant warnAt, Instant deadline) {
}
