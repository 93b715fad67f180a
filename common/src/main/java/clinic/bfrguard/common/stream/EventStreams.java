package clinic.bfrguard.common.stream;

import clinic.bfrguard.common.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens a stream of a {@link ChangeFeed} for one request: it takes one of the user's places first (429 when all are
 * taken) and gives it back however the exchange ends; it ends when the token expires; a client that stops reading
 * is let go by resetting its own connection.
 */
public final class EventStreams {

    /** A place frees as soon as one of the user's streams closes; a screen that tries again this much later gets it. */
    public static final long LIMIT_RETRY_AFTER_SECONDS = 10;

    private EventStreams() {
    }

    /**
     * The changes of {@code sites} after the {@code Last-Event-ID} header (every change from now on without one),
     * for {@code user} holding {@code token}; {@code what} names the stream in the 429's detail ("alert streams").
     */
    public static Multi<OutboundSseEvent> open(ChangeFeed feed, String what, String lastEventId, String user,
            JsonWebToken token, Set<String> sites, Sse sse, RoutingContext routing) {
        Long after = lastEventId(lastEventId);
        StreamSlots slots = feed.slots();
        if (!slots.take(user)) {
            throw ProblemException.tooManyRequests("at most " + slots.perUser() + " " + what + " may be open"
                    + " at once per user; close one (another tab or screen) or try again later",
                    LIMIT_RETRY_AFTER_SECONDS);
        }
        // the place is given back when this exchange is over, however it ends: completed, reset, cancelled by a
        // closed connection, or never begun
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable giveBack = () -> {
            if (open.getAndSet(false)) {
                slots.giveBack(user);
            }
        };
        routing.addEndHandler(ended -> giveBack.run());
        // this request's own response, taken now: the stream outlives the request scope. Resetting it closes the
        // connection without ending the exchange (neither the end handler nor the stream's termination follows),
        // so the client let go gives its place back here
        HttpServerResponse response = routing.response();
        Runnable letGo = () -> {
            giveBack.run();
            response.reset();
        };
        return feed.subscribe(after, sites, expiry(token), sse, letGo).onTermination().invoke(giveBack);
    }

    /** The access token's {@code exp}; null for a token without one. */
    static Instant expiry(JsonWebToken token) {
        Object exp = token.getClaim(Claims.exp.name());
        return exp instanceof Number seconds && seconds.longValue() > 0 ? Instant.ofEpochSecond(seconds.longValue())
                : null;
    }

    static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Last-Event-ID must be an event id from this stream");
        }
    }
}
