package clinic.bfrguard.session.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * A resource method that names no role is refused to everyone, whatever roles the caller has: an endpoint added
 * without {@code @RolesAllowed}, {@code @Authenticated} or {@code @PermitAll} is closed.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "admin1", roles = {"physiotherapist", "clinician", "clinic-admin"})
class UnannotatedEndpointTest {

    /** An endpoint as it would be if someone forgot its role check. */
    @Path("/api/forgotten")
    public static class Forgotten {

        @GET
        public String read() {
            return "open";
        }

        @POST
        public String write() {
            return "open";
        }
    }

    @Test
    void aMethodThatNamesNoRoleIsRefused() {
        given().when().get("/api/forgotten").then().statusCode(403).contentType("application/problem+json");
        given().when().post("/api/forgotten").then().statusCode(403).contentType("application/problem+json");
    }
}
