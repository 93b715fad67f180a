package clinic.bfrguard.common.stream;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The settings of one Server-Sent Events stream of a change feed, a group of a service's own configuration
 * ({@code clinic.alerts.stream.*}, {@code clinic.floor.stream.*}). The defaults are written here only.
 */
public interface StreamConfig {

    /**
     * Changes one stream holds that its client has not taken yet. A client that falls further behind (it reads, only
     * more slowly than changes come) reads on from the change table at its own pace instead.
     */
    @WithDefault("1024")
    int buffer();

    /**
     * A client that takes none of the changes waiting for it for this long (a frozen tab, a dead network) is
     * disconnected; it catches up with {@code Last-Event-ID} when it reconnects.
     */
    @WithDefault("30s")
    Duration stallTimeout();

    /**
     * How often every connected client is sent a comment ({@code : heartbeat}), so that it can tell a quiet stream
     * from a dead connection. The web console counts a stream deaf after {@code clinic.web.stream-silence} (35 s)
     * without a byte: two missed heartbeats and a margin.
     */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** Streams one user (the token's principal) may have open at once; one more is answered 429. */
    @WithDefault("5")
    int maxPerUser();
}
