package clinic.bfrguard.alert.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Optional;

/**
 * When the caller's bearer token expires ({@code exp}). A stream outlives the request that opened it, so it ends
 * there: the client reconnects with a fresh token, and a revoked user's screen stops receiving alerts.
 */
@ApplicationScoped
public class TokenExpiry {

    public Optional<Instant> of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object exp = token.getClaim(Claims.exp.name());
            // a token without exp reads as 0 here: it has no expiry to end the stream at
            if (exp instanceof Number seconds && seconds.longValue() > 0) {
                return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
            }
        }
        return Optional.empty();
    }
}
