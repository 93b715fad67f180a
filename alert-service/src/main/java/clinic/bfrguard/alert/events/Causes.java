package clinic.bfrguard.alert.events;

import clinic.bfrguard.alert.domain.AlertMessages;
import clinic.bfrguard.alert.domain.AlertType;
import clinic.bfrguard.alert.domain.Cause;
import clinic.bfrguard.alert.domain.DedupKeys;
import clinic.bfrguard.alert.domain.Severities;
import clinic.bfrguard.alert.events.IncomingEvents.BandTimeOverrun;
import clinic.bfrguard.alert.events.IncomingEvents.BandTimeWarning;
import clinic.bfrguard.alert.events.IncomingEvents.GuidelineDeviation;
import clinic.bfrguard.alert.events.IncomingEvents.ScreeningCompleted;
import clinic.bfrguard.alert.events.IncomingEvents.SymptomReported;

import java.util.Optional;

/** Which alert each event deserves (DOMAIN.md's alert table); plain Java so that a unit test can check it. */
public final class Causes {

    private Causes() {
    }

    public static Optional<Cause> of(String patientId, ScreeningCompleted e) {
        var reasons = e.reasons().stream()
                .map(r -> new AlertMessages.ScreeningReason(r.code(), r.points())).toList();
        return switch (e.outcome()) {
            case CLEARED -> Optional.empty();
            case CONTRAINDICATED -> Optional.of(screening(AlertType.CONTRAINDICATION_FLAGGED, patientId, e,
                    AlertMessages.contraindicationFlagged(patientId, e.totalPoints(), reasons)));
            case REVIEW_REQUIRED -> Optional.of(screening(AlertType.CLEARANCE_REQUIRED, patientId, e,
                    AlertMessages.clearanceRequired(patientId, e.totalPoints(), reasons)));
        };
    }

    public static Cause of(String patientId, BandTimeWarning e) {
        AlertType type = AlertType.BAND_TIME_WARNING;
        return new Cause(type, Severities.of(type), DedupKeys.band(type, e.bandId()), patientId,
                AlertMessages.bandTimeWarning(patientId, e.limb(), e.appliedAt(), e.deadline(), e.raisedAt()),
                e.raisedAt(), null, e.sessionId(), e.bandId(), e.limb());
    }

    public static Cause of(String patientId, BandTimeOverrun e) {
        AlertType type = AlertType.BAND_TIME_OVERRUN;
        return new Cause(type, Severities.of(type), DedupKeys.band(type, e.bandId()), patientId,
                AlertMessages.bandTimeOverrun(patientId, e.limb(), e.appliedAt(), e.raisedAt(), e.limitSeconds()),
                e.raisedAt(), null, e.sessionId(), e.bandId(), e.limb());
    }

    public static Cause of(String patientId, SymptomReported e) {
        return new Cause(AlertType.ADVERSE_SYMPTOM, Severities.ofSymptom(e.symptom()),
                DedupKeys.symptom(e.sessionId(), e.symptom()), patientId,
                AlertMessages.adverseSymptom(patientId, e.symptom()), e.reportedAt(), null, e.sessionId(), null,
                null);
    }

    public static Cause of(String patientId, GuidelineDeviation e) {
        AlertType type = AlertType.GUIDELINE_DEVIATION;
        return new Cause(type, Severities.of(type), DedupKeys.deviation(e.sessionId(), e.rule(), e.limb(),
                e.exercise()), patientId, AlertMessages.guidelineDeviation(patientId, e.rule(), e.limb(),
                e.exercise(), e.actual(), e.limit(), e.unit()), e.occurredAt(), null, e.sessionId(), e.bandId(),
                e.limb());
    }

    private static Cause screening(AlertType type, String patientId, ScreeningCompleted e, String message) {
        return new Cause(type, Severities.of(type), DedupKeys.screening(type, e.screeningId()), patientId, message,
                e.screenedAt(), e.screeningId(), null, null, null);
    }
}
