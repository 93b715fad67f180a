package clinic.bfrguard.alert.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.alert.domain.DeviationRule;
import clinic.bfrguard.alert.domain.NotificationAttempt;
import clinic.bfrguard.alert.domain.NotificationFailure;
import clinic.bfrguard.alert.domain.NotificationKind;
import clinic.bfrguard.alert.domain.NotificationOutcome;
import clinic.bfrguard.alert.domain.ScreeningOutcome;
import clinic.bfrguard.alert.domain.Symptom;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The data of the events this service acts on, as published on {@code screening-events}, {@code session-events}
 * and {@code notification-events}. Fields the alert (or the trail) needs are required: a record without them can never raise a correct
 * alert and belongs on the dead-letter topic. Unknown extra fields are ignored so that publishers can add some. An
 * event without a {@code site} comes from before sites and belongs to the default site.
 */
public final class IncomingEvents {

    public static final String SCREENING_TOPIC = EventContract.SCREENING_EVENTS;
    public static final String SESSION_TOPIC = EventContract.SESSION_EVENTS;
    public static final String NOTIFICATION_TOPIC = EventContract.NOTIFICATION_EVENTS;

    public static final String SCREENING_COMPLETED = EventContract.SCREENING_COMPLETED;
    public static final String CLEARANCE_GRANTED = EventContract.CLEARANCE_GRANTED;
    public static final String SESSION_STARTED = EventContract.SESSION_STARTED;
    public static final String BAND_APPLIED = EventContract.BAND_APPLIED;
    public static final String BAND_RELEASED = EventContract.BAND_RELEASED;
    public static final String SET_LOGGED = EventContract.SET_LOGGED;
    public static final String SYMPTOM_REPORTED = EventContract.SYMPTOM_REPORTED;
    public static final String GUIDELINE_DEVIATION = EventContract.GUIDELINE_DEVIATION;
    public static final String BAND_TIME_WARNING = EventContract.BAND_TIME_WARNING;
    public static final String BAND_TIME_OVERRUN = EventContract.BAND_TIME_OVERRUN;
    public static final String SESSION_COMPLETED = EventContract.SESSION_COMPLETED;
    public static final String NOTIFICATION_SENT = EventContract.NOTIFICATION_SENT;
    public static final String NOTIFICATION_FAILED = EventContract.NOTIFICATION_FAILED;

    private IncomingEvents() {
    }

    public record Reason(String code, int points, String message) {
    }

    public record ScreeningCompleted(UUID screeningId, String site, ScreeningOutcome outcome, Integer totalPoints, List<Reason> reasons,
            String screenedBy, Instant screenedAt, Instant validUntil) {
        public ScreeningCompleted {
            require(screeningId, "screeningId");
            require(outcome, "outcome");
            require(totalPoints, "totalPoints");
            require(screenedAt, "screenedAt");
            reasons = reasons == null ? List.of() : reasons;
        }
    }

    public record ClearanceGranted(UUID screeningId, String clearedBy, Instant clearedAt, Instant validUntil) {
        public ClearanceGranted {
            require(screeningId, "screeningId");
            require(clearedBy, "clearedBy");
            require(clearedAt, "clearedAt");
        }
    }

    public record BandReleased(UUID sessionId, UUID bandId, String limb, Instant appliedAt, Instant releasedAt,
            Instant deadline, Long wornSeconds, String releasedBy) {
        public BandReleased {
            require(bandId, "bandId");
            require(limb, "limb");
            require(releasedAt, "releasedAt");
            require(deadline, "deadline");
        }
    }

    public record SymptomReported(UUID sessionId, String site, UUID symptomId, Symptom symptom, String note, String reportedBy,
            Instant reportedAt) {
        public SymptomReported {
            require(sessionId, "sessionId");
            require(symptom, "symptom");
            require(reportedAt, "reportedAt");
        }
    }

    public record GuidelineDeviation(UUID sessionId, String site, DeviationRule rule, String limb, String exercise, UUID bandId,
            UUID setId, BigDecimal actual, BigDecimal limit, String unit, String message, Instant occurredAt) {
        public GuidelineDeviation {
            require(sessionId, "sessionId");
            require(rule, "rule");
            require(actual, "actual");
            require(limit, "limit");
            require(occurredAt, "occurredAt");
        }
    }

    public record BandTimeWarning(UUID sessionId, String site, UUID bandId, String limb, Instant appliedAt, Instant warnAt,
            Instant deadline, Instant raisedAt) {
        public BandTimeWarning {
            require(sessionId, "sessionId");
            require(bandId, "bandId");
            require(limb, "limb");
            require(appliedAt, "appliedAt");
            require(deadline, "deadline");
            require(raisedAt, "raisedAt");
        }
    }

    public record BandTimeOverrun(UUID sessionId, String site, UUID bandId, String limb, Instant appliedAt, Instant deadline,
            Long limitSeconds, Instant raisedAt) {
        public BandTimeOverrun {
            require(sessionId, "sessionId");
            require(bandId, "bandId");
            require(limb, "limb");
            require(appliedAt, "appliedAt");
            require(deadline, "deadline");
            require(limitSeconds, "limitSeconds");
            require(raisedAt, "raisedAt");
        }
    }

    /**
     * One attempt to notify someone of an alert ({@code NotificationSent} and {@code NotificationFailed} alike).
     * {@code recipient} and {@code channel} are null when nobody could be notified at all. Names longer than
     * {@link NotificationAttempt#MAX_NAME} are refused: notification-service gives user names and channel names,
     * never text of that length.
     */
    public record Notification(UUID notificationId, UUID alertId, String site, int escalationLevel, int step,
            String recipient, String channel, NotificationKind kind, int attempts, Instant at, boolean retrying,
            NotificationFailure reason, String detail) {
        public Notification {
            require(alertId, "alertId");
            require(kind, "kind");
            require(at, "at");
            bounded(recipient, "recipient");
            bounded(channel, "channel");
        }

        public NotificationAttempt attempt(NotificationOutcome outcome) {
            return new NotificationAttempt(alertId, outcome, kind, escalationLevel, step, recipient, channel, attempts,
                    at, retrying, reason, detail);
        }
    }

    private static void bounded(String value, String field) {
        if (value != null && value.length() > NotificationAttempt.MAX_NAME) {
            throw new IllegalArgumentException("'" + field + "' is longer than " + NotificationAttempt.MAX_NAME
                    + " characters");
        }
    }

    private static void require(Object value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
    }
}
