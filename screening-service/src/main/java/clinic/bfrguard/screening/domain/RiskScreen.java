package clinic.bfrguard.screening.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The points screen: every declared condition counts once with its points; the measured blood pressure adds
 * uncontrolled or elevated hypertension (never both, never twice); the total decides the outcome.
 */
public class RiskScreen {

    private final ScreeningPolicy policy;

    public RiskScreen(ScreeningPolicy policy) {
        this.policy = policy;
    }

    public ScreeningAssessment assess(BloodPressure bloodPressure, Collection<ConditionCode> declared,
            Collection<LimbRestriction> limbRestrictions, Instant screenedAt) {
        Set<ConditionCode> counted = EnumSet.noneOf(ConditionCode.class);
        counted.addAll(declared);
        ConditionCode measured = measuredHypertension(bloodPressure);
        if (measured != null) {
            counted.add(measured);
        }
        if (counted.contains(ConditionCode.UNCONTROLLED_HYPERTENSION)) {
            counted.remove(ConditionCode.ELEVATED_BLOOD_PRESSURE);
        }

        List<Reason> reasons = new ArrayList<>();
        int total = 0;
        for (ConditionCode code : counted) {
            int points = policy.pointsOf(code);
            total += points;
            reasons.add(new Reason(code.name(), points, message(code, points, bloodPressure, measured, declared)));
        }
        return new ScreeningAssessment(outcome(total), total, List.copyOf(reasons),
                List.copyOf(new LinkedHashSet<>(limbRestrictions)), validUntil(screenedAt));
    }

    public Outcome outcome(int totalPoints) {
        if (totalPoints >= policy.contraindicatedFrom()) {
            return Outcome.CONTRAINDICATED;
        }
        if (totalPoints >= policy.reviewFrom()) {
            return Outcome.REVIEW_REQUIRED;
        }
        return Outcome.CLEARED;
    }

    /** The hypertension code the measurement alone implies, or {@code null} when it is below both bands. */
    public ConditionCode measuredHypertension(BloodPressure bp) {
        if (bp.systolic() >= policy.uncontrolledSystolic() || bp.diastolic() >= policy.uncontrolledDiastolic()) {
            return ConditionCode.UNCONTROLLED_HYPERTENSION;
        }
        if (bp.systolic() >= policy.elevatedSystolic() || bp.diastolic() >= policy.elevatedDiastolic()) {
            return ConditionCode.ELEVATED_BLOOD_PRESSURE;
        }
        return null;
    }

    private Instant validUntil(Instant screenedAt) {
        return screenedAt.atOffset(ZoneOffset.UTC).plus(policy.validity()).toInstant();
    }

    private String message(ConditionCode code, int points, BloodPressure bp, ConditionCode measured,
            Collection<ConditionCode> declared) {
        String pointsText = points + (points == 1 ? " point" : " points");
        if (code == measured && !declared.contains(code)) {
            String band = code == ConditionCode.UNCONTROLLED_HYPERTENSION
                    ? "systolic >= " + policy.uncontrolledSystolic() + " or diastolic >= "
                            + policy.uncontrolledDiastolic()
                    : "systolic >= " + policy.elevatedSystolic() + " or diastolic >= " + policy.elevatedDiastolic();
            return code.description() + ": measured " + bp + " (" + band + "), " + pointsText;
        }
        return code.description() + ": declared, " + pointsText;
    }
}
