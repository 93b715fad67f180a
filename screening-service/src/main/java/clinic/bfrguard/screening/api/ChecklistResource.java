package clinic.bfrguard.screening.api;

import clinic.bfrguard.screening.domain.ScreeningPolicy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The checklist the screening form shows, from the same policy that scores it, so no page keeps its own copy. */
@Path("/api/screening-checklist")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Screenings")
public class ChecklistResource {

    private final ChecklistView checklist;

    public ChecklistResource(ScreeningPolicy policy) {
        this.checklist = ChecklistView.of(policy);
    }

    @GET
    @RolesAllowed({"physiotherapist", "clinician"})
    public ChecklistView checklist() {
        return checklist;
    }
}
