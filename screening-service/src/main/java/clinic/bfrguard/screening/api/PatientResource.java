package clinic.bfrguard.screening.api;

import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.screening.domain.Eligibility;
import clinic.bfrguard.screening.domain.ScreeningService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Patients")
public class PatientResource {

    private final ScreeningService service;
    private final CallerSites sites;
    private final AuditReads reads;

    public PatientResource(ScreeningService service, CallerSites sites, AuditReads reads) {
        this.service = service;
        this.sites = sites;
        this.reads = reads;
    }

    /** Whether the patient may train now, by their latest screening; a patient of another site is not screened. */
    @GET
    @Path("/{patientId}/eligibility")
    @RolesAllowed({"physiotherapist", "clinician"})
    public Eligibility eligibility(
            @PathParam("patientId") @PatientId
            String patientId) {
        Eligibility eligibility = service.eligibility(patientId, sites.all());
        reads.read("eligibility", patientId, patientId);
        return eligibility;
    }

    /**
     * The patient's screening history at the caller's sites, newest first. A patient of another site, like one
     * never screened, has none: an empty list, as every list answers, rather than a 404.
     */
    @GET
    @Path("/{patientId}/screenings")
    @RolesAllowed({"physiotherapist", "clinician"})
    public List<ScreeningView> screenings(
            @PathParam("patientId") @PatientId
            String patientId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        List<ScreeningView> history = service.history(patientId, sites.all(), limit).stream().map(ScreeningView::of)
                .toList();
        reads.read("screening-history", patientId, patientId);
        return history;
    }
}
