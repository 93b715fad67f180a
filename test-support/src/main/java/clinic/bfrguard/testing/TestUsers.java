package clinic.bfrguard.testing;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;

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
        TestIdentityAssociation identities = Arc.container().instance(TestIdentityAssociation.class).get();
        SecurityIdentity before = identities.getTestIdentity();
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(role)
                .build());
        try {
            return steps.get();
        } finally {
            identities.setTestIdentity(before);
        }
    }

    public static void as(String user, String role, Runnable steps) {
        as(user, role, () -> {
            steps.run();
            return null;
        });
    }
}
