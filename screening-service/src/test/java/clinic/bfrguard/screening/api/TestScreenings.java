package clinic.bfrguard.screening.api;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.security.TestIdentityAssociation;
import io.restassured.http.ContentType;

import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** Request bodies and calls the component tests share. */
public final class TestScreenings {

    public static final String TOPIC = "screening-events";

    private TestScreenings() {
    }

    /** A patient no other test uses, so their records on the shared topic are this test's alone. */
    public static String newPatient() {
        return "P-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A screening body; {@code conditions} is the inside of the JSON array, e.g. {@code "\"DIABETES\""}. */
    public static String screening(String patientId, int systolic, int diastolic, String conditions) {
        return """
                {"patientId": "%s", "systolic": %d, "diastolic": %d, "conditions": [%s],
                 "limbRestrictions": [{"code": "LIMB_DIALYSIS_ACCESS", "limb": "LEFT_ARM"}]}
                """.formatted(patientId, systolic, diastolic, conditions);
    }

    /** Posts a screening that must be accepted; returns its id. */
    public static String post(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/screenings")
                .then().statusCode(201)
                .extract().path("id");
    }

    /**
     * Runs {@code steps} signed in as {@code user} with {@code role} instead of the test's {@code @TestSecurity}
     * identity, which is back in place afterwards. A clearance needs a second clinician, so a test that clears has
     * the screening recorded by somebody else.
     */
    public static <T> T as(String user, String role, Supplier<T> steps) {
        TestIdentityAssociation identities = Arc.container().instance(TestIdentityAssociation.class).get();
        SecurityIdentity testIdentity = identities.getTestIdentity();
        identities.setTestIdentity(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user))
                .addRole(role)
                .build());
        try {
            return steps.get();
        } finally {
            identities.setTestIdentity(testIdentity);
        }
    }

    /** Posts a screening recorded by the physiotherapist physio1; returns its id. */
    public static String postByPhysio(String body) {
        return as("physio1", "physiotherapist", () -> post(body));
    }
}
