package clinic.bfrguard.session.events;

import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.support.Patients;
import clinic.bfrguard.session.support.SessionEventsOnTopic;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.EventSamples;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.is;

/**
 * What this service publishes on {@code session-events}, one session that produces every event type with every field
 * filled, has the shape of the committed samples that the consumers' tests build their envelopes from. The test
 * policy (a band may stay on 3 s, warned 1 s before) lets the band timer raise its warning and overrun here.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "session"))
@TestSecurity(user = "physio1", roles = "physiotherapist")
class EventSamplesTest {

    private static final List<String> TYPES = List.of(SessionEvents.SESSION_STARTED, SessionEvents.BAND_APPLIED,
            SessionEvents.SET_LOGGED, SessionEvents.GUIDELINE_DEVIATION, SessionEvents.SYMPTOM_REPORTED,
            SessionEvents.BAND_TIME_WARNING, SessionEvents.BAND_TIME_OVERRUN, SessionEvents.BAND_RELEASED,
            SessionEvents.SESSION_COMPLETED);

    @Test
    void everyPublishedEventTypeHasTheShapeOfItsSample() {
        String patient = Patients.cleared();
        String session = post("/api/sessions", Map.of("patientId", patient)).path("id");
        String band = post("/api/sessions/" + session + "/bands",
                Map.of("limb", Limb.LEFT_THIGH.name(), "perceivedPressure", 6, "pressureMmHg", 160)).path("bandId");
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("exercise", "LEG_PRESS");
        set.put("limb", Limb.LEFT_THIGH.name());
        set.put("loadPercentOneRm", 45);
        set.put("reps", 15);
        set.put("rpe", 7);
        post("/api/sessions/" + session + "/sets", set);
        post("/api/sessions/" + session + "/symptoms", Map.of("symptom", "TINGLING", "note", "left foot"));
        // the overrun comes 3 s after the band went on
        SessionEventsOnTopic.of(patient, 7, Duration.ofSeconds(20), Duration.ZERO);
        post("/api/sessions/" + session + "/bands/" + band + "/release", Map.of());
        post("/api/sessions/" + session + "/complete", Map.of());

        List<JsonNode> published = SessionEventsOnTopic.of(patient, TYPES.size());
        assertThat(SessionEventsOnTopic.types(published)).containsExactlyInAnyOrderElementsOf(TYPES);
        published.forEach(event -> EventSamples.verify(SessionEvents.TOPIC, event.toString()));
    }

    private static ExtractableResponse<Response> post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path)
                .then().statusCode(either(is(200)).or(is(201)))
                .extract();
    }
}
