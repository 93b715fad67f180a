package clinic.bfrguard.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Errors that happen before Jakarta REST sees a request, and so miss {@link ProblemMappers}: a missing or rejected
 * token (answered by the HTTP security layer), a body over {@code quarkus.http.limits.max-body-size}. On
 * {@code /api} paths they leave as problem+json like every other error; the status and the
 * headers the layer below chose (such as {@code WWW-Authenticate}) stay as they were.
 */
@ApplicationScoped
public class ProblemRoutes {

    private static final Logger LOG = Logger.getLogger(ProblemRoutes.class);

    private final ObjectMapper json;
    private final Optional<MemorySize> maxBodySize;

    public ProblemRoutes(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.json = json;
        this.maxBodySize = maxBodySize;
    }

    void install(@Observes Router router) {
        router.route("/api/*").failureHandler(this::failed);
        // Between authentication and authorization: Quarkus's authorization would refuse an anonymous request to
        // /api (policy "authenticated") with the bearer challenge and an empty body; this refuses it first, alike
        // but with a problem. A token that fails verification never gets here: it fails in authentication.
        router.route("/api/*").order(-SecurityHandlerPriorities.AUTHORIZATION - 1).handler(this::refuseAnonymous);
        // Quarkus's own check of a declared Content-Length ends the answer with an empty body; this one runs first
        maxBodySize.ifPresent(limit -> router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(context -> refuseOversized(context, limit.asLongValue())));
    }

    private void refuseAnonymous(RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity().isAnonymous()) {
            answer(context, 401);
            return;
        }
        context.next();
    }

    private void refuseOversized(RoutingContext context, long limit) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > limit) {
            // the body is never read: the connection cannot be reused
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
            answer(context, 413);
            return;
        }
        context.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void failed(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            context.next();
            return;
        }
        answer(context, status(context));
    }

    private static int status(RoutingContext context) {
        Throwable failure = context.failure();
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            return 401;
        }
        if (failure instanceof ForbiddenException) {
            return 403;
        }
        if (context.statusCode() >= 400) {
            return context.statusCode();
        }
        if (context.response().getStatusCode() >= 400) {
            return context.response().getStatusCode();
        }
        return 500;
    }

    private void answer(RoutingContext context, int status) {
        String detail = ProblemMappers.standardDetail(status);
        if (status >= 500) {
            String incident = UUID.randomUUID().toString();
            LOG.errorf(context.failure(), "Unexpected error, incident %s", incident);
            detail = detail + " (incident " + incident + ")";
        }
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String title = status >= 500 ? "Internal error" : known != null ? known.getReasonPhrase() : "HTTP " + status;
        Problem problem = new Problem("about:blank", title, status, detail, context.normalizedPath(), null);
        HttpServerResponse response = context.response();
        if (status == 401 && !response.headers().contains("WWW-Authenticate")) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + "}";
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
