package clinic.bfrguard.screening.events;

import clinic.bfrguard.common.config.OutboxConfig;
import clinic.bfrguard.common.events.KafkaEventPublisher;
import clinic.bfrguard.common.events.OutboxEvent;
import clinic.bfrguard.common.events.OutboxRelay;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static clinic.bfrguard.screening.api.TestScreenings.newPatient;
import static clinic.bfrguard.screening.api.TestScreenings.screening;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "screening"))
class OutboxTest {

    @Inject
    OutboxRelay relay;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    OutboxConfig outboxConfig;

    /** A broker that refuses every record, as an unreachable one does after its timeout. */
    static class UnreachableBroker extends KafkaEventPublisher {

        UnreachableBroker(Map<String, Object> kafkaConfig, OutboxConfig outboxConfig) {
            super(kafkaConfig, outboxConfig);
        }

        @Override
        public CompletableFuture<Void> send(String topic, String key, String value) {
            return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("broker down"));
        }
    }

    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void eventWaitsInTheOutboxWhilePublishingFailsAndLeavesOnceItWorks() {
        QuarkusMock.installMockForType(new UnreachableBroker(kafkaConfig, outboxConfig), KafkaEventPublisher.class);
        String patient = newPatient();
        String id = given().contentType(ContentType.JSON).body(screening(patient, 120, 80, "\"SICKLE_CELL_DISEASE\""))
                .when().post("/api/screenings")
                .then().statusCode(201)
                .extract().path("id");
        relay.relayBatch();

        OutboxEvent pending = QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.<OutboxEvent>find("key = ?1", patient).singleResult());
        assertThat(pending.sentAt).isNull();
        assertThat(pending.attempts).isPositive();
        assertThat(pending.lastError).contains("broker down");
        assertThat(TopicRecords.withKey("screening-events", patient, 1, Duration.ofSeconds(2), Duration.ZERO))
                .isEmpty();

        KafkaEventPublisher reachable = new KafkaEventPublisher(kafkaConfig, outboxConfig);
        QuarkusMock.installMockForType(reachable, KafkaEventPublisher.class);
        relay.wake();

        assertThat(TopicRecords.withKey("screening-events", patient, 1))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains(id));
        OutboxEvent sent = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>findById(pending.id));
        assertThat(sent.sentAt).isNotNull();
    }

    /** The test profile polls once an hour, so only the wake-up after the commit can deliver this in time. */
    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void eventLeavesRightAfterTheCommitWithoutWaitingForThePoll() {
        assertThat(outboxConfig.pollInterval()).isGreaterThan(Duration.ofMinutes(1));
        String patient = newPatient();
        given().contentType(ContentType.JSON).body(screening(patient, 120, 80, ""))
                .when().post("/api/screenings").then().statusCode(201);
        assertThat(TopicRecords.withKey("screening-events", patient, 1, Duration.ofSeconds(10), Duration.ZERO))
                .hasSize(1);
    }
}
