package clinic.bfrguard.screening.config;

import clinic.bfrguard.screening.domain.ConditionCode;
import clinic.bfrguard.screening.domain.ScreeningPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Period;
import java.util.Map;

/**
 * Clinic policy for screenings ({@code clinic.screening.*}). The defaults here (and each condition's points in
 * {@link ConditionCode}) are the clinic guidance and are written nowhere else: a deployment sets a value only where
 * the clinic differs.
 */
@ConfigMapping(prefix = "clinic.screening")
public interface ScreeningConfig {

    /** How long a screening stays valid. */
    @WithDefault("P90D")
    Period validity();

    /** Overrides of a condition's points, by code: {@code clinic.screening.points.PREGNANCY=5}. */
    @WithName("points")
    Map<ConditionCode, Integer> points();

    /** Totals from this value up need a clinician's review. */
    @WithDefault("1")
    int reviewFrom();

    /** Totals from this value up contraindicate BFR. */
    @WithDefault("5")
    int contraindicatedFrom();

    BloodPressureBands bloodPressure();

    interface BloodPressureBands {
        @WithDefault("180")
        int uncontrolledSystolic();

        @WithDefault("110")
        int uncontrolledDiastolic();

        @WithDefault("160")
        int elevatedSystolic();

        @WithDefault("100")
        int elevatedDiastolic();
    }

    default ScreeningPolicy policy() {
        return new ScreeningPolicy(points(), reviewFrom(),
                contraindicatedFrom(), bloodPressure().uncontrolledSystolic(),
                bloodPressure().uncontrolledDiastolic(), bloodPressure().elevatedSystolic(),
                bloodPressure().elevatedDiastolic(), validity());
    }

    /**
     * Whether the clinician who recorded a screening may clear it too. The clinic wants two pairs of eyes on every
     * clearance; a single-clinician practice may turn this on.
     */
    @WithDefault("false")
    boolean allowSelfClearance();
}
