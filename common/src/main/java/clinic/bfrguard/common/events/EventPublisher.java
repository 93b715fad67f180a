package clinic.bfrguard.common.events;

import java.util.concurrent.CompletionStage;

/** Sends one record to the broker; the stage completes when the broker has acknowledged it. */
public interface EventPublisher {

    CompletionStage<Void> send(String topic, String key, String value);
}
