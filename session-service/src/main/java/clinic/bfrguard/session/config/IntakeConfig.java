package clinic.bfrguard.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How many session changes (start, band, set, symptom, complete) one instance works on at once
 * ({@code clinic.intake.*}). Further requests wait their turn; reads and health checks are not limited. Under
 * overload a few changes at a time keep the outbox relay and the band timer, which raise the band alarms, from
 * being one thread among dozens competing for the cores.
 */
@ConfigMapping(prefix = "clinic.intake")
public interface IntakeConfig {

    /** Changes in progress at once. */
    @WithDefault("4")
    int maxConcurrentWrites();

    /** How long a change waits for its turn before it is answered 503 with {@code Retry-After}. */
    @WithDefault("10s")
    Duration maxWait();
}
