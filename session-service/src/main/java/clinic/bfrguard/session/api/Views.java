package clinic.bfrguard.session.api;

import clinic.bfrguard.session.domain.Band;
import clinic.bfrguard.session.domain.Deviation;
import clinic.bfrguard.session.domain.DeviationRule;
import clinic.bfrguard.session.domain.ExerciseSet;
import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.RecordedDeviation;
import clinic.bfrguard.session.domain.Session;
import clinic.bfrguard.session.domain.SessionDetails;
import clinic.bfrguard.session.domain.SessionStatus;
import clinic.bfrguard.session.domain.Symptom;
import clinic.bfrguard.session.domain.SymptomReport;
import clinic.bfrguard.session.events.SessionEvents;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the session API answers with. */
public final class Views {

    private Views() {
    }

    public record SessionSummary(UUID id, String patientId, String site, String physiotherapist,
            SessionStatus status, Instant startedAt, String completedBy, Instant completedAt) {

        static SessionSummary of(Session s) {
            return new SessionSummary(s.id, s.patientId, s.site, s.physiotherapist, s.status, s.startedAt, s.completedBy,
                    s.completedAt);
        }
    }

    public record SessionView(UUID id, String patientId, String site, String physiotherapist, SessionStatus status,
            Instant startedAt, String completedBy, Instant completedAt, List<BandView> bands, List<SetView> sets,
            List<SymptomView> symptoms, List<DeviationView> deviations) {

        static SessionView of(SessionDetails d) {
            Session s = d.session();
            return new SessionView(s.id, s.patientId, s.site, s.physiotherapist, s.status, s.startedAt, s.completedBy,
                    s.completedAt, d.bands().stream().map(BandView::of).toList(),
                    d.sets().stream().map(SetView::of).toList(), d.symptoms().stream().map(SymptomView::of).toList(),
                    d.deviations().stream().map(DeviationView::of).toList());
        }
    }

    public record BandView(UUID bandId, Limb limb, int perceivedPressure, Integer pressureMmHg, String appliedBy,
            Instant appliedAt, Instant warnAt, Instant deadline, String releasedBy, Instant releasedAt,
            Long wornSeconds, Instant warningRaisedAt, Instant overrunRaisedAt) {

        static BandView of(Band b) {
            return new BandView(b.id, b.limb, b.perceivedPressure, b.pressureMmHg, b.appliedBy, b.appliedAt,
                    b.warnAt, b.deadline, b.releasedBy, b.releasedAt,
                    b.releasedAt == null ? null : SessionEvents.wornSeconds(b), b.warningRaisedAt, b.overrunRaisedAt);
        }
    }

    public record BandApplied(UUID bandId, Limb limb, Instant appliedAt, Instant warnAt, Instant deadline,
            long limitSeconds, List<DeviationView> deviations) {

        static BandApplied of(Band b, List<RecordedDeviation> deviations) {
            return new BandApplied(b.id, b.limb, b.appliedAt, b.warnAt, b.deadline, b.limitSeconds,
                    deviations.stream().map(DeviationView::of).toList());
        }
    }

    public record BandReleased(UUID bandId, Limb limb, Instant appliedAt, Instant deadline, Instant releasedAt,
            long wornSeconds) {

        static BandReleased of(Band b) {
            return new BandReleased(b.id, b.limb, b.appliedAt, b.deadline, b.releasedAt, SessionEvents.wornSeconds(b));
        }
    }

    public record SetView(UUID setId, String exercise, Limb limb, BigDecimal loadPercentOneRm, int reps, Integer rpe,
            int setNumber, String loggedBy, Instant loggedAt) {

        static SetView of(ExerciseSet s) {
            return new SetView(s.id, s.exercise, s.limb, Deviation.plain(s.loadPercentOneRm), s.reps, s.rpe,
                    s.setNumber, s.loggedBy, s.loggedAt);
        }
    }

    public record SetLogged(UUID setId, String exercise, Limb limb, BigDecimal loadPercentOneRm, int reps,
            Integer rpe, int setNumber, Instant loggedAt, List<DeviationView> deviations) {

        static SetLogged of(ExerciseSet s, List<RecordedDeviation> deviations) {
            return new SetLogged(s.id, s.exercise, s.limb, Deviation.plain(s.loadPercentOneRm), s.reps, s.rpe,
                    s.setNumber, s.loggedAt, deviations.stream().map(DeviationView::of).toList());
        }
    }

    public record SymptomView(UUID symptomId, Symptom symptom, String note, String reportedBy, Instant reportedAt) {

        static SymptomView of(SymptomReport r) {
            return new SymptomView(r.id, r.symptom, r.note, r.reportedBy, r.reportedAt);
        }
    }

    public record DeviationView(UUID id, DeviationRule rule, Limb limb, String exercise, UUID bandId, UUID setId,
            BigDecimal actual, BigDecimal limit, String unit, String message, Instant occurredAt) {

        static DeviationView of(RecordedDeviation d) {
            return new DeviationView(d.id, d.rule, d.limb, d.exercise, d.bandId, d.setId, Deviation.plain(d.actual),
                    Deviation.plain(d.limit), d.unit, d.message, d.occurredAt);
        }
    }
}
