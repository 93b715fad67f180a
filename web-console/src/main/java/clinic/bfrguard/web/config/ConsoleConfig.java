package clinic.bfrguard.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * What the pages need to know about their surroundings. The browser, not this server, calls Keycloak and the four
 * services, so these are the addresses as the clinic's tablets reach them. The defaults are the local stack's.
 */
@ConfigMapping(prefix = "clinic.web")
public interface ConsoleConfig {

    /** The Keycloak realm. */
    @WithDefault("http://localhost:8180/realms/clinic")
    String realmUrl();

    /** The public client the pages log in with (authorization code flow with PKCE). */
    @WithDefault("clinic-web")
    String clientId();

    @WithDefault("http://localhost:8081")
    String screeningUrl();

    @WithDefault("http://localhost:8082")
    String sessionUrl();

    @WithDefault("http://localhost:8083")
    String alertUrl();

    /** The notification-service: on-call schedules, one's contact points, the Web Push key. */
    @WithDefault("http://localhost:8084")
    String notificationUrl();

    /**
     * How long the alert board waits without a byte from its stream before it says it is deaf ("No connection
     * since ..."). The alert-service sends a heartbeat comment every {@code clinic.alerts.stream.heartbeat}
     * (15 s), so two missed heartbeats and a margin.
     */
    @WithDefault("PT35S")
    Duration streamSilence();

    /**
     * How long a page waits without input (a touch, a key, the wheel) before the console locks: it forgets its
     * tokens and Keycloak asks for the password again. A shared tablet left on a table shows no patient for long.
     */
    @WithDefault("PT15M")
    Duration idleLock();
}
