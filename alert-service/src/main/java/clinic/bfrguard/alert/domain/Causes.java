package clinic.bfrguard.alert.domain;

import clinic.bfrguard.alert.domain.AlertMessages.ScreeningReason;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which alert each cause deserves: the alert table of docs/clinical-rules.md, with the severity, the dedup key that
 * makes one alert per cause, and the message a clinician reads.
 */
public final class Causes {

    private Causes() {
    }

    /** A contraindicated screening flags the patient; one that needs review asks for a clinician's clearance. */
    public static Optional<Cause> screeningCompleted(String patientId, UUID screeningId, ScreeningOutcome outcome,
            int totalPoints, List<ScreeningReason> reasons, Instant screenedAt) {
        return switch (outcome) {
            case CLEARED -> Optional.empty();
            case CONTRAINDICATED -> Optional.of(screening(AlertType.CONTRAINDICATION_FLAGGED, patientId, screeningId,
                    screenedAt, AlertMessages.contraindicationFlagged(patientId, totalPoints, reasons)));
            case REVIEW_REQUIRED -> Optional.of(screening(AlertType.CLEARANCE_REQUIRED, patientId, screeningId,
                    screenedAt, AlertMessages.clearanceRequired(patientId, totalPoints, reasons)));
        };
    }

    public static Cause bandTimeWarning(String patientId, UUID sessionId, UUID bandId, String limb,
            Instant appliedAt, Instant deadline, Instant raisedAt) {
        AlertType type = AlertType.BAND_TIME_WARNING;
        return new Cause(type, Severities.of(type), DedupKeys.band(type, bandId), patientId,
                AlertMessages.bandTimeWarning(patientId, limb, appliedAt, deadline, raisedAt), raisedAt, null,
                sessionId, bandId, limb);
    }

    public static Cause bandTimeOverrun(String patientId, UUID sessionId, UUID bandId, String limb,
            Instant appliedAt, long limitSeconds, Instant raisedAt) {
        AlertType type = AlertType.BAND_TIME_OVERRUN;
        return new Cause(type, Severities.of(type), DedupKeys.band(type, bandId), patientId,
                AlertMessages.bandTimeOverrun(patientId, limb, appliedAt, raisedAt, limitSeconds), raisedAt, null,
                sessionId, bandId, limb);
    }

    /** One alert per symptom and session; a free-text note never reaches the alert. */
    public static Cause adverseSymptom(String patientId, UUID sessionId, Symptom symptom, Instant reportedAt) {
        return new Cause(AlertType.ADVERSE_SYMPTOM, Severities.ofSymptom(symptom),
                DedupKeys.symptom(sessionId, symptom), patientId, AlertMessages.adverseSymptom(patientId, symptom),
                reportedAt, null, sessionId, null, null);
    }

    public static Cause guidelineDeviation(String patientId, UUID sessionId, UUID bandId, DeviationRule rule,
            String limb, String exercise, BigDecimal actual, BigDecimal limit, String unit, Instant occurredAt) {
        AlertType type = AlertType.GUIDELINE_DEVIATION;
        return new Cause(type, Severities.of(type), DedupKeys.deviation(sessionId, rule, limb, exercise), patientId,
                AlertMessages.guidelineDeviation(patientId, rule, limb, exercise, actual, limit, unit), occurredAt,
                null, sessionId, bandId, limb);
    }

    private static Cause screening(AlertType type, String patientId, UUID screeningId, Instant screenedAt,
            String message) {
        return new Cause(type, Severities.of(type), DedupKeys.screening(type, screeningId), patientId, message,
                screenedAt, screeningId, null, null, null);
    }
}
