package clinic.bfrguard.alert.config;

import clinic.bfrguard.alert.domain.EscalationPolicy;
import clinic.bfrguard.common.stream.StreamConfig;
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
    StreamConfig stream();

    default EscalationPolicy escalationPolicy() {
        return new EscalationPolicy(escalateAfter(), escalationLimit());
    }
}
