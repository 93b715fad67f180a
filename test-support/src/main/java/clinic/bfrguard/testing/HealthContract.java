package clinic.bfrguard.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * What every service's health answers, as Kubernetes probes it: ready with its database and Kafka, live, both without
 * a token, while the API needs one. A service's {@code HealthTest} extends this with its own test resources.
 */
public abstract class HealthContract {

    @Test
    public void readyWithDatabaseAndKafka() {
        HealthEndpoints.ready(HealthEndpoints.DATABASE_AND_KAFKA);
    }

    @Test
    public void liveWithoutAToken() {
        HealthEndpoints.live(List.of());
    }

    @Test
    public void apiNeedsAToken() {
        given().when().get("/api/anything").then().statusCode(401);
    }
}
