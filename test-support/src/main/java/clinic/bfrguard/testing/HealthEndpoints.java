package clinic.bfrguard.testing;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** A service's health endpoints as Kubernetes probes them: no token, 200 and {@code UP} while all is well. */
public final class HealthEndpoints {

    /** The readiness checks every service has: its own database and the Kafka cluster. */
    public static final List<String> DATABASE_AND_KAFKA =
            List.of("Database connections health check", "Kafka connection health check");

    private HealthEndpoints() {
    }

    /** Asserts that {@code /q/health/ready} answers {@code UP}, with each of {@code checks} there and {@code UP}. */
    public static void ready(List<String> checks) {
        up("/q/health/ready", checks);
    }

    /** Asserts that {@code /q/health/live} answers {@code UP}, with each of {@code checks} there and {@code UP}. */
    public static void live(List<String> checks) {
        up("/q/health/live", checks);
    }

    private static void up(String path, List<String> checks) {
        Map<String, Object> health = given().get(path)
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath().getMap("$");
        if (!"UP".equals(health.get("status"))) {
            throw new AssertionError(path + " answered " + health);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> found = (List<Map<String, Object>>) health.get("checks");
        for (String name : checks) {
            Map<String, Object> check = found.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(path + " has no check \"" + name + "\": " + health));
            if (!"UP".equals(check.get("status"))) {
                throw new AssertionError(path + ": \"" + name + "\" is " + check.get("status") + ": " + check);
            }
        }
    }
}
