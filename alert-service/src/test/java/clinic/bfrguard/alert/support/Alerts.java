package clinic.bfrguard.alert.support;

import clinic.bfrguard.testing.Waiting;
import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The alert API as a clinician's screen uses it. */
public final class Alerts {

    private Alerts() {
    }

    public static List<Map<String, Object>> ofPatient(String patientId) {
        return given().queryParam("patientId", patientId).get("/api/alerts")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Waits until the patient has {@code count} alerts, and returns them newest first. */
    public static List<Map<String, Object>> await(String patientId, int count) {
        return Waiting.until(count + " alert(s) of the patient", () -> ofPatient(patientId),
                alerts -> alerts.size() >= count);
    }

    public static Map<String, Object> awaitOne(String patientId) {
        List<Map<String, Object>> alerts = await(patientId, 1);
        return alerts.get(0);
    }

    public static JsonPath get(Object id) {
        return given().get("/api/alerts/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
