package clinic.bfrguard.screening.events;

import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.TopicRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static clinic.bfrguard.screening.api.TestScreenings.TOPIC;
import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.postByPhysio;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What this service publishes on {@code screening-events}, every event type with every field filled, has the shape
 * of the committed samples that the consumers' tests build their envelopes from.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
@TestSecurity(user = "clinician1", roles = "clinician")
class EventSamplesTest {

    @Test
    void everyPublishedEventTypeHasTheShapeOfItsSample() {
        String patient = newPatient();
        String id = postByPhysio(screening(patient, 165, 85, "\"DIABETES\""));
        given().contentType(ContentType.JSON).body("{\"note\": \"Reviewed with the GP\"}")
                .when().post("/api/screenings/" + id + "/clearance")
                .then().statusCode(200);

        List<ConsumerRecord<String, String>> published = TopicRecords.withKey(TOPIC, patient, 2);
        assertThat(published).extracting(r -> JsonPath.from(r.value()).getString("type"))
                .containsExactly(ScreeningEvents.SCREENING_COMPLETED, ScreeningEvents.CLEARANCE_GRANTED);
        published.forEach(record -> EventSamples.verify(TOPIC, record.value()));
    }
}
