package clinic.bfrguard.notification.api;

import clinic.bfrguard.common.sites.CallerSites;
import clinic.bfrguard.common.sites.SiteForbidden;
import clinic.bfrguard.common.sites.Sites;
import clinic.bfrguard.common.domain.InvalidInput;
import clinic.bfrguard.notification.channels.Channel;
import clinic.bfrguard.notification.channels.NotificationSender;
import clinic.bfrguard.notification.channels.PushChannel;
import clinic.bfrguard.notification.domain.ContactPoints;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.NotificationText;
import clinic.bfrguard.notification.domain.OnCallDirectory;
import clinic.bfrguard.notification.domain.OnCallSchedule;
import clinic.bfrguard.notification.domain.Target;
import clinic.bfrguard.common.audit.Audit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Path("/api/oncall")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "On call")
public class OnCallResource {

    private final OnCallDirectory directory;
    private final NotificationSender sender;
    private final PushChannel push;
    private final CallerSites sites;
    private final SecurityIdentity identity;
    private final Audit audit;
    private final Clock clock;

    public OnCallResource(OnCallDirectory directory, NotificationSender sender, PushChannel push,
            CallerSites sites, SecurityIdentity identity, Audit audit, Clock clock) {
        this.directory = directory;
        this.sender = sender;
        this.push = push;
        this.sites = sites;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who is on call now at each step of the site's rota, and the rota; any role of that site. */
    @GET
    @Path("/{site}")
    @RolesAllowed({"physiotherapist", "clinician", "clinic-admin"})
    public OnCallView get(@PathParam("site") String site) {
        checkSite(site);
        Instant now = clock.instant();
        return directory.schedule(site)
                .map(schedule -> new OnCallView(site, schedule.now(now), schedule))
                .orElse(new OnCallView(site, List.of(), null));
    }

    /** Replaces the site's rota: clinic-admin of that site. */
    @PUT
    @Path("/{site}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("clinic-admin")
    public OnCallView put(@PathParam("site") String site, OnCallSchedule schedule) {
        checkSite(site);
        OnCallSchedule saved = directory.saveSchedule(site, schedule, user());
        return new OnCallView(site, saved.now(clock.instant()), saved);
    }

    @GET
    @Path("/me/contacts")
    @RolesAllowed("clinician")
    public ContactPoints contacts() {
        return directory.contacts(user()).orElse(ContactPoints.none());
    }

    /**
     * The VAPID public key a browser subscribes to push with ({@code applicationServerKey}); 404 when this
     * deployment has no push keys and so offers no push.
     */
    @GET
    @Path("/me/push-key")
    @RolesAllowed("clinician")
    public PushKey pushKey() {
        return push.publicKey().map(PushKey::new)
                .orElseThrow(() -> new NotFoundException("Web Push is not offered here: the deployment has no VAPID keys"));
    }

    /** The VAPID public key, base64url (an uncompressed P-256 point). */
    public record PushKey(String publicKey) {
    }

    /** Replaces the caller's own contact points; the caller's sites (from the token) are recorded with them. */
    @PUT
    @Path("/me/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("clinician")
    public ContactPoints putContacts(ContactPoints contacts) {
        return directory.saveContacts(user(), sites.all(), contacts);
    }

    /**
     * A test notification through each of the caller's channels, at once, with what each answered: the
     * start-of-shift check that pages will reach them. Nothing is retried and no alert is involved.
     */
    @POST
    @Path("/me/test")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("clinician")
    public List<Receipt> test() {
        String user = user();
        ContactPoints contacts = directory.contacts(user).filter(c -> !c.isEmpty())
                .orElseThrow(() -> new InvalidInput("no contact points to test: PUT /api/oncall/me/contacts first"));
        NotificationText.Text text = NotificationText.test(user, clock.instant());
        List<Receipt> receipts = new ArrayList<>();
        for (Target target : Target.of(contacts)) {
            receipts.add(send(user, target, text));
        }
        QuarkusTransaction.requiringNew().run(() -> audit.record(user, "TestNotificationSent", "contact-points",
                user, null));
        return receipts;
    }

    private Receipt send(String user, Target target, NotificationText.Text text) {
        UUID id = UUID.randomUUID();
        Delivery delivery = new Delivery(id, "test/" + user + "/" + id, NotificationKind.TRIGGER, true, user,
                target, null, 0, 0, text, null);
        Channel.Outcome outcome = sender.sendNow(delivery);
        if (outcome.gone()) {
            directory.forgetPush(user, target.address());
        }
        return new Receipt(target.channel(), outcome.accepted(), outcome.detail(), clock.instant());
    }

    private void checkSite(String site) {
        if (!Sites.isValid(site)) {
            throw new InvalidInput("site", Sites.MESSAGE);
        }
        if (!sites.includes(site)) {
            throw new SiteForbidden(site);
        }
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
