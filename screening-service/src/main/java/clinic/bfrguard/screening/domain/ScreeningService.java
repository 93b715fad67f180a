package clinic.bfrguard.screening.domain;

import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.common.domain.RecordNotFound;
import clinic.bfrguard.screening.events.ScreeningEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Screenings and clearances: each change and its event commit in one transaction. */
@ApplicationScoped
@Transactional
public class ScreeningService {

    private static final Logger LOG = Logger.getLogger(ScreeningService.class);

    /** Key space of the per-patient screening lock, apart from the outbox relay's single-number key. */
    private static final int SCREENING_LOCK = 0x5c4e;

    private final RiskScreen riskScreen;
    private final ClearanceRule clearanceRule;
    private final ScreeningEvents events;
    private final Audit audit;
    private final Clock clock;
    private final EntityManager em;

    public ScreeningService(RiskScreen riskScreen, ClearanceRule clearanceRule, ScreeningEvents events, Audit audit,
            Clock clock, EntityManager em) {
        this.riskScreen = riskScreen;
        this.clearanceRule = clearanceRule;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.em = em;
    }

    public Screening screen(String patientId, BloodPressure bloodPressure, Set<ConditionCode> conditions,
            List<LimbRestriction> limbRestrictions, String notes, String site, String screenedBy) {
        lockScreeningsOf(patientId);
        Instant now = now();
        ScreeningAssessment assessment = Rescreening.apply(
                riskScreen.assess(bloodPressure, conditions, limbRestrictions, now),
                Screening.latestUpTo(patientId, now), now, site);
        Screening screening = new Screening();
        screening.id = UUID.randomUUID();
        screening.patientId = patientId;
        screening.site = site;
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

    public Screening clear(UUID screeningId, String note, String clinician, Collection<String> sites) {
        Screening screening = Screening.<Screening>findByIdOptional(screeningId, LockModeType.PESSIMISTIC_WRITE)
                .filter(s -> sites.contains(s.site))
                .orElseThrow(() -> new RecordNotFound("Screening", screeningId));
        Instant now = now();
        clearanceRule.check(screening, clinician, now);
        screening.clearedBy = clinician;
        screening.clearedAt = now;
        screening.clearanceNote = note;
        events.clearanceGranted(screening);
        audit.record(clinician, ScreeningEvents.CLEARANCE_GRANTED, "screening", screening.id, screening.patientId);
        LOG.infof("Screening %s cleared", screening.id);
        return screening;
    }

    /**
     * To the microsecond the database keeps, so the answer, the event and the stored record name the same instant,
     * and the re-screening rule compares instants as they were stored.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Screenings of one patient are recorded one after the other, each after the previous has committed, so the
     * re-screening rule always sees the screening that stands; two forms sent at once cannot both pass it by.
     */
    private void lockScreeningsOf(String patientId) {
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:space, hashtext(:patient)))"
                        + " as screening_lock")
                .setParameter("space", SCREENING_LOCK)
                .setParameter("patient", patientId)
                .getSingleResult();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Screening get(UUID screeningId, Collection<String> sites) {
        return Screening.<Screening>findByIdOptional(screeningId)
                .filter(s -> sites.contains(s.site))
                .orElseThrow(() -> new RecordNotFound("Screening", screeningId));
    }

    /** The patient's screenings at the caller's sites, newest first; another site's are left out, as in every list. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Screening> history(String patientId, Collection<String> sites, int limit) {
        return Screening.historyOf(patientId, sites, limit);
    }

    /**
     * By the patient's latest screening, which also says the patient's site: a patient screened last at another
     * site is, to this caller, a patient not screened.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Eligibility eligibility(String patientId, Collection<String> sites) {
        return Eligibility.of(patientId, Screening.latestFor(patientId).filter(s -> sites.contains(s.site))
                .orElse(null), clock.instant());
    }
}
