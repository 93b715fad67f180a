package clinic.bfrguard.session.api;

import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.ratelimit.SafetyWrite;
import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.session.domain.Band;
import clinic.bfrguard.session.domain.ExerciseSet;
import clinic.bfrguard.session.domain.Recorded;
import clinic.bfrguard.session.domain.Session;
import clinic.bfrguard.session.domain.SessionDetails;
import clinic.bfrguard.session.domain.SessionService;
import clinic.bfrguard.session.domain.SessionStatus;
import clinic.bfrguard.session.domain.SymptomReport;
import clinic.bfrguard.common.sites.CallerSites;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** BFR sessions: physiotherapists run and log them; clinicians may read them. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions")
public class SessionResource {

    private static final String BODY_REQUIRED = "a JSON body is required";

    private final SessionService service;
    private final SecurityIdentity identity;
    private final CallerSites sites;
    private final AuditReads reads;

    public SessionResource(SessionService service, SecurityIdentity identity, CallerSites sites, AuditReads reads) {
        this.service = service;
        this.identity = identity;
        this.sites = sites;
        this.reads = reads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("physiotherapist")
    @LimitedWrite
    public Response start(@NotNull(message = BODY_REQUIRED) @Valid Requests.StartSession request,
            @Context UriInfo uri) {
        Session session = service.start(request.patientId(), who(), sites.all());
        // a session just started has nothing logged on it yet
        SessionDetails details = new SessionDetails(session, List.of(), List.of(), List.of(), List.of());
        return Response.created(uri.getAbsolutePathBuilder().path(session.id.toString()).build())
                .entity(Views.SessionView.of(details)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"physiotherapist", "clinician"})
    public Views.SessionView get(@PathParam("id") UUID id) {
        Views.SessionView view = Views.SessionView.of(service.get(id, sites.all()));
        reads.read("session", id, view.patientId());
        return view;
    }

    @GET
    @RolesAllowed({"physiotherapist", "clinician"})
    public List<Views.SessionSummary> search(
            @QueryParam("patientId") @PatientId
            String patientId,
            @QueryParam("status") SessionStatus status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        List<Views.SessionSummary> sessions = service.search(patientId, status, sites.all(), limit).stream()
                .map(Views.SessionSummary::of).toList();
        if (patientId != null) {
            reads.read("sessions", patientId, patientId);
        }
        return sessions;
    }

    @POST
    @Path("/{id}/bands")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("physiotherapist")
    @LimitedWrite
    public Response applyBand(@PathParam("id") UUID id,
            @NotNull(message = BODY_REQUIRED) @Valid Requests.ApplyBand request, @Context UriInfo uri) {
        Recorded<Band> applied = service.applyBand(id, request.limb(), request.perceivedPressure(),
                request.pressureMmHg(), who(), sites.all());
        return Response.created(uri.getAbsolutePathBuilder().path(applied.entry().id.toString()).build())
                .entity(Views.BandApplied.of(applied.entry(), applied.deviations())).build();
    }

    /**
     * Takes no body: a bare POST (no content type) is how a tablet or curl sends it. A safety write: a band must come
     * off when the physiotherapist says so, however busy the service is.
     */
    @POST
    @Path("/{id}/bands/{bandId}/release")
    @RolesAllowed("physiotherapist")
    @SafetyWrite
    public Views.BandReleased releaseBand(@PathParam("id") UUID id, @PathParam("bandId") UUID bandId) {
        return Views.BandReleased.of(service.releaseBand(id, bandId, who(), sites.all()));
    }

    @POST
    @Path("/{id}/sets")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("physiotherapist")
    @LimitedWrite
    public Response logSet(@PathParam("id") UUID id, @NotNull(message = BODY_REQUIRED) @Valid Requests.LogSet request) {
        Recorded<ExerciseSet> logged = service.logSet(id, request.exercise(), request.limb(),
                request.loadPercentOneRm(), request.reps(), request.rpe(), who(), sites.all());
        return Response.status(Response.Status.CREATED)
                .entity(Views.SetLogged.of(logged.entry(), logged.deviations())).build();
    }

    /** A safety write: a symptom raises an alert at once, however busy the service is. */
    @POST
    @Path("/{id}/symptoms")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("physiotherapist")
    @SafetyWrite
    public Response reportSymptom(@PathParam("id") UUID id,
            @NotNull(message = BODY_REQUIRED) @Valid Requests.ReportSymptom request) {
        SymptomReport report = service.reportSymptom(id, request.symptom(), request.note(), who(),
                sites.all());
        return Response.status(Response.Status.CREATED).entity(Views.SymptomView.of(report)).build();
    }

    @POST
    @Path("/{id}/complete")
    @RolesAllowed("physiotherapist")
    @LimitedWrite
    public Views.SessionView complete(@PathParam("id") UUID id) {
        return Views.SessionView.of(service.complete(id, who(), sites.all()));
    }

    private String who() {
        return identity.getPrincipal().getName();
    }
}
