package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.AlertMessages.ScreeningReason;
import clinic.bfrguard.alert.domain.AlertService;
import clinic.bfrguard.alert.domain.BandRelease;
import clinic.bfrguard.alert.domain.Causes;
import clinic.bfrguard.alert.domain.NotificationOutcome;
import clinic.bfrguard.common.events.EventRoutes;
import clinic.bfrguard.common.events.IdempotentConsumer;
import clinic.bfrguard.common.sites.Sites;
import clinic.bfrguard.common.sites.SitesConfig;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import static clinic.bfrguard.alert.events.IncomingEvents.*;

/**
 * Turns {@code screening-events} and {@code session-events} into alerts, and {@code notification-events} into their
 * notification trails, through the common consumer: each event applied once, transient failures retried, records
 * that can never be applied correctly dead-lettered.
 */
@ApplicationScoped
public class IncomingEventsConsumer {

    private final IdempotentConsumer consumer;
    private final EventRoutes screeningEvents;
    private final EventRoutes sessionEvents;
    private final EventRoutes notificationEvents;

    public IncomingEventsConsumer(IdempotentConsumer consumer, AlertService alerts, SitesConfig sites) {
        String defaultSite = sites.defaultSite();
        this.consumer = consumer;
        this.screeningEvents = EventRoutes.of(SCREENING_TOPIC)
                .on(SCREENING_COMPLETED, ScreeningCompleted.class, (envelope, e) -> Causes.screeningCompleted(
                                envelope.patientId(), e.screeningId(), e.outcome(), e.totalPoints(),
                                e.reasons().stream().map(r -> new ScreeningReason(r.code(), r.points())).toList(),
                                e.screenedAt())
                        .ifPresent(cause -> alerts.raise(cause, Sites.ofEvent(e.site(), defaultSite))))
                .on(CLEARANCE_GRANTED, ClearanceGranted.class,
                        (envelope, e) -> alerts.clearanceGranted(e.screeningId(), e.clearedBy(), e.clearedAt()))
                .build();
        this.sessionEvents = EventRoutes.of(SESSION_TOPIC)
                .on(BAND_TIME_WARNING, BandTimeWarning.class, (envelope, e) -> alerts.raise(Causes.bandTimeWarning(
                        envelope.patientId(), e.sessionId(), e.bandId(), e.limb(), e.appliedAt(), e.deadline(),
                        e.raisedAt()), Sites.ofEvent(e.site(), defaultSite)))
                .on(BAND_TIME_OVERRUN, BandTimeOverrun.class, (envelope, e) -> alerts.raise(Causes.bandTimeOverrun(
                        envelope.patientId(), e.sessionId(), e.bandId(), e.limb(), e.appliedAt(), e.limitSeconds(),
                        e.raisedAt()), Sites.ofEvent(e.site(), defaultSite)))
                .on(SYMPTOM_REPORTED, SymptomReported.class, (envelope, e) -> alerts.raise(Causes.adverseSymptom(
                        envelope.patientId(), e.sessionId(), e.symptom(), e.reportedAt()),
                        Sites.ofEvent(e.site(), defaultSite)))
                .on(GUIDELINE_DEVIATION, GuidelineDeviation.class, (envelope, e) -> alerts.raise(
                        Causes.guidelineDeviation(envelope.patientId(), e.sessionId(), e.bandId(), e.rule(),
                                e.limb(), e.exercise(), e.actual(), e.limit(), e.unit(), e.occurredAt()),
                        Sites.ofEvent(e.site(), defaultSite)))
                .on(BAND_RELEASED, BandReleased.class, (envelope, e) -> alerts.bandReleased(new BandRelease(
                        e.bandId(), e.limb(), e.appliedAt(), e.releasedAt(), e.deadline(), e.wornSeconds(),
                        e.releasedBy())))
                .ignore(SESSION_STARTED, BAND_APPLIED, SET_LOGGED, SESSION_COMPLETED)
                .build();
        this.notificationEvents = EventRoutes.of(NOTIFICATION_TOPIC)
                .on(NOTIFICATION_SENT, Notification.class,
                        (envelope, e) -> alerts.notified(envelope.id(), e.attempt(NotificationOutcome.SENT)))
                .on(NOTIFICATION_FAILED, Notification.class,
                        (envelope, e) -> alerts.notified(envelope.id(), e.attempt(NotificationOutcome.FAILED)))
                .build();
    }

    @Incoming(SCREENING_TOPIC)
    @Blocking
    public void screeningEvent(String value) {
        consumer.consume(value, screeningEvents);
    }

    @Incoming(SESSION_TOPIC)
    @Blocking
    public void sessionEvent(String value) {
        consumer.consume(value, sessionEvents);
    }

    @Incoming(NOTIFICATION_TOPIC)
    @Blocking
    public void notificationEvent(String value) {
        consumer.consume(value, notificationEvents);
    }
}
