package clinic.bfrguard.web.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the pages need to know about their surroundings. The browser, not this server, calls Keycloak and the three
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
}
