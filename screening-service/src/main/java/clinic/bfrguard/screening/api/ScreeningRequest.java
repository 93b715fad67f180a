package clinic.bfrguard.screening.api;

import clinic.bfrguard.common.sites.Sites;
import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.screening.domain.ConditionCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Set;

/**
 * A screening as the physiotherapist enters it. The checklist ({@code conditions}) must be present, even when
 * empty: an absent checklist is not the same as a patient with no conditions. The site may be left out by a user of
 * one site: the screening is then of that site.
 */
public record ScreeningRequest(
        @NotNull @PatientId String patientId,
        @Pattern(regexp = Sites.PATTERN, message = Sites.MESSAGE) String site,
        @NotNull @Min(value = 40, message = "must be between 40 and 300 mmHg")
        @Max(value = 300, message = "must be between 40 and 300 mmHg") Integer systolic,
        @NotNull @Min(value = 20, message = "must be between 20 and 200 mmHg")
        @Max(value = 200, message = "must be between 20 and 200 mmHg") Integer diastolic,
        @NotNull(message = "must be present (an empty list when no condition applies)")
        Set<@NotNull ConditionCode> conditions,
        @Size(max = 20) List<@NotNull @Valid LimbRestrictionInput> limbRestrictions,
        @Size(max = 2000) String notes) {
}
