package clinic.bfrguard.common.events;

import java.util.concurrent.CompletionStage;

/** Sends one record to the broker; the stage completes when the broker has acknowledged it. */
public interface EventPublisher {

    CompletionStage<Void> send(String topic, String key, String value);

    /**
     * Whether a send that failed with {@code failure} may pass when tried again (the broker away, no metadata
     * yet), as opposed to a record the broker will never take as it is.
     */
    default boolean mayPassLater(Throwable failure) {
        return true;
    }
}
