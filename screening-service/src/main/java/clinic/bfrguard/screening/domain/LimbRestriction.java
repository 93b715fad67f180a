package clinic.bfrguard.screening.domain;

import java.util.Objects;

/** No band on {@code limb}, because of {@code code}. */
public record LimbRestriction(LimbConditionCode code, Limb limb) {

    public LimbRestriction {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(limb, "limb");
    }

    public String message() {
        return "No band on " + limb + ": " + code.description();
    }
}
