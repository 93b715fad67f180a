package clinic.bfrguard.session.config;

import clinic.bfrguard.common.stream.StreamConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The clinic floor and its stream ({@code clinic.floor.*}); the defaults here are written nowhere else. */
@ConfigMapping(prefix = "clinic.floor")
public interface FloorConfig {

    /**
     * How often the floor stream reads {@code session_change} without being woken: the safety net, since each
     * commit, this replica's or another's (PostgreSQL's notification), wakes it.
     */
    @WithDefault("1s")
    Duration streamPoll();

    /** How long floor changes stay available for {@code Last-Event-ID} replay. */
    @WithDefault("P1D")
    Duration changeRetention();

    /** Most sessions the floor shows; a clinic has a few dozen at once. */
    @WithDefault("500")
    int maxSessions();

    /** The floor stream ({@code clinic.floor.stream.*}). */
    StreamConfig stream();
}
