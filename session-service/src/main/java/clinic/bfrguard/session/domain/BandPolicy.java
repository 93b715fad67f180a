package clinic.bfrguard.session.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How long a band may stay on, when to warn, and how long a limb must rest between bands. */
public record BandPolicy(Duration maxContinuous, Duration maxContinuousArm, Duration warnBefore,
        Duration reperfusion) {

    public BandPolicy {
        Objects.requireNonNull(maxContinuous, "maxContinuous");
        Objects.requireNonNull(maxContinuousArm, "maxContinuousArm");
        Objects.requireNonNull(warnBefore, "warnBefore");
        Objects.requireNonNull(reperfusion, "reperfusion");
        if (maxContinuous.isNegative() || maxContinuous.isZero() || maxContinuousArm.isNegative()
                || maxContinuousArm.isZero()) {
            throw new IllegalArgumentException("clinic.band.max-continuous and max-continuous-arm must be positive");
        }
        if (warnBefore.isNegative() || reperfusion.isNegative()) {
            throw new IllegalArgumentException("clinic.band.warn-before and reperfusion must not be negative");
        }
    }

    public Duration limitFor(Limb limb) {
        return limb.isArm() ? maxContinuousArm : maxContinuous;
    }

    /**
     * The deadline is the limit after application; the warning comes {@code warnBefore} earlier, but never before
     * the band was applied (a warning lead longer than the limit warns at once).
     */
    public BandTiming timing(Limb limb, Instant appliedAt) {
        Duration limit = limitFor(limb);
        Instant deadline = appliedAt.plus(limit);
        Instant warnAt = deadline.minus(warnBefore);
        if (warnAt.isBefore(appliedAt)) {
            warnAt = appliedAt;
        }
        return new BandTiming(appliedAt, warnAt, deadline, limit);
    }

    /**
     * A deviation when the limb was released less than {@code reperfusion} before it is banded again; a limb never
     * banded before (or rested exactly the reperfusion time or longer) is fine.
     */
    public Optional<Deviation> reperfusionDeviation(Limb limb, Instant lastReleasedAt, Instant appliedAt) {
        if (lastReleasedAt == null) {
            return Optional.empty();
        }
        Duration rested = Duration.between(lastReleasedAt, appliedAt);
        if (rested.compareTo(reperfusion) >= 0) {
            return Optional.empty();
        }
        BigDecimal actual = Deviation.plain(BigDecimal.valueOf(Math.max(0, rested.toMillis())).movePointLeft(3));
        BigDecimal limit = Deviation.plain(BigDecimal.valueOf(reperfusion.toMillis()).movePointLeft(3));
        return Optional.of(new Deviation(DeviationRule.REPERFUSION, limb, null, actual, limit,
                limb + " was banded again after " + actual.toPlainString() + " s without a band; guidance is at least "
                        + limit.toPlainString() + " s of reperfusion"));
    }
}
