package clinic.bfrguard.screening.domain;

import java.time.Period;
import java.util.EnumMap;
import java.util.Map;

/**
 * The clinic's screening policy: points per condition, the totals that decide the outcome, the blood pressure
 * bands, and how long a screening stays valid. A condition missing from {@code points} counts its
 * {@link ConditionCode#defaultPoints() default points}; the other defaults are the configuration's
 * ({@code ScreeningConfig}).
 */
public record ScreeningPolicy(
        Map<ConditionCode, Integer> points,
        int reviewFrom,
        int contraindicatedFrom,
        int uncontrolledSystolic,
        int uncontrolledDiastolic,
        int elevatedSystolic,
        int elevatedDiastolic,
        Period validity) {

    public ScreeningPolicy {
        EnumMap<ConditionCode, Integer> complete = new EnumMap<>(ConditionCode.class);
        for (ConditionCode code : ConditionCode.values()) {
            int value = points.getOrDefault(code, code.defaultPoints());
            if (value < 0) {
                throw new IllegalArgumentException("points of " + code + " must not be negative");
            }
            complete.put(code, value);
        }
        points = Map.copyOf(complete);
        if (reviewFrom < 1 || contraindicatedFrom <= reviewFrom) {
            throw new IllegalArgumentException("need 1 <= review-from < contraindicated-from");
        }
        if (elevatedSystolic >= uncontrolledSystolic || elevatedDiastolic >= uncontrolledDiastolic) {
            throw new IllegalArgumentException("elevated blood pressure bands must lie below the uncontrolled ones");
        }
    }

    public int pointsOf(ConditionCode code) {
        return points.get(code);
    }
}
