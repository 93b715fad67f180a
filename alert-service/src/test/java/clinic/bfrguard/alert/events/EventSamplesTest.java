package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.support.Alerts;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static clinic.bfrguard.alert.support.TestEvents.data;
import static clinic.bfrguard.alert.support.TestEvents.newPatient;
import static clinic.bfrguard.alert.support.TestEvents.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What this service publishes on {@code alert-events}, one alert through every step of its lifecycle, has the shape
 * of the committed samples that the consumers' tests build their envelopes from. The test policy escalates an
 * unacknowledged CRITICAL alert after 2 s.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "alert"))
@TestSecurity(user = "clinician1", roles = "clinician")
class EventSamplesTest {

    @Test
    void everyPublishedEventTypeHasTheShapeOfItsSample() {
        String patient = newPatient();
        Instant applied = Instant.now().minusSeconds(1201);
        session(patient, "BandTimeOverrun", data("sessionId", UUID.randomUUID(), "bandId", UUID.randomUUID(),
                "limb", "LEFT_THIGH", "appliedAt", applied, "deadline", applied.plusSeconds(1200),
                "limitSeconds", 1200, "raisedAt", applied.plusSeconds(1201)));
        String id = (String) Alerts.awaitOne(patient).get("id");
        Waiting.until("the first escalation", Duration.ofSeconds(10), () -> Alerts.awaitOne(patient),
                alert -> ((Integer) alert.get("escalationLevel")) >= 1);
        given().post("/api/alerts/{id}/acknowledge", id).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("note", "Band off, limb checked"))
                .post("/api/alerts/{id}/resolve", id).then().statusCode(200);

        Map<String, String> firstOfEachType = new LinkedHashMap<>();
        List<ConsumerRecord<String, String>> published = TopicRecords.withKey(AlertEvents.TOPIC, patient, 4);
        published.forEach(r -> firstOfEachType.putIfAbsent(JsonPath.from(r.value()).getString("type"), r.value()));
        assertThat(firstOfEachType.keySet()).containsExactly(AlertEvents.ALERT_RAISED, AlertEvents.ALERT_ESCALATED,
                AlertEvents.ALERT_ACKNOWLEDGED, AlertEvents.ALERT_RESOLVED);
        firstOfEachType.values().forEach(value -> EventSamples.verify(AlertEvents.TOPIC, value));
    }
}
