package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.AlertService;
import clinic.bfrguard.alert.domain.BandRelease;
import clinic.bfrguard.common.events.EventEnvelope;
import clinic.bfrguard.common.events.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Applies one parsed event and records its id, in one transaction: a redelivery changes nothing. */
@ApplicationScoped
public class EventApplier {

    static final String CONSUMER = "alert-service";

    private final ProcessedEvents processed;
    private final AlertService alerts;

    public EventApplier(ProcessedEvents processed, AlertService alerts) {
        this.processed = processed;
        this.alerts = alerts;
    }

    @Transactional
    public void apply(EventEnvelope envelope, Object data) {
        if (!processed.firstDelivery(envelope.id(), CONSUMER)) {
            return;
        }
        String patientId = envelope.patientId();
        if (data instanceof IncomingEvents.ScreeningCompleted e) {
            Causes.of(patientId, e).ifPresent(alerts::raise);
        } else if (data instanceof IncomingEvents.ClearanceGranted e) {
            alerts.clearanceGranted(e.screeningId(), e.clearedBy(), e.clearedAt());
        } else if (data instanceof IncomingEvents.BandTimeWarning e) {
            alerts.raise(Causes.of(patientId, e));
        } else if (data instanceof IncomingEvents.BandTimeOverrun e) {
            alerts.raise(Causes.of(patientId, e));
        } else if (data instanceof IncomingEvents.SymptomReported e) {
            alerts.raise(Causes.of(patientId, e));
        } else if (data instanceof IncomingEvents.GuidelineDeviation e) {
            alerts.raise(Causes.of(patientId, e));
        } else if (data instanceof IncomingEvents.BandReleased e) {
            alerts.bandReleased(new BandRelease(e.bandId(), e.limb(), e.appliedAt(), e.releasedAt(), e.deadline(),
                    e.wornSeconds(), e.releasedBy()));
        } else {
            throw new IllegalArgumentException("no handler for " + data.getClass().getSimpleName());
        }
    }
}
