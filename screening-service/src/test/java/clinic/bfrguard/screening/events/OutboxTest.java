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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

    /** A broker that takes its time to acknowledge, so that two relay passes overlap. */
    static class SlowBroker extends KafkaEventPublisher {

        SlowBroker(Map<String, Object> kafkaConfig, OutboxConfig outboxConfig) {
            super(kafkaConfig, outboxConfig);
        }

        @Override
        public CompletionStage<Void> send(String topic, String key, String value) {
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> super.send(topic, key, value));
        }
    }

    /**
     * Two replicas share one outbox. Their relays run at once here (two passes started together against a broker
     * that acknowledges slowly): they take turns, so every event reaches the topic once.
     */
    @Test
    @TestSecurity(user = "physio1", roles = "physiotherapist")
    void relaysOfTwoReplicasRunningAtOnceSendEveryEventOnce() throws Exception {
        QuarkusMock.installMockForType(new UnreachableBroker(kafkaConfig, outboxConfig), KafkaEventPublisher.class);
        String patient = newPatient();
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(screening(patient, 120, 80, ""))
                    .when().post("/api/screenings").then().statusCode(201);
        }
        // not in the middle of this service's own relay pass, which would send its later events to the new broker
        relay.betweenPasses(() -> QuarkusMock.installMockForType(new SlowBroker(kafkaConfig, outboxConfig),
                KafkaEventPublisher.class));

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Callable<OutboxRelay.Batch> pass = () -> {
                ready.countDown();
                ready.await();
                return relay.relayBatch();
            };
            List<Future<OutboxRelay.Batch>> passes = replicas.invokeAll(List.of(pass, pass));
            // the pass that waited for the other's turn found nothing left to send
            assertThat(List.of(passes.get(0).get().sent(), passes.get(1).get().sent())).contains(0);
        } finally {
            replicas.shutdownNow();
        }

        List<ConsumerRecord<String, String>> records =
                TopicRecords.withKey("screening-events", patient, 5, Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(records).hasSize(5);
        assertThat(records.stream().map(ConsumerRecord::value).distinct()).hasSize(5);
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
