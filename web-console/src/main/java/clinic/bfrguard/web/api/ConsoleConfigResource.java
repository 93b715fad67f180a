package clinic.bfrguard.web.api;

import clinic.bfrguard.web.config.ConsoleConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /config.json}: where the pages log in and which APIs they call. Read by every page before anything else,
 * so one build of the pages serves every deployment. Public: the pages need it to find the login in the first place.
 */
@Path("/config.json")
@PermitAll
public class ConsoleConfigResource {

    /** The pages' view of the configuration; nothing secret (the client is public). */
    public record PageConfig(String realmUrl, String clientId, String screeningUrl, String sessionUrl,
            String alertUrl, String notificationUrl, long streamSilenceMillis, long idleLockMillis) {
    }

    private final ConsoleConfig config;

    public ConsoleConfigResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new PageConfig(trim(config.realmUrl()), config.clientId(), trim(config.screeningUrl()),
                trim(config.sessionUrl()), trim(config.alertUrl()), trim(config.notificationUrl()),
                config.streamSilence().toMillis(), config.idleLock().toMillis())).cacheControl(noStore).build();
    }

    /** The pages append paths; a configured trailing slash would double them. */
    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
