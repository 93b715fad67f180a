package clinic.bfrguard.alert.api;

import clinic.bfrguard.testing.ClinicTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Alerts are for clinicians only. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
class AlertSecurityTest {

    @Test
    void withoutATokenEveryAlertEndpointIs401() {
        given().get("/api/alerts").then().statusCode(401);
        given().get("/api/alerts/{id}", UUID.randomUUID()).then().statusCode(401);
        given().post("/api/alerts/{id}/acknowledge", UUID.randomUUID()).then().statusCode(401);
        given().post("/api/alerts/{id}/resolve", UUID.randomUUID()).then().statusCode(401);
        given().get("/api/alerts/stream").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "clinician1", roles = "clinician")
    void aPatientIdFilterThatIsNoPatientIdIsABadRequest() {
        given().urlEncodingEnabled(false).get("/api/alerts?patientId=P%00").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/api/alerts?patientId=").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aPhysiotherapistIsForbidden() {
        given().get("/api/alerts").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/alerts/{id}", UUID.randomUUID()).then().statusCode(403);
        given().post("/api/alerts/{id}/acknowledge", UUID.randomUUID()).then().statusCode(403);
        given().post("/api/alerts/{id}/resolve", UUID.randomUUID()).then().statusCode(403);
        given().get("/api/alerts/stream").then().statusCode(403);
    }
}
