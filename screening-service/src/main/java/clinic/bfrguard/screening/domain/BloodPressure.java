package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.domain.InvalidInput;

/** A measured resting blood pressure in mmHg; the systolic is always above the diastolic. */
public record BloodPressure(int systolic, int diastolic) {

    public BloodPressure {
        if (systolic <= diastolic) {
            throw new InvalidInput("systolic (" + systolic + ") must be higher than diastolic (" + diastolic + ")");
        }
    }

    @Override
    public String toString() {
        return systolic + "/" + diastolic + " mmHg";
    }
}
