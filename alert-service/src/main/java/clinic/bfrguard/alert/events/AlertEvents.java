package clinic.bfrguard.alert.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.alert.api.AlertChanges;
import clinic.bfrguard.alert.api.AlertView;
import clinic.bfrguard.alert.domain.Alert;
import clinic.bfrguard.alert.domain.AlertNotification;
import clinic.bfrguard.alert.domain.ChangeKind;
import clinic.bfrguard.common.events.Outbox;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * Everything that leaves this service when an alert changes, written in the caller's transaction: the
 * {@code alert-events} event through the outbox ({@link AlertEventData}), and the change-feed entry that clients of
 * the stream receive (the REST view).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlertEvents {

    public static final String TOPIC = EventContract.ALERT_EVENTS;
    public static final String ALERT_RAISED = EventContract.ALERT_RAISED;
    public static final String ALERT_ACKNOWLEDGED = EventContract.ALERT_ACKNOWLEDGED;
    public static final String ALERT_ESCALATED = EventContract.ALERT_ESCALATED;
    public static final String ALERT_RESOLVED = EventContract.ALERT_RESOLVED;

    private final Outbox outbox;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Event<AlertChanged> changed;
    private final AlertChanges changes;

    public AlertEvents(Outbox outbox, EntityManager em, ObjectMapper mapper, Clock clock, Event<AlertChanged> changed,
            AlertChanges changes) {
        this.outbox = outbox;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.changed = changed;
        this.changes = changes;
    }

    public void raised(Alert alert) {
        publish(alert, ALERT_RAISED, ChangeKind.RAISED);
    }

    /** Another occurrence: pushed to screens, but not a new event downstream (one alert per cause). */
    public void occurred(Alert alert) {
        publish(alert, null, ChangeKind.OCCURRED);
    }

    public void acknowledged(Alert alert) {
        publish(alert, ALERT_ACKNOWLEDGED, ChangeKind.ACKNOWLEDGED);
    }

    public void escalated(Alert alert) {
        publish(alert, ALERT_ESCALATED, ChangeKind.ESCALATED);
    }

    public void resolved(Alert alert) {
        publish(alert, ALERT_RESOLVED, ChangeKind.RESOLVED);
    }

    public void bandReleased(Alert alert) {
        publish(alert, null, ChangeKind.BAND_RELEASED);
    }

    /**
     * A new entry of the alert's notification trail: pushed to screens with the whole trail, so that a screen needs
     * no other read to show it; not an event downstream, where notification-service itself reports it. The other
     * changes leave the trail out: they do not change it.
     */
    public void notified(Alert alert, List<AlertNotification> trail) {
        change(alert, ChangeKind.NOTIFIED, AlertView.of(alert, trail));
    }

    private void publish(Alert alert, String eventType, ChangeKind kind) {
        if (eventType != null) {
            outbox.publish(TOPIC, eventType, alert.patientId, AlertEventData.of(alert));
        }
        change(alert, kind, AlertView.of(alert));
    }

    private void change(Alert alert, ChangeKind kind, AlertView view) {
        String json;
        try {
            json = mapper.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert " + alert.id + " cannot be serialised", e);
        }
        long seq = changes.append(em, alert.id, alert.site, kind.name(), json, clock.instant());
        changed.fire(new AlertChanged(seq));
    }
}
