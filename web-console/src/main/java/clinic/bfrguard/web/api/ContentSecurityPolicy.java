package clinic.bfrguard.web.api;

import clinic.bfrguard.web.config.ConsoleConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The console's Content-Security-Policy, on every response: scripts, styles and everything else only from the
 * console's own origin (no inline script or style, no {@code eval}), calls only to the four services and Keycloak,
 * as {@code clinic.web.*} names them, and no framing. An injected script could then neither run nor send what it
 * read anywhere else.
 */
@ApplicationScoped
public class ContentSecurityPolicy {

    /** Before the static resources and the REST endpoints write their responses. */
    private static final int PRIORITY = 100;

    private final String policy;

    public ContentSecurityPolicy(ConsoleConfig config) {
        this.policy = policy(config);
    }

    void addToEveryResponse(@Observes Filters filters) {
        filters.register(context -> {
            context.response().headers().set("Content-Security-Policy", policy);
            context.next();
        }, PRIORITY);
    }

    static String policy(ConsoleConfig config) {
        Set<String> apis = new LinkedHashSet<>();
        Stream.of(config.screeningUrl(), config.sessionUrl(), config.alertUrl(), config.notificationUrl(),
                config.realmUrl()).map(ContentSecurityPolicy::origin).forEach(apis::add);
        return String.join("; ", List.of(
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                // the pages' empty favicon
                "img-src 'self' data:",
                "connect-src 'self' " + String.join(" ", apis),
                "worker-src 'self'",
                "frame-ancestors 'none'",
                "object-src 'none'",
                "base-uri 'self'",
                "form-action 'self'"));
    }

    /** scheme://host[:port] of a configured address: the services' paths are the pages' to choose. */
    static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
