package clinic.bfrguard.alert.api;

import clinic.bfrguard.common.validation.PatientId;
import clinic.bfrguard.alert.domain.Alert;
import clinic.bfrguard.alert.domain.AlertNotification;
import clinic.bfrguard.alert.domain.AlertService;
import clinic.bfrguard.alert.domain.AlertStatus;
import clinic.bfrguard.alert.domain.Severity;
import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.problem.ProblemException;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.stream.EventStreams;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("clinician")
@Tag(name = "Alerts")
public class AlertResource {

    private final AlertService service;
    private final AlertChangeFeed feed;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final ObjectMapper mapper;
    private final CallerSites sites;
    private final AuditReads reads;

    public AlertResource(AlertService service, AlertChangeFeed feed,
            SecurityIdentity identity, JsonWebToken token, ObjectMapper mapper, CallerSites sites, AuditReads reads) {
        this.service = service;
        this.feed = feed;
        this.identity = identity;
        this.token = token;
        this.mapper = mapper;
        this.sites = sites;
        this.reads = reads;
    }

    /**
     * Alerts of the caller's sites, newest first, each with its notification trail: the trails of the whole page
     * are read in one query, so a board that loads 500 alerts costs two queries, not one per alert.
     */
    @GET
    public List<AlertView> list(@QueryParam("status") String status, @QueryParam("severity") String severity,
            @QueryParam("patientId") @PatientId String patientId,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "must be at least 1")
            @Max(value = 500, message = "must be at most 500") int limit) {
        List<Alert> alerts = service.search(parse(AlertStatus.class, "status", status),
                parse(Severity.class, "severity", severity), patientId, sites.all(), limit);
        Map<UUID, List<AlertNotification>> trails = service.trailsOf(alerts);
        if (patientId != null) {
            reads.read("alerts", patientId, patientId);
        }
        return alerts.stream().map(a -> AlertView.of(a, trails.getOrDefault(a.id, List.of()))).toList();
    }

    @GET
    @Path("/{id}")
    public AlertView get(@PathParam("id") UUID id) {
        Alert alert = service.get(id, sites.all());
        reads.read("alert", id, alert.patientId);
        return withTrail(alert);
    }

    @POST
    @Path("/{id}/acknowledge")
    public AlertView acknowledge(@PathParam("id") UUID id) {
        return withTrail(service.acknowledge(id, identity.getPrincipal().getName(), sites.all()));
    }

    /**
     * The body is optional ({@code {"note": "..."}}), so a client may post nothing at all; that is why it is read
     * here rather than bound, which would demand a JSON content type.
     */
    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResolveRequest.class)))
    public AlertView resolve(@PathParam("id") UUID id, String body) {
        String note = note(body);
        return withTrail(service.resolve(id, identity.getPrincipal().getName(), note, sites.all()));
    }

    /** The alert, which the caller may see, with its notification trail. */
    private AlertView withTrail(Alert alert) {
        return AlertView.of(alert, service.trailOf(alert.id));
    }

    /**
     * Every change of an alert of the caller's sites as a Server-Sent Event: id = the change's seq, data =
     * {@code {seq, kind, at, alert}}. A client that reconnects with {@code Last-Event-ID} first receives every change
     * it missed. The stream ends when the token expires, and a client that stops reading is disconnected; both
     * reconnect and miss nothing.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse,
            @Context RoutingContext routing) {
        return EventStreams.open(feed.feed(), "alert streams", lastEventId,
                identity.getPrincipal().getName(), token, sites.all(), sse, routing);
    }

    private String note(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        ResolveRequest request;
        try {
            request = mapper.readValue(body, ResolveRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("the body must be JSON like {\"note\": \"...\"}");
        }
        if (request == null || request.note() == null || request.note().isBlank()) {
            return null;
        }
        if (request.note().length() > ResolveRequest.MAX_NOTE) {
            throw ProblemException.badRequest("note: must be at most " + ResolveRequest.MAX_NOTE + " characters");
        }
        return request.note();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
