package clinic.bfrguard.session.domain;

import java.time.Duration;
import java.time.Instant;

/** When a band applied at {@code appliedAt} must be warned about and must come off. */
public record BandTiming(Instant appliedAt, Instant warnAt, Instant deadline, Duration limit) {

    public long limitSeconds() {
        return limit.toSeconds();
    }
}
