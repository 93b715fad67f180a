package clinic.bfrguard.alert.config;

import clinic.bfrguard.alert.domain.EscalationPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Clinic policy and delivery settings for alerts ({@code clinic.alerts.*}). The defaults here are the clinic guidance
 * and are written nowhere else: a deployment sets a value only where the clinic differs.
 */
@ConfigMapping(prefix = "clinic.alerts")
public interface AlertConfig {

    /** A CRITICAL alert nobody acknowledges within this time escalates, and again after each further interval. */
    @WithDefault("PT2M")
    Duration escalateAfter();

    /** The highest escalation level; an alert at this level stays there until someone acknowledges it. */
    @WithDefault("3")
    int escalationLimit();

    /**
     * How often due escalations are looked for. Also used by the {@code @Scheduled} sweep as
     * {@code clinic.alerts.escalation-sweep}; an escalation is late by at most this much.
     */
    @WithDefault("1s")
    Duration escalationSweep();

    /**
     * How often the change feed reads {@code alert_change} without being woken. Changes committed by this replica
     * are pushed right after commit, another replica's on PostgreSQL's notification at its commit; this poll is only
     * the safety net while the notifications' connection is lost.
     */
    @WithDefault("1s")
    Duration streamPoll();

    /** How long alert changes stay available for {@code Last-Event-ID} replay. */
    @WithDefault("P7D")
    Duration changeRetention();

    /** The clinicians' alert stream ({@code clinic.alerts.stream.*}). */
    Stream stream();

    default EscalationPolicy escalationPolicy() {
        return new EscalationPolicy(escalateAfter(), escalationLimit());
    }

    interface Stream {

        /**
         * Changes one stream holds that its client has not taken yet. A client that falls further behind (it reads,
         * only more slowly than changes come) reads on from the change feed table at its own pace instead.
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
         * from a dead connection. The web console's board counts itself deaf after {@code clinic.web.stream-silence}
         * (35 s) without a byte: two missed heartbeats and a margin.
         */
        @WithDefault("PT15S")
        Duration heartbeat();

        /** Streams one user (the token's principal) may have open at once; one more is answered 429. */
        @WithDefault("5")
        int maxPerUser();
    }
}
