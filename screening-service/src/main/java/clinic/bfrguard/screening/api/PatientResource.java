package clinic.bfrguard.screening.api;

import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.screening.domain.Eligibility;
import clinic.bfrguard.screening.domain.ScreeningService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientResource {

    private final ScreeningService service;
    private final CallerSites sites;

    public PatientResource(ScreeningService service, CallerSites sites) {
        this.service = service;
        this.sites = sites;
    }

    /** Whether the patient may train now, by their latest screening; a patient of another site is not screened. */
    @GET
    @Path("/{patientId}/eligibility")
    @RolesAllowed({"physiotherapist", "clinician"})
    public Eligibility eligibility(
            @PathParam("patientId") @PatientId
            String patientId) {
        return service.eligibility(patientId, sites.all());
    }
}
