package clinic.bfrguard.session.api;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.HealthEndpoints;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
class HealthTest {

    @Test
    void readyWithDatabaseAndKafka() {
        HealthEndpoints.ready(HealthEndpoints.DATABASE_AND_KAFKA);
    }

    @Test
    void liveWithoutAToken() {
        HealthEndpoints.live(List.of());
    }

    @Test
    void apiNeedsAToken() {
        given().when().get("/api/anything").then().statusCode(401);
    }
}
