package clinic.bfrguard.alert.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A band taken off a limb. */
public record BandRelease(UUID bandId, String limb, Instant appliedAt, Instant releasedAt, Instant deadline,
        Long wornSeconds, String releasedBy) {

    public boolean inTime() {
        return releasedAt.isBefore(deadline);
    }

    public long worn() {
        if (wornSeconds != null) {
            return wornSeconds;
        }
        return appliedAt == null ? 0 : Duration.between(appliedAt, releasedAt).getSeconds();
    }

    /** The band's limit, as the deadline was set when it was applied. */
    public long limitSeconds() {
        return appliedAt == null ? 0 : Duration.between(appliedAt, deadline).getSeconds();
    }
}
