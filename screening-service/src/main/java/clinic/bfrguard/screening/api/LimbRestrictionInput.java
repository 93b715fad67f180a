package clinic.bfrguard.screening.api;

import clinic.bfrguard.screening.domain.Limb;
import clinic.bfrguard.screening.domain.LimbConditionCode;
import jakarta.validation.constraints.NotNull;

public record LimbRestrictionInput(@NotNull LimbConditionCode code, @NotNull Limb limb) {
}
