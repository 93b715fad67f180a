package clinic.bfrguard.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the transactional outbox relays events to Kafka. */
@ConfigMapping(prefix = "clinic.outbox")
public interface OutboxConfig {

    /** The envelope's {@code source}: the service that publishes. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /**
     * Safety-net poll. The relay is woken right after every commit; the poll only matters after a crash or a
     * broker outage.
     */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * Shortest time from the start of one relay pass to the start of the next. {@code 0} (the default) sends
     * after every commit at once. A longer interval makes a busy outbox go out in fewer, fuller passes (each pass
     * is a transaction and a wait for the broker); the first event after a quiet spell still leaves at once, so
     * it only delays events that follow another within the interval.
     */
    @WithDefault("0s")
    Duration minPassInterval();

    /** Most events taken from the outbox in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it leaves the rest for later. */
    @WithDefault("10s")
    Duration sendTimeout();

    /** How long sent events stay in the outbox table (for inspection) before they are deleted. */
    @WithDefault("P7D")
    Duration retention();
}
