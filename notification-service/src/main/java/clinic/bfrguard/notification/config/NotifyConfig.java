package clinic.bfrguard.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * Who is told of an alert and how ({@code clinic.notify.*}). The defaults here are the clinic's policy and are
 * written nowhere else: a deployment sets a value only where the clinic differs.
 */
@ConfigMapping(prefix = "clinic.notify")
public interface NotifyConfig {

    /** Alerts of these severities page the person on call; the others stay on the board. */
    @WithDefault("CRITICAL,HIGH")
    Set<String> pageSeverities();

    /**
     * Whether a notification names the patient. Notifications leave the clinic's systems (mail servers, phones,
     * PagerDuty), so by default they carry no patient data, only a link to the alert on the board.
     */
    @WithDefault("false")
    boolean includePatientId();

    /** The web console that a notification links to ({@code <console-url>/alerts.html#<alert id>}). */
    @WithDefault("http://localhost:8080")
    URI consoleUrl();

    /**
     * Notifications handed to channels at once. A slow webhook target holds one of them for at most its timeout,
     * never the pages of everyone else.
     */
    @WithDefault("8")
    int senders();

    /**
     * How long a notification taken for sending is left to its sender. A replica that dies mid-send leaves it to
     * be sent again, under the same idempotency key, once this is over; longer than any channel's timeout.
     */
    @WithDefault("60s")
    Duration sendLease();

    /** How failed sends are retried. */
    Retry retry();

    /** Webhook targets. */
    Webhook webhook();

    interface Retry {

        /** The wait before the second attempt; it doubles with each further attempt up to {@link #max}. */
        @WithDefault("1s")
        Duration initial();

        @WithDefault("30s")
        Duration max();

        /**
         * How long a notification is retried before it is given up as failed. By then the alert has escalated to
         * the next person several times over; the failure stays on the alert's trail.
         */
        @WithDefault("10m")
        Duration giveUpAfter();

        /** Safety-net poll for due retries and for notifications left by a crash. */
        @WithDefault("2s")
        Duration poll();
    }

    interface Webhook {

        /**
         * The key that signs every webhook (HMAC-SHA256 over the timestamp and the body); receivers check it. No
         * default: a deployment that has none does not start.
         */
        String signingKey();

        /** Whether webhook targets may be plain http; only development and test set it. */
        @WithDefault("false")
        boolean allowHttp();

        /** How long a webhook target may take to connect and answer. */
        @WithDefault("5s")
        Duration timeout();
    }
}
