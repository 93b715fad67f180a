package clinic.bfrguard.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service applies the events it consumes ({@code clinic.consumer.*}). */
@ConfigMapping(prefix = "clinic.consumer")
public interface ConsumerConfig {

    /**
     * The name under which applied event ids are recorded, so that a redelivery changes nothing. Two services may
     * share a database table name but never a consumer name.
     */
    @WithDefault("${quarkus.application.name}")
    String name();

    /**
     * How many times an event whose processing failed for a reason that is neither a bad record nor a known
     * transient failure is tried before it goes to the dead-letter topic. Transient failures (the database is
     * away, a deadlock, a lock wait that timed out) are retried until they pass.
     */
    @WithDefault("5")
    int unexpectedFailureAttempts();

    /** The first pause after a failed attempt; each further pause doubles, up to {@link #retryBackoffMax()}. */
    @WithDefault("100ms")
    Duration retryBackoffInitial();

    /** The longest pause between two attempts at an event. */
    @WithDefault("5s")
    Duration retryBackoffMax();

    /**
     * How long a stopping service waits for the events it is applying to finish while its database is still open;
     * whatever is still under way then is delivered again to the next owner of its partition.
     */
    @WithDefault("10s")
    Duration shutdownDrain();
}
