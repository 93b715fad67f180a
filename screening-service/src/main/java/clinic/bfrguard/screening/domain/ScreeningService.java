package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.common.domain.RecordNotFound;
import clinic.bfrguard.common.domain.RuleViolation;
import clinic.bfrguard.screening.events.ScreeningEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Screenings and clearances: each change and its event commit in one transaction. */
@ApplicationScoped
@Transactional
public class ScreeningService {

    private static final Logger LOG = Logger.getLogger(ScreeningService.class);

    private final RiskScreen riskScreen;
    private final ScreeningEvents events;
    private final Audit audit;
    private final Clock clock;

    public ScreeningService(RiskScreen riskScreen, ScreeningEvents events, Audit audit, Clock clock) {
        this.riskScreen = riskScreen;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public Screening screen(String patientId, BloodPressure bloodPressure, Set<ConditionCode> conditions,
            List<LimbRestriction> limbRestrictions, String notes, String screenedBy) {
        Instant now = clock.instant();
        ScreeningAssessment assessment = riskScreen.assess(bloodPressure, conditions, limbRestrictions, now);
        Screening screening = new Screening();
        screening.id = UUID.randomUUID();
        screening.patientId = patientId;
        screening.systolic = bloodPressure.systolic();
        screening.diastolic = bloodPressure.diastolic();
        screening.conditions = conditions.stream().sorted().toList();
        screening.outcome = assessment.outcome();
        screening.totalPoints = assessment.totalPoints();
        screening.reasons = assessment.reasons();
        screening.limbRestrictions = assessment.limbRestrictions();
        screening.notes = notes;
        screening.screenedBy = screenedBy;
        screening.screenedAt = now;
        screening.validUntil = assessment.validUntil();
        screening.persist();
        events.screeningCompleted(screening);
        audit.record(screenedBy, ScreeningEvents.SCREENING_COMPLETED, "screening", screening.id, patientId);
        LOG.infof("Screening %s recorded: %s, %d points", screening.id, screening.outcome, screening.totalPoints);
        return screening;
    }

    public Screening clear(UUID screeningId, String note, String clinician) {
        Screening screening = Screening.<Screening>findByIdOptional(screeningId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new RecordNotFound("Screening", screeningId));
        Instant now = clock.instant();
        if (screening.outcome != Outcome.REVIEW_REQUIRED) {
            throw new RuleViolation("Only a REVIEW_REQUIRED screening can be cleared; this one is "
                    + screening.outcome);
        }
        if (screening.clearedAt != null) {
            throw new RuleViolation("This screening was already cleared by " + screening.clearedBy
                    + " at " + screening.clearedAt);
        }
        if (!now.isBefore(screening.validUntil)) {
            throw new RuleViolation("This screening expired on " + screening.validUntil
                    + "; screen the patient again");
        }
        screening.clearedBy = clinician;
        screening.clearedAt = now;
        screening.clearanceNote = note;
        events.clearanceGranted(screening);
        audit.record(clinician, ScreeningEvents.CLEARANCE_GRANTED, "screening", screening.id, screening.patientId);
        LOG.infof("Screening %s cleared", screening.id);
        return screening;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Screening get(UUID screeningId) {
        return Screening.<Screening>findByIdOptional(screeningId)
                .orElseThrow(() -> new RecordNotFound("Screening", screeningId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility eligibility(String patientId) {
        return Eligibility.of(patientId, Screening.latestFor(patientId).orElse(null), clock.instant());
    }
}
