package clinic.bfrguard.notification.api;

import clinic.bfrguard.common.domain.InvalidInput;
import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.notification.domain.Notification;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("clinician")
@Tag(name = "Notifications")
public class NotificationResource {

    private final CallerSites sites;

    public NotificationResource(CallerSites sites) {
        this.sites = sites;
    }

    /**
     * The delivery trail of an alert, oldest first: every notification made for it, with its status. Another
     * site's alert has, for this caller, no trail.
     */
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationView> trail(@QueryParam("alertId") String alertId) {
        UUID id = alertId(alertId);
        return Notification.ofAlert(id).stream().filter(n -> sites.includes(n.site)).map(NotificationView::of)
                .toList();
    }

    private static UUID alertId(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("alertId", "required: the alert whose notifications to list");
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("alertId", "must be a UUID");
        }
    }
}
