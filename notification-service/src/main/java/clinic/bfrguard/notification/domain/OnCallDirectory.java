package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.common.domain.InvalidInput;
import clinic.bfrguard.notification.config.NotifyConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites' on-call schedules and the clinicians' contact points: who may be paged, and how.
 */
@ApplicationScoped
@Transactional
public class OnCallDirectory {

    private static final TypeReference<List<Webhook>> WEBHOOKS = new TypeReference<>() {
    };
    private static final TypeReference<List<PushSubscription>> PUSH = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final Audit audit;
    private final Clock clock;
    private final NotifyConfig config;
    private final EntityManager em;

    public OnCallDirectory(ObjectMapper mapper, Audit audit, Clock clock, NotifyConfig config, EntityManager em) {
        this.mapper = mapper;
        this.audit = audit;
        this.clock = clock;
        this.config = config;
        this.em = em;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OnCallSchedule> schedule(String site) {
        ScheduleRecord record = ScheduleRecord.findById(site);
        return Optional.ofNullable(record).map(r -> read(r.schedule, OnCallSchedule.class));
    }

    /**
     * Replaces the site's schedule. Everyone it names must be a clinician of the site who has saved contact points
     * here: a rota that names someone the service cannot reach would page nobody.
     */
    public OnCallSchedule saveSchedule(String site, OnCallSchedule input, String actor) {
        OnCallSchedule schedule = OnCallSchedule.validated(input);
        Set<String> known = new TreeSet<>(clinicians(site));
        List<String> unknown = schedule.members().stream().filter(member -> !known.contains(member)).sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInput("members", "unknown member " + String.join(", ", unknown) + ": only clinicians of "
                    + site + " who have saved their contact points (PUT /api/oncall/me/contacts) can be on call");
        }
        ScheduleRecord record = ScheduleRecord.findById(site);
        if (record == null) {
            record = new ScheduleRecord();
            record.site = site;
        }
        record.schedule = write(schedule);
        record.updatedBy = actor;
        record.updatedAt = clock.instant();
        record.persist();
        audit.record(actor, "OnCallScheduleChanged", "oncall-schedule", site, null);
        return schedule;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ContactPoints> contacts(String user) {
        ContactPoint point = ContactPoint.findById(user);
        return Optional.ofNullable(point)
                .map(p -> new ContactPoints(p.email, read(p.webhooks, WEBHOOKS), read(p.push, PUSH)));
    }

    /** Replaces the caller's own contact points, and records the sites they belong to now. */
    public ContactPoints saveContacts(String user, Set<String> sites, ContactPoints input) {
        ContactPoints contacts = ContactPoints.validated(input, config.webhook().allowHttp());
        ContactPoint point = ContactPoint.findById(user);
        if (point == null) {
            point = new ContactPoint();
            point.username = user;
        }
        point.sites = sites.stream().sorted().toArray(String[]::new);
        point.email = contacts.email();
        point.webhooks = write(contacts.webhooks());
        point.push = write(contacts.push());
        point.updatedAt = clock.instant();
        point.persist();
        audit.record(user, "ContactPointsChanged", "contact-points", user, null);
        return contacts;
    }

    /**
     * Forgets a device's push subscription that its push service says is gone (404 or 410): the browser dropped it
     * or the user revoked the permission, and every further push there would fail.
     */
    public void forgetPush(String user, String endpoint) {
        ContactPoint point = ContactPoint.findById(user, LockModeType.PESSIMISTIC_WRITE);
        if (point == null) {
            return;
        }
        List<PushSubscription> push = read(point.push, PUSH);
        List<PushSubscription> kept = push.stream().filter(p -> !p.endpoint().equals(endpoint)).toList();
        if (kept.size() == push.size()) {
            return;
        }
        point.push = write(kept);
        point.updatedAt = clock.instant();
        audit.record("notification-service", "PushSubscriptionRemoved", "contact-points", user, null);
    }

    /** Every clinician of the site who has saved contact points, by user name. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<String> clinicians(String site) {
        return em.createNativeQuery("select username from contact_point where :site = any(sites) order by username")
                .setParameter("site", site)
                .getResultList();
    }

    /** The sites a clinician belonged to when they last saved their contact points. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> sitesOf(String user) {
        ContactPoint point = ContactPoint.findById(user);
        return point == null ? Set.of() : Set.copyOf(Arrays.asList(point.sites));
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored contact points cannot be read", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot be stored as JSON", e);
        }
    }
}
