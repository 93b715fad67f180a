package clinic.bfrguard.screening.api;

import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.screening.domain.BloodPressure;
import clinic.bfrguard.screening.domain.LimbRestriction;
import clinic.bfrguard.screening.domain.ScreeningService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/screenings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Screenings")
public class ScreeningResource {

    private final ScreeningService service;
    private final SecurityIdentity identity;
    private final CallerSites sites;
    private final AuditReads reads;

    public ScreeningResource(ScreeningService service, SecurityIdentity identity, CallerSites sites,
            AuditReads reads) {
        this.service = service;
        this.identity = identity;
        this.sites = sites;
        this.reads = reads;
    }

    @POST
    @RolesAllowed({"physiotherapist", "clinician"})
    public Response screen(@NotNull(message = "a JSON body is required") @Valid ScreeningRequest request,
            @Context UriInfo uri) {
        List<LimbRestriction> restrictions = request.limbRestrictions() == null ? List.of()
                : request.limbRestrictions().stream().map(r -> new LimbRestriction(r.code(), r.limb())).toList();
        ScreeningView view = ScreeningView.of(service.screen(request.patientId(),
                new BloodPressure(request.systolic(), request.diastolic()), request.conditions(), restrictions,
                request.notes(), sites.forNewRecord(request.site()), identity.getPrincipal().getName()));
        return Response.created(uri.getAbsolutePathBuilder().path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"physiotherapist", "clinician"})
    public ScreeningView get(@PathParam("id") UUID id) {
        ScreeningView view = ScreeningView.of(service.get(id, sites.all()));
        reads.read("screening", id, view.patientId());
        return view;
    }

    @POST
    @Path("/{id}/clearance")
    @RolesAllowed("clinician")
    public ScreeningView clear(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body with a note is required") @Valid ClearanceRequest request) {
        return ScreeningView.of(service.clear(id, request.note(), identity.getPrincipal().getName(), sites.all()));
    }
}
