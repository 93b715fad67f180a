package clinic.bfrguard.screening.api;

import clinic.bfrguard.screening.domain.ConditionCode;
import clinic.bfrguard.screening.domain.LimbRestriction;
import clinic.bfrguard.screening.domain.Outcome;
import clinic.bfrguard.screening.domain.Reason;
import clinic.bfrguard.screening.domain.Screening;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A screening as the API shows it. */
public record ScreeningView(UUID id, String patientId, String site, int systolic, int diastolic, List<ConditionCode> conditions,
        Outcome outcome, int totalPoints, List<Reason> reasons, List<LimbRestriction> limbRestrictions,
        String notes, String screenedBy, Instant screenedAt, Instant validUntil, Clearance clearance) {

    public record Clearance(String clearedBy, Instant clearedAt, String note) {
    }

    static ScreeningView of(Screening s) {
        Clearance clearance = s.clearedAt == null ? null : new Clearance(s.clearedBy, s.clearedAt, s.clearanceNote);
        return new ScreeningView(s.id, s.patientId, s.site, s.systolic, s.diastolic, s.conditions, s.outcome, s.totalPoints,
                s.reasons, s.limbRestrictions, s.notes, s.screenedBy, s.screenedAt, s.validUntil, clearance);
    }
}
