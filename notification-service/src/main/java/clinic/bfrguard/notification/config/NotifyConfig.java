package clinic.bfrguard.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
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

    /** Web Push to the clinicians' browsers and phones. */
    Push push();

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

    interface Push {

        /**
         * The VAPID key pair (RFC 8292) that identifies this service to the browsers' push services: the public key
         * as an uncompressed P-256 point, the private key as its 32-byte scalar, both base64url. A browser
         * subscribes with the public key, so changing the pair silences every device until it subscribes again. No
         * default: without them the service offers no push (the run command generates a pair; in Kubernetes a
         * Secret holds it).
         */
        Optional<String> publicKey();

        Optional<String> privateKey();

        /** Whom a push service contacts about this sender's traffic (the VAPID {@code sub}). */
        @WithDefault("mailto:bfr-guard@clinic.example")
        String subject();

        /**
         * How long a push service keeps a message for a device that is offline. Past it a page is stale: the alert
         * has escalated and paged again by then, or been answered.
         */
        @WithDefault("PT1H")
        Duration ttl();

        /** How long a push service may take to connect and answer. */
        @WithDefault("5s")
        Duration timeout();
    }
}
