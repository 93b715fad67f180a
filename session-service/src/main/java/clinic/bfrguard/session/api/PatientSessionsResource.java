package clinic.bfrguard.session.api;

import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.session.domain.SessionDetails;
import clinic.bfrguard.session.domain.SessionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * A patient's session history at the caller's sites, newest first, as JSON or, for {@code Accept: text/csv}, as a
 * CSV file. A patient of another site, like one never seen, has no sessions: an empty history, as every list
 * answers, rather than a 404.
 */
@Path("/api/patients/{patientId}/sessions")
@Tag(name = "Sessions")
public class PatientSessionsResource {

    private final SessionService service;
    private final CallerSites sites;
    private final AuditReads reads;

    public PatientSessionsResource(SessionService service, CallerSites sites, AuditReads reads) {
        this.service = service;
        this.sites = sites;
        this.reads = reads;
    }

    /** Each session as {@code GET /api/sessions/{id}} shows it, with its bands, sets, symptoms and deviations. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"physiotherapist", "clinician"})
    public List<Views.SessionView> history(
            @PathParam("patientId") @PatientId
            String patientId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        List<Views.SessionView> history = service.history(patientId, sites.all(), limit).stream()
                .map(Views.SessionView::of).toList();
        reads.read("session-history", patientId, patientId);
        return history;
    }

    /** The same history as a file a spreadsheet opens: {@link SessionHistoryCsv}. */
    @GET
    @Produces(SessionHistoryCsv.MEDIA_TYPE)
    @RolesAllowed({"physiotherapist", "clinician"})
    public Response historyAsCsv(
            @PathParam("patientId") @PatientId
            String patientId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        // read in full before the answer starts, so that nothing touches the database while it is written
        List<SessionDetails> history = service.history(patientId, sites.all(), limit);
        reads.read("session-history", patientId, patientId);
        StreamingOutput csv = out -> SessionHistoryCsv.write(history, out);
        // the patient id is letters, digits, '-' and '_' only, so it is safe inside the quoted file name
        return Response.ok(csv, SessionHistoryCsv.MEDIA_TYPE + ";charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + patientId + "-sessions.csv\"")
                .build();
    }
}
