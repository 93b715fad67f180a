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
     * are pushed right after commit; this poll is how clients of this replica learn of another replica's changes.
     */
    @WithDefault("1s")
    Duration streamPoll();

    /** How long alert changes stay available for {@code Last-Event-ID} replay. */
    @WithDefault("P7D")
    Duration changeRetention();

    default EscalationPolicy escalationPolicy() {
        return new EscalationPolicy(escalateAfter(), escalationLimit());
    }
}
