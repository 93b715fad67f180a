package clinic.bfrguard.session.api;

import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.Symptom;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Request bodies of the session API. */
public final class Requests {

    private Requests() {
    }

    public record StartSession(
            @NotNull @PatientId String patientId) {
    }

    public record ApplyBand(
            @NotNull Limb limb,
            @NotNull @Min(value = 1, message = "must be between 1 and 10")
            @Max(value = 10, message = "must be between 1 and 10") Integer perceivedPressure,
            @Min(value = 10, message = "must be between 10 and 400 mmHg")
            @Max(value = 400, message = "must be between 10 and 400 mmHg") Integer pressureMmHg) {
    }

    public record LogSet(
            @NotBlank @Size(max = 100) String exercise,
            @NotNull Limb limb,
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be more than 0 % 1RM")
            @DecimalMax(value = "150", message = "must be at most 150 % 1RM")
            @Digits(integer = 3, fraction = 1, message = "must have at most one decimal place")
            BigDecimal loadPercentOneRm,
            @NotNull @Min(value = 1, message = "must be between 1 and 200")
            @Max(value = 200, message = "must be between 1 and 200") Integer reps,
            @Min(value = 1, message = "must be between 1 and 10")
            @Max(value = 10, message = "must be between 1 and 10") Integer rpe) {
    }

    public record ReportSymptom(@NotNull Symptom symptom, @Size(max = 2000) String note) {
    }
}
