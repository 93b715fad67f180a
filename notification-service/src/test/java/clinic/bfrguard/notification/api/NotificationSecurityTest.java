package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.support.NotificationTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Every endpoint needs a token; contact points, tests and trails are the clinicians'. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResources.class)
class NotificationSecurityTest {

    @Test
    void withoutATokenEveryEndpointIs401() {
        given().get("/api/oncall/main").then().statusCode(401);
        given().contentType("application/json").body("{}").put("/api/oncall/main").then().statusCode(401);
        given().get("/api/oncall/me/contacts").then().statusCode(401);
        given().contentType("application/json").body("{}").put("/api/oncall/me/contacts").then().statusCode(401);
        given().post("/api/oncall/me/test").then().statusCode(401);
        given().queryParam("alertId", UUID.randomUUID().toString()).get("/api/notifications").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void aPhysiotherapistSeesTheRotaButNothingElse() {
        given().get("/api/oncall/main").then().statusCode(200);
        given().get("/api/oncall/me/contacts").then().statusCode(403).contentType("application/problem+json");
        given().post("/api/oncall/me/test").then().statusCode(403);
        given().queryParam("alertId", UUID.randomUUID().toString()).get("/api/notifications").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin1", roles = "clinic-admin")
    void anAdminSetsRotasButHasNoContactPointsOrTrails() {
        given().get("/api/oncall/me/contacts").then().statusCode(403);
        given().queryParam("alertId", UUID.randomUUID().toString()).get("/api/notifications").then().statusCode(403);
    }
}
