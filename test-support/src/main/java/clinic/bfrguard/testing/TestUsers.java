package clinic.bfrguard.testing;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;

import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;

/**
 * Staff members taking turns within one component test: a physiotherapist makes a change, then an administrator
 * reads it back, each with the role the service checks. The test method's {@code @TestSecurity} identity is the one
 * in place before and after.
 */
public final class TestUsers {

    private TestUsers() {
    }

    /** Runs {@code steps} signed in as {@code user} with {@code role}, and returns what they return. */
    public static <T> T as(String user, String role, Supplier<T> steps) {
        return signedIn(new QuarkusPrincipal(user), role, steps);
    }

    public static void as(String user, String role, Runnable steps) {
        as(user, role, () -> {
            steps.run();
            return null;
        });
    }

    /**
     * Runs {@code steps} signed in as {@code user} with {@code role}, whose token names {@code sites} as Keycloak
     * does (group paths {@code /sites/<name>}), and returns what they return.
     */
    public static <T> T at(List<String> sites, String user, String role, Supplier<T> steps) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject(user);
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim("sites", sites.stream().map(site -> "/sites/" + site).toList());
        return signedIn(new DefaultJWTCallerPrincipal(claims), role, steps);
    }

    public static void at(List<String> sites, String user, String role, Runnable steps) {
        at(sites, user, role, () -> {
            steps.run();
            return null;
        });
    }

    private static <T> T signedIn(Principal principal, String role, Supplier<T> steps) {
        TestIdentityAssociation identities = Arc.container().instance(TestIdentityAssociation.class).get();
        SecurityIdentity before = identities.getTestIdentity();
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(principal)
                .addRole(role)
                .build());
        try {
            return steps.get();
        } finally {
            identities.setTestIdentity(before);
        }
    }

}
