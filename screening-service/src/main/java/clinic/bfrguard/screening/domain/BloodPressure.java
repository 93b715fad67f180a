package clinic.bfrguard.screening.domain;

/** A measured resting blood pressure in mmHg. */
public record BloodPressure(int systolic, int diastolic) {

    @Override
    public String toString() {
        return systolic + "/" + diastolic + " mmHg";
    }
}
