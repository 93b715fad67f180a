package clinic.bfrguard.screening.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A clinician's clearance of a screening that needed review: the note says why BFR is acceptable. */
public record ClearanceRequest(@NotBlank @Size(max = 2000) String note) {
}
