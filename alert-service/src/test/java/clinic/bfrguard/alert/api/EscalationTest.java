package clinic.bfrguard.alert.api;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.api.AlertRaisingTest.overrun;
import static clinic.bfrguard.alert.api.AlertRaisingTest.sleep;
import static clinic.bfrguard.alert.api.AlertRaisingTest.symptom;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** With escalate-after PT2S (the %test profile) and the default limit of 3. */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class EscalationTest {

    @Test
    void anUnacknowledgedCriticalAlertEscalatesEveryIntervalAndStopsAtTheLimit() {
        String patient = newPatient();
        session(patient, "BandTimeOverrun", overrun(UUID.randomUUID(), 1201));
        Map<String, Object> raised = Alerts.awaitOne(patient);
        Instant raisedAt = Instant.parse((String) raised.get("raisedAt"));
        if (Integer.valueOf(0).equals(raised.get("escalationLevel"))) {
            assertThat(Instant.parse((String) raised.get("nextEscalationAt"))).isEqualTo(raisedAt.plusSeconds(2));
        }

        Map<String, Object> first = Waiting.until("the first escalation", Duration.ofSeconds(10),
                () -> Alerts.awaitOne(patient), a -> ((Integer) a.get("escalationLevel")) >= 1);
        assertThat(Instant.parse((String) first.get("lastEscalatedAt"))).isAfterOrEqualTo(raisedAt.plusSeconds(2));

        Map<String, Object> top = Waiting.until("escalation level 3", Duration.ofSeconds(15),
                () -> Alerts.awaitOne(patient), a -> ((Integer) a.get("escalationLevel")) >= 3);
        assertThat(top).containsEntry("nextEscalationAt", null).containsEntry("status", "OPEN");

        sleep(3000);
        assertThat(Alerts.awaitOne(patient)).containsEntry("escalationLevel", 3);
        assertThat(TopicRecords.withKey("alert-events", patient, 4)).extracting(r -> JsonPath.from(r.value())
                .getString("type")).containsExactly("AlertRaised", "AlertEscalated", "AlertEscalated",
                "AlertEscalated");
    }

    @Test
    void anAcknowledgedCriticalAlertDoesNotEscalate() {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "NUMBNESS"));
        String id = (String) Alerts.awaitOne(patient).get("id");
        int levelWhenAcknowledged = given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(200)
                .extract().jsonPath().getInt("escalationLevel");

        sleep(3500);

        assertThat(levelWhenAcknowledged).as("acknowledged before the first escalation on a sane machine")
                .isLessThanOrEqualTo(1);
        assertThat(Alerts.awaitOne(patient)).containsEntry("escalationLevel", levelWhenAcknowledged)
                .containsEntry("nextEscalationAt", null).containsEntry("status", "ACKNOWLEDGED");
    }

    @Test
    void nonCriticalAlertsNeverEscalate() {
        String patient = newPatient();
        session(patient, "SymptomReported", symptom(UUID.randomUUID(), "PAIN"));
        assertThat(Alerts.awaitOne(patient)).containsEntry("nextEscalationAt", null);
    }
}
