package clinic.bfrguard.session.api;

import clinic.bfrguard.common.audit.AuditReads;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.stream.EventStreams;
import clinic.bfrguard.session.config.FloorConfig;
import clinic.bfrguard.session.domain.FloorTile;
import clinic.bfrguard.session.domain.SessionService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.TreeSet;

/**
 * The clinic floor: every active session of the caller's sites with its physiotherapist, the bands on now and the
 * symptoms reported, soonest deadline first, and a stream of its changes.
 */
@Path("/api/floor")
@RolesAllowed({"physiotherapist", "clinician"})
@Tag(name = "Floor")
public class FloorResource {

    private final SessionService service;
    private final FloorFeed feed;
    private final FloorConfig config;
    private final CallerSites sites;
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final AuditReads reads;

    public FloorResource(SessionService service, FloorFeed feed, FloorConfig config, CallerSites sites,
            SecurityIdentity identity, JsonWebToken token, AuditReads reads) {
        this.service = service;
        this.feed = feed;
        this.config = config;
        this.sites = sites;
        this.identity = identity;
        this.token = token;
        this.reads = reads;
    }

    /** One tile per active session, soonest deadline first; each patient shown is recorded as read. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<FloorTile> floor() {
        List<FloorTile> tiles = service.floor(sites.all(), config.maxSessions());
        tiles.forEach(tile -> reads.read("floor", tile.sessionId(), tile.patientId()));
        return tiles;
    }

    /**
     * Every change of the floor of the caller's sites as a Server-Sent Event: id = the change's seq, data =
     * {@code {seq, kind, at, session}} where {@code kind} is the event type that changed it (SessionStarted,
     * BandApplied, BandReleased, SymptomReported, SessionCompleted) and {@code session} the session's tile after it.
     * {@code Last-Event-ID}, the heartbeat, the end at the token's expiry and the limit per user work as for the
     * alert stream. The stream's opening is recorded as a read of the caller's sites' floor.
     */
    @GET
    @Path("/stream")
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse,
            @Context RoutingContext routing) {
        Multi<OutboundSseEvent> stream = EventStreams.open(feed.feed(), "floor streams", lastEventId,
                identity.getPrincipal().getName(), token, sites.all(), sse, routing);
        reads.read("floor-stream", String.join(",", new TreeSet<>(sites.all())), null);
        return stream;
    }
}
