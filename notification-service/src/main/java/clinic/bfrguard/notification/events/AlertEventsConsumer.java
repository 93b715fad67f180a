package clinic.bfrguard.notification.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.common.events.EventRoutes;
import clinic.bfrguard.common.events.IdempotentConsumer;
import clinic.bfrguard.common.sites.Sites;
import clinic.bfrguard.common.sites.SitesConfig;
import clinic.bfrguard.notification.domain.AlertSummary;
import clinic.bfrguard.notification.domain.NotificationService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code alert-events} through the common consumer (each event applied once, transient failures retried,
 * records that can never be applied dead-lettered) and turns each alert change into pages.
 */
@ApplicationScoped
public class AlertEventsConsumer {

    public static final String TOPIC = EventContract.ALERT_EVENTS;

    private final IdempotentConsumer consumer;
    private final EventRoutes routes;

    public AlertEventsConsumer(IdempotentConsumer consumer, NotificationService notifications, SitesConfig sites) {
        this.consumer = consumer;
        EventRoutes.Builder builder = EventRoutes.of(TOPIC);
        for (String type : new String[] {EventContract.ALERT_RAISED, EventContract.ALERT_ESCALATED,
                EventContract.ALERT_ACKNOWLEDGED, EventContract.ALERT_RESOLVED}) {
            builder.on(type, AlertChange.class, (envelope, e) -> notifications.alertChanged(type,
                    envelope.patientId(), new AlertSummary(e.alertId(), Sites.ofEvent(e.site(), sites.defaultSite()),
                            envelope.patientId(), e.type(), e.severity(), e.status(), e.limb(), e.symptom(),
                            e.raisedAt(), e.escalationLevel())));
        }
        this.routes = builder.build();
    }

    @Incoming(TOPIC)
    @Blocking
    public void alertEvent(String value) {
        consumer.consume(value, routes);
    }
}
