package clinic.bfrguard.session.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/** Exercise guidance under a band: going beyond it is recorded as a {@link Deviation}, never refused. */
public record GuidelinePolicy(BigDecimal maxLoadPercent, int maxPerceivedPressure, int maxSetsPerExercise) {

    public GuidelinePolicy {
        Objects.requireNonNull(maxLoadPercent, "maxLoadPercent");
        if (maxLoadPercent.signum() <= 0 || maxPerceivedPressure < 1 || maxSetsPerExercise < 1) {
            throw new IllegalArgumentException("clinic.guideline values must be positive");
        }
    }

    /** The deviation names the exercise by its code; its message by its label, for the physiotherapist to read. */
    public Optional<Deviation> loadDeviation(Exercise exercise, Limb limb, BigDecimal loadPercentOneRm) {
        if (loadPercentOneRm.compareTo(maxLoadPercent) <= 0) {
            return Optional.empty();
        }
        BigDecimal actual = Deviation.plain(loadPercentOneRm);
        BigDecimal limit = Deviation.plain(maxLoadPercent);
        return Optional.of(new Deviation(DeviationRule.LOAD, limb, exercise.code(), actual, limit,
                exercise.label() + " at " + actual.toPlainString() + " % 1RM; guidance under a band is at most "
                        + limit.toPlainString() + " % 1RM"));
    }

    public Optional<Deviation> pressureDeviation(Limb limb, int perceivedPressure) {
        if (perceivedPressure <= maxPerceivedPressure) {
            return Optional.empty();
        }
        return Optional.of(new Deviation(DeviationRule.PERCEIVED_PRESSURE, limb, null,
                BigDecimal.valueOf(perceivedPressure), BigDecimal.valueOf(maxPerceivedPressure),
                "Band on " + limb + " at perceived pressure " + perceivedPressure + "/10; guidance is at most "
                        + maxPerceivedPressure + "/10"));
    }

    /** {@code setNumber} is the nth set of {@code exercise} in the session, this one included. */
    public Optional<Deviation> setsDeviation(Exercise exercise, Limb limb, int setNumber) {
        if (setNumber <= maxSetsPerExercise) {
            return Optional.empty();
        }
        return Optional.of(new Deviation(DeviationRule.SETS_PER_EXERCISE, limb, exercise.code(),
                BigDecimal.valueOf(setNumber), BigDecimal.valueOf(maxSetsPerExercise),
                "Set " + setNumber + " of " + exercise.label() + "; guidance is at most " + maxSetsPerExercise
                        + " sets per exercise"));
    }
}
