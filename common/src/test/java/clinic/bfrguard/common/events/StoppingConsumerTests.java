package clinic.bfrguard.common.events;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping service finishes what it is applying, applies nothing more, and dead-letters nothing it could have
 * applied: such a record is held, so that its offset is not committed and the partition's next owner applies it.
 */
class StoppingConsumerTests {

    private final ShutdownGate gate = new ShutdownGate();

    @Test
    void theGateWaitsForTheRecordUnderWayAndThenLetsNothingIn() throws Exception {
        assertThat(gate.enter()).isTrue();
        CompletableFuture<Integer> closing = CompletableFuture.supplyAsync(() -> gate.close(Duration.ofSeconds(30)));
        Thread.sleep(200);
        assertThat(closing).as("the close waits while a record is being applied").isNotDone();
        assertThat(gate.stopping()).isTrue();
        assertThat(gate.enter()).as("a record that arrives while the service stops").isFalse();

        gate.leave();
        assertThat(closing.get(5, TimeUnit.SECONDS)).as("records still under way when it closed").isZero();
        assertThat(gate.enter()).isFalse();
    }

    @Test
    void theGateGivesUpOnARecordThatOutlastsTheDrain() {
        assertThat(gate.enter()).isTrue();
        assertThat(gate.close(Duration.ofMillis(50))).as("records still under way when it gave up").isOne();
    }

    @Test
    void theFailureStrategyLeavesAHeldRecordAloneAndDeadLettersTheRest() {
        AtomicInteger deadLettered = new AtomicInteger();
        KafkaFailureHandler handler = HoldWhileStopping.handler(new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                deadLettered.incrementAndGet();
                return Uni.createFrom().voidItem();
            }
        });

        handler.handle(null, new IllegalStateException("wrapped", new HeldForRedelivery(UUID.randomUUID())),
                Metadata.empty()).await().indefinitely();
        assertThat(deadLettered).as("held records sent to the dead-letter topic").hasValue(0);

        handler.handle(null, new InvalidEventException("bad record"), Metadata.empty()).await().indefinitely();
        handler.handle(null, new IllegalStateException("failed five times"), Metadata.empty()).await().indefinitely();
        assertThat(deadLettered).as("other failures sent to the dead-letter topic").hasValue(2);
    }
}
