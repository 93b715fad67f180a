package clinic.bfrguard.common.ratelimit;

import clinic.bfrguard.common.config.RateLimitConfig;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Holds every user to {@code clinic.ratelimit.writes-per-minute} on the API's writes (POST, PUT, PATCH, DELETE
 * under {@code /api/}), before the write reaches the service. Reads are not counted; a {@link SafetyWrite} is
 * neither counted nor refused. The user is the token's principal; requests without one share one allowance (the
 * {@code /api/} policy refuses them before they write anything).
 */
public class WriteRateFilter {

    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final WriteRates rates;
    private final SecurityIdentity identity;

    public WriteRateFilter(RateLimitConfig config, SecurityIdentity identity) {
        this.rates = new WriteRates(config.writesPerMinute());
        this.identity = identity;
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request, ResourceInfo resource) {
        String path = request.getUriInfo().getRequestUri().getPath();
        if (!WRITES.contains(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        Method method = resource.getResourceMethod();
        if (method != null && method.isAnnotationPresent(SafetyWrite.class)) {
            return;
        }
        rates.take(identity.isAnonymous() ? "" : identity.getPrincipal().getName());
    }
}
