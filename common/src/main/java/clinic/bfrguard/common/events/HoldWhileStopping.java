package clinic.bfrguard.common.events;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.function.BiConsumer;

/**
 * The consumers' failure strategy ({@value #NAME}): the connector's dead-letter queue, except for a record the
 * stopping service {@link HeldForRedelivery held}, which is left unacknowledged so that its offset is not committed
 * and the next owner of its partition applies it.
 */
@ApplicationScoped
@Identifier(HoldWhileStopping.NAME)
public class HoldWhileStopping implements KafkaFailureHandler.Factory {

    public static final String NAME = "dead-letter-queue-unless-stopping";

    private final KafkaFailureHandler.Factory deadLetterQueue;

    public HoldWhileStopping(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
            KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return handler(deadLetterQueue.create(config, vertx, consumer, reportFailure));
    }

    static KafkaFailureHandler handler(KafkaFailureHandler deadLetter) {
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (HeldForRedelivery.isHeld(reason)) {
                    return Uni.createFrom().voidItem();
                }
                return deadLetter.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetter.terminate();
            }
        };
    }
}
