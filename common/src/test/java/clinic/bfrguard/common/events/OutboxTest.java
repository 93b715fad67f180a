package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.OutboxConfig;
import clinic.bfrguard.testing.ClinicTestResources;
import clinic.bfrguard.testing.TopicRecords;
import clinic.bfrguard.testing.Waiting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

import static clinic.bfrguard.common.events.SampleEvents.TOPIC;
import static clinic.bfrguard.common.events.SampleEvents.newPatient;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay between a service's outbox and Kafka, against the real broker and database: events leave after their
 * commit, in order, once each, and wait in the outbox while the broker does not take them.
 */
@QuarkusTest
@QuarkusTestResource(value = ClinicTestResources.class, initArgs = @ResourceArg(name = "database", value = "common"))
class OutboxTest {

    @Inject
    OutboxRelay relay;

    @Inject
    SampleEvents events;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    OutboxConfig outboxConfig;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

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

    /** A producer that refuses the first record of one key at once, with {@code refusal}; it takes every other. */
    static class RefusesFirstRecordOf extends KafkaEventPublisher {

        private final String key;
        private final RuntimeException refusal;
        private boolean refused;

        RefusesFirstRecordOf(String key, RuntimeException refusal, Map<String, Object> kafkaConfig,
                OutboxConfig outboxConfig) {
            super(kafkaConfig, outboxConfig);
            this.key = key;
            this.refusal = refusal;
        }

        @Override
        public CompletionStage<Void> send(String topic, String key, String value) {
            if (this.key.equals(key) && !refused) {
                refused = true;
                return CompletableFuture.failedFuture(refusal);
            }
            return super.send(topic, key, value);
        }
    }

    /** A producer that refuses one event's record every time, with {@code refusal}; it takes every other. */
    static class NeverTakes extends KafkaEventPublisher {

        private final String eventId;
        private final RuntimeException refusal;

        NeverTakes(String eventId, RuntimeException refusal, Map<String, Object> kafkaConfig,
                OutboxConfig outboxConfig) {
            super(kafkaConfig, outboxConfig);
            this.eventId = eventId;
            this.refusal = refusal;
        }

        @Override
        public CompletionStage<Void> send(String topic, String key, String value) {
            if (value.contains(eventId)) {
                return CompletableFuture.failedFuture(refusal);
            }
            return super.send(topic, key, value);
        }
    }

    /** A broker that takes the records of one key at once but acknowledges them only after {@code delay}. */
    static class AcknowledgesLate extends KafkaEventPublisher {

        private final String key;
        private final Duration delay;

        AcknowledgesLate(String key, Duration delay, Map<String, Object> kafkaConfig, OutboxConfig outboxConfig) {
            super(kafkaConfig, outboxConfig);
            this.key = key;
            this.delay = delay;
        }

        @Override
        public CompletionStage<Void> send(String topic, String key, String value) {
            CompletionStage<Void> acknowledged = super.send(topic, key, value);
            if (!this.key.equals(key)) {
                return acknowledged;
            }
            return acknowledged.thenCompose(ignored -> CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)));
        }
    }

    /** Outbox settings as plain values; a record's accessors implement the configuration interface. */
    record Settings(String source, Duration pollInterval, Duration minPassInterval, int batchSize,
            Duration sendTimeout, Duration retention) implements OutboxConfig {
    }

    /** The application's outbox settings with another send timeout. */
    static OutboxConfig withSendTimeout(OutboxConfig config, Duration sendTimeout) {
        return new Settings(config.source(), config.pollInterval(), config.minPassInterval(), config.batchSize(),
                sendTimeout, config.retention());
    }

    /** Three events of a new patient, held in the outbox by an unreachable broker; their ids. */
    /**
     * Runs {@code action} while no relay pass runs: takes the lock the relays take turns with, so the pass in
     * progress ends first and the next waits until the action returns.
     */
    private void betweenRelayPasses(Runnable action) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) as relay_lock")
                    .setParameter("key", OutboxRelay.RELAY_LOCK)
                    .getSingleResult();
            action.run();
        });
    }

    private List<String> eventsWaitingInTheOutbox(String patient) {
        QuarkusMock.installMockForType(new UnreachableBroker(kafkaConfig, outboxConfig), KafkaEventPublisher.class);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(events.record(patient));
        }
        return ids;
    }

    /** A relay of another replica, whose producer refuses {@code patient}'s first record with {@code refusal}. */
    private OutboxRelay relayRefusingFirstRecordOf(String patient, RuntimeException refusal) {
        return new OutboxRelay(new RefusesFirstRecordOf(patient, refusal, kafkaConfig, outboxConfig), outboxConfig,
                em, clock, new SimpleMeterRegistry());
    }

    /**
     * A patient's first event is refused for now before the producer takes it (no metadata yet). Nothing after it
     * may reach the topic in that pass, or a consumer would see the patient's second event before the first.
     */
    @Test
    void nothingOvertakesAnEventTheProducerRefusedForNow() {
        String patient = newPatient();
        List<String> sent = eventsWaitingInTheOutbox(patient);
        OutboxRelay replica = relayRefusingFirstRecordOf(patient, new org.apache.kafka.common.errors.TimeoutException(
                "Topic " + TOPIC + " not present in metadata after 5000 ms."));

        assertThat(replica.relayBatch().failed()).isTrue();
        assertThat(TopicRecords.withKey(TOPIC, patient, 1, Duration.ofSeconds(3), Duration.ZERO))
                .isEmpty();

        assertThat(replica.relayBatch().failed()).isFalse();
        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 3);
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(records.get(i).value()).contains(sent.get(i));
        }
    }

    /**
     * An event the broker will never take as it is stays pending with its error, and holds up nothing: the same
     * patient's later events still leave, since waiting behind it would hold back every later alarm for good.
     */
    @Test
    void anEventTheBrokerWillNeverTakeHoldsUpNothing() {
        String patient = newPatient();
        List<String> sent = eventsWaitingInTheOutbox(patient);
        RuntimeException tooLarge = new org.apache.kafka.common.errors.RecordTooLargeException(
                "The message is 2000123 bytes when serialized which is larger than 1048576");
        // the application's own relay, woken by the commits, would otherwise record the unreachable broker's error
        betweenRelayPasses(() -> QuarkusMock.installMockForType(
                new NeverTakes(sent.get(0), tooLarge, kafkaConfig, outboxConfig), KafkaEventPublisher.class));
        OutboxRelay replica = relayRefusingFirstRecordOf(patient, tooLarge);

        assertThat(replica.relayBatch().failed()).isTrue();

        List<ConsumerRecord<String, String>> records = TopicRecords.withKey(TOPIC, patient, 2);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).value()).contains(sent.get(1));
        assertThat(records.get(1).value()).contains(sent.get(2));
        OutboxEvent refused = QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.<OutboxEvent>find("key = ?1 and sentAt is null", patient).singleResult());
        assertThat(refused.payload).contains(sent.get(0));
        assertThat(refused.lastError).contains("RecordTooLargeException");
        // the other tests expect an outbox without it
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.deleteById(refused.id));
    }

    /**
     * The broker is slower than the send timeout. The events stay with the producer, which delivers them in order;
     * the next pass waits for them and marks them sent instead of sending them again.
     */
    @Test
    void eventsStillBeingSentWhenThePassGivesUpAreWaitedForNotSentAgain() {
        String patient = newPatient();
        List<String> sent = eventsWaitingInTheOutbox(patient);
        OutboxConfig impatient = withSendTimeout(outboxConfig, Duration.ofSeconds(1));
        MeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay replica = new OutboxRelay(
                new AcknowledgesLate(patient, Duration.ofMillis(1500), kafkaConfig, impatient), impatient, em, clock,
                metrics);

        assertThat(replica.relayBatch().failed()).isTrue();
        assertThat(metrics.get("bfrguard.outbox.pending").gauge().value()).as("events waiting")
                .isGreaterThanOrEqualTo(3);
        assertThat(metrics.get("bfrguard.outbox.oldest.pending.age").gauge().value()).as("oldest waiting, s")
                .isPositive();

        // the next pass waits up to the send timeout for the late acknowledgements
        Waiting.until("a relay pass that sends every event", Duration.ofSeconds(15), replica::relayBatch,
                batch -> !batch.failed());
        List<ConsumerRecord<String, String>> records =
                TopicRecords.withKey(TOPIC, patient, 3, Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(records.get(i).value()).contains(sent.get(i));
        }
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.count("key = ?1 and sentAt is null", patient))).isZero();
        assertThat(metrics.get("bfrguard.outbox.pending").gauge().value()).isZero();
        assertThat(metrics.get("bfrguard.outbox.oldest.pending.age").gauge().value()).isZero();
    }

    /**
     * Two replicas share one outbox. Their relays run at once here (two passes started together against a broker
     * that acknowledges slowly): they take turns, so every event reaches the topic once.
     */
    @Test
    void relaysOfTwoReplicasRunningAtOnceSendEveryEventOnce() throws Exception {
        QuarkusMock.installMockForType(new UnreachableBroker(kafkaConfig, outboxConfig), KafkaEventPublisher.class);
        String patient = newPatient();
        for (int i = 0; i < 5; i++) {
            events.record(patient);
        }
        // not in the middle of this application's own relay pass, which would send its later events to the new broker
        betweenRelayPasses(() -> QuarkusMock.installMockForType(new SlowBroker(kafkaConfig, outboxConfig),
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
                TopicRecords.withKey(TOPIC, patient, 5, Duration.ofSeconds(10), Duration.ofSeconds(2));
        assertThat(records).hasSize(5);
        assertThat(records.stream().map(ConsumerRecord::value).distinct()).hasSize(5);
    }

    @Test
    void eventWaitsInTheOutboxWhilePublishingFailsAndLeavesOnceItWorks() {
        QuarkusMock.installMockForType(new UnreachableBroker(kafkaConfig, outboxConfig), KafkaEventPublisher.class);
        String patient = newPatient();
        String id = events.record(patient);
        relay.relayBatch();

        OutboxEvent pending = QuarkusTransaction.requiringNew().call(() ->
                OutboxEvent.<OutboxEvent>find("key = ?1", patient).singleResult());
        assertThat(pending.sentAt).isNull();
        assertThat(pending.attempts).isPositive();
        assertThat(pending.lastError).contains("broker down");
        assertThat(TopicRecords.withKey(TOPIC, patient, 1, Duration.ofSeconds(2), Duration.ZERO))
                .isEmpty();
        assertThat(metric("bfrguard_outbox_pending")).isGreaterThanOrEqualTo(1);
        assertThat(metric("bfrguard_outbox_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(2);

        KafkaEventPublisher reachable = new KafkaEventPublisher(kafkaConfig, outboxConfig);
        QuarkusMock.installMockForType(reachable, KafkaEventPublisher.class);
        relay.wake();

        assertThat(TopicRecords.withKey(TOPIC, patient, 1))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains(id));
        OutboxEvent sent = QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent>findById(pending.id));
        assertThat(sent.sentAt).isNotNull();
        assertThat(metric("bfrguard_outbox_pending")).isZero();
        assertThat(metric("bfrguard_outbox_oldest_pending_age_seconds")).isZero();
    }

    /** A gauge as Prometheus scrapes it from the application. */
    private static double metric(String name) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /q/metrics"));
    }

    /** The test profile polls once an hour, so only the wake-up after the commit can deliver this in time. */
    @Test
    void eventLeavesRightAfterTheCommitWithoutWaitingForThePoll() {
        assertThat(outboxConfig.pollInterval()).isGreaterThan(Duration.ofMinutes(1));
        String patient = newPatient();
        events.record(patient);
        assertThat(TopicRecords.withKey(TOPIC, patient, 1, Duration.ofSeconds(10), Duration.ZERO))
                .hasSize(1);
    }
}
