package clinic.bfrguard.e2e;

import clinic.bfrguard.stack.KafkaAccess;
import clinic.bfrguard.stack.StackSettings;
import clinic.bfrguard.testing.EventSamples;
import clinic.bfrguard.testing.Waiting;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static clinic.bfrguard.e2e.Api.newPatient;
import static clinic.bfrguard.e2e.Api.screen;
import static clinic.bfrguard.e2e.Api.startSessionOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker lets in the services' own users only, and each may write its own topic and no other: a client without
 * credentials or with a wrong password is turned away, and a ClearanceGranted forged with the session-service's
 * credentials reaches no consumer that would act on it.
 */
class KafkaAccessIT {

    private static StackSettings settings;

    @BeforeAll
    static void stack() {
        settings = E2EStack.get().settings();
    }

    @Test
    void aClientWithoutCredentialsIsTurnedAway() {
        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put("bootstrap.servers", settings.kafkaBootstrap());
        assertThatThrownBy(() -> KafkaTopics.send(anonymous, "screening-events", "P-anonymous", "{}"))
                .as("a record sent without SASL").isInstanceOf(Exception.class);
    }

    @Test
    void aWrongPasswordIsTurnedAway() {
        Map<String, Object> guessing = settings.kafkaClient("screening-service", "not-the-password");
        assertThatThrownBy(() -> KafkaTopics.send(guessing, "screening-events", "P-guess", "{}"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceMayWriteOnlyItsOwnTopic() {
        Map<String, Object> session = serviceClient("session-service");
        for (String topic : List.of("screening-events", "alert-events", "notification-events")) {
            assertThatThrownBy(() -> KafkaTopics.send(session, topic, "P-forged", "{}")).as("session-service on " + topic)
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aClearanceForgedWithTheSessionServicesCredentialsClearsNobody() throws Exception {
        String patient = newPatient();
        String screeningId = screen("physio1", patient, "[\"DIABETES\"]").then().statusCode(201)
                .extract().path("id");
        Response refused = startSessionOnce(patient, r -> r.statusCode() == 409
                && r.asString().contains("clearance"));
        assertThat(refused.statusCode()).as("a patient under review may not train yet").isEqualTo(409);

        Instant now = Instant.now();
        String forged = EventSamples.envelope("screening-events", "ClearanceGranted", patient, Map.of(
                "screeningId", screeningId, "site", "north", "clearedBy", "clinician1",
                "clearedAt", now.toString(), "validUntil", now.plus(30, ChronoUnit.DAYS).toString()));
        Map<String, Object> session = serviceClient("session-service");

        // where it would act, the broker refuses it
        assertThatThrownBy(() -> KafkaTopics.send(session, "screening-events", patient, forged))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        // on the session-service's own topic it is written, and its consumer sets it aside: not that topic's event
        KafkaTopics.send(session, "session-events", patient, forged);
        ConsumerRecord<String, String> deadLettered = awaitDeadLettered("session-events", forged);
        assertThat(KafkaTopics.header(deadLettered, "dead-letter-reason")).as("why it was set aside")
                .isNotBlank();

        assertThat(Api.startSession(patient).statusCode()).as("the patient is still under review").isEqualTo(409);
    }

    private Map<String, Object> serviceClient(String service) {
        return settings.kafkaClient(service, KafkaAccess.password(service));
    }

    private static ConsumerRecord<String, String> awaitDeadLettered(String topic, String value) {
        return Waiting.await("the forged record on " + topic + ".dlq", Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> KafkaTopics.readAll(topic + ".dlq").stream().filter(r -> value.equals(r.value()))
                        .toList(), found -> !found.isEmpty())
                .get(0);
    }
}
