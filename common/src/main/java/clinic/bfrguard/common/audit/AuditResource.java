package clinic.bfrguard.common.audit;

import clinic.bfrguard.common.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The service's audit trail, for clinic IT. Read-only: there is no way to change an entry through the API, and the
 * database refuses it too.
 * <p>
 * The same trail is also served under the service's own name, {@code /api/audit/screening},
 * {@code /api/audit/session} or {@code /api/audit/alert}: three services share {@code /api/audit}, so a single
 * entry point (the Kubernetes Ingress) routes each of them by that name, without rewriting paths.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("clinic-admin")
@Tag(name = "Audit")
public class AuditResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int VERIFY_PAGE = 1000;

    private final String serviceName;

    public AuditResource(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.serviceName = serviceName(application);
    }

    /** {@code session-service} → {@code session}: the name under which a service serves its trail. */
    static String serviceName(String application) {
        return application.endsWith("-service")
                ? application.substring(0, application.length() - "-service".length())
                : application;
    }

    /**
     * Entries newest first, filtered by time ({@code from} inclusive, {@code to} exclusive, ISO-8601 instants such as
     * {@code 2026-11-28T08:00:00Z}), by actor, by action and by target: a patient's id gives every entry about
     * the patient, reads included ("who looked at this patient"); a record's id, the entries about that record.
     */
    @GET
    @Operation(summary = "Audit entries, newest first")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditView> search(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target") String target, @QueryParam("limit") String limit) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw ProblemException.badRequest("from (" + fromInstant + ") must not be after to (" + toInstant + ")");
        }
        AuditEntry.AuditQuery query = new AuditEntry.AuditQuery(fromInstant, toInstant, blankToNull(actor),
                blankToNull(action), blankToNull(target), limit(limit));
        return AuditEntry.search(query).stream().map(AuditView::of).toList();
    }

    /** The same entries under this service's name; the name of another service is not found here. */
    @GET
    @Path("/{service}")
    @Operation(summary = "Audit entries, newest first, under this service's name (screening, session or alert)")
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AuditView> searchNamed(@PathParam("service") String service, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("actor") String actor, @QueryParam("action") String action,
            @QueryParam("target") String target, @QueryParam("limit") String limit) {
        requireOwnName(service);
        return search(from, to, actor, action, target, limit);
    }

    /**
     * Walks the hash chain from its first entry and answers whether it is intact, or the first entry that was
     * changed, or follows one that was changed or removed.
     */
    @GET
    @Path("/verify")
    @Operation(summary = "Whether the audit trail's hash chain is intact, or its first broken entry")
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditVerification verify() {
        AuditChain.Walk walk = new AuditChain.Walk();
        List<AuditChain.Link> page;
        do {
            page = AuditEntry.chainAfter(walk.lastSeq(), VERIFY_PAGE);
            for (AuditChain.Link link : page) {
                if (!walk.next(link)) {
                    return AuditVerification.of(walk, AuditEntry.unchained());
                }
            }
        } while (page.size() == VERIFY_PAGE);
        return AuditVerification.of(walk, AuditEntry.unchained());
    }

    /** The same check under this service's name. */
    @GET
    @Path("/{service}/verify")
    @Operation(summary = "Whether the audit trail's hash chain is intact, under this service's name")
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditVerification verifyNamed(@PathParam("service") String service) {
        requireOwnName(service);
        return verify();
    }

    private void requireOwnName(String service) {
        if (!serviceName.equals(service)) {
            throw new ProblemException(404, "Not found", "this is the audit trail of the " + serviceName
                    + " service: /api/audit or /api/audit/" + serviceName);
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + ": '" + value
                    + "' is not an ISO-8601 instant such as 2026-11-28T08:00:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit: '" + value + "' must be a number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
