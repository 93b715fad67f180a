package clinic.bfrguard.common.events;

import java.util.Map;
import java.util.Optional;

/**
 * The names the services agree on: each topic, its one producer, and the event types that travel on it. Written here
 * once, so that a producer and its consumers cannot spell an event differently; what an event carries is the
 * producer's own type.
 */
public final class EventContract {

    public static final String SCREENING_EVENTS = "screening-events";
    public static final String SCREENING_COMPLETED = "ScreeningCompleted";
    public static final String CLEARANCE_GRANTED = "ClearanceGranted";

    public static final String SESSION_EVENTS = "session-events";
    public static final String SESSION_STARTED = "SessionStarted";
    public static final String BAND_APPLIED = "BandApplied";
    public static final String BAND_RELEASED = "BandReleased";
    public static final String SET_LOGGED = "SetLogged";
    public static final String SYMPTOM_REPORTED = "SymptomReported";
    public static final String GUIDELINE_DEVIATION = "GuidelineDeviation";
    public static final String BAND_TIME_WARNING = "BandTimeWarning";
    public static final String BAND_TIME_OVERRUN = "BandTimeOverrun";
    public static final String SESSION_COMPLETED = "SessionCompleted";

    public static final String ALERT_EVENTS = "alert-events";
    public static final String ALERT_RAISED = "AlertRaised";
    public static final String ALERT_ACKNOWLEDGED = "AlertAcknowledged";
    public static final String ALERT_ESCALATED = "AlertEscalated";
    public static final String ALERT_RESOLVED = "AlertResolved";

    public static final String NOTIFICATION_EVENTS = "notification-events";
    public static final String NOTIFICATION_SENT = "NotificationSent";
    public static final String NOTIFICATION_FAILED = "NotificationFailed";

    public static final String SCREENING_SERVICE = "screening-service";
    public static final String SESSION_SERVICE = "session-service";
    public static final String ALERT_SERVICE = "alert-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";

    /**
     * Each topic's one producer, as it signs the envelope's {@code source}. A consumer refuses an event whose source
     * is not its topic's producer: only that service may say that a screening was cleared or a band overran.
     */
    private static final Map<String, String> PRODUCERS = Map.of(
            SCREENING_EVENTS, SCREENING_SERVICE,
            SESSION_EVENTS, SESSION_SERVICE,
            ALERT_EVENTS, ALERT_SERVICE,
            NOTIFICATION_EVENTS, NOTIFICATION_SERVICE);

    /** The service that publishes on {@code topic}; empty for a topic outside the contract. */
    public static Optional<String> producerOf(String topic) {
        return Optional.ofNullable(PRODUCERS.get(topic));
    }

    private EventContract() {
    }
}
