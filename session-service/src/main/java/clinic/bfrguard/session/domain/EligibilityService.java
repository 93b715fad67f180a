package clinic.bfrguard.session.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Keeps the eligibility view: each patient's latest screening and its clearance. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EligibilityService {

    private static final Logger LOG = Logger.getLogger(EligibilityService.class);

    private final Clock clock;

    public EligibilityService(Clock clock) {
        this.clock = clock;
    }

    /** Applies a completed screening, unless the view already holds a newer one. */
    public void screeningCompleted(String patientId, UUID screeningId, Outcome outcome, int totalPoints,
            Instant screenedAt, Instant validUntil, List<LimbRestriction> limbRestrictions) {
        PatientEligibility view = PatientEligibility.findById(patientId, LockModeType.PESSIMISTIC_WRITE);
        if (!Eligibility.supersedes(view == null ? null : view.snapshot(), screenedAt)) {
            LOG.infof("Screening %s is older than the one on record; eligibility unchanged", screeningId);
            return;
        }
        boolean fresh = view == null;
        if (fresh) {
            view = new PatientEligibility();
            view.patientId = patientId;
        }
        view.screeningId = screeningId;
        view.outcome = outcome;
        view.totalPoints = totalPoints;
        view.screenedAt = screenedAt;
        view.validUntil = validUntil;
        view.limbRestrictions = limbRestrictions == null ? List.of() : List.copyOf(limbRestrictions);
        view.clearedBy = null;
        view.clearedAt = null;
        view.updatedAt = clock.instant();
        if (fresh) {
            view.persist();
        }
        LOG.infof("Eligibility follows screening %s (%s)", screeningId, outcome);
    }

    /** Applies a clinician's clearance, but only to the screening it names, and only if that is still the latest. */
    public void clearanceGranted(String patientId, UUID screeningId, String clearedBy, Instant clearedAt,
            Instant validUntil) {
        PatientEligibility view = PatientEligibility.findById(patientId, LockModeType.PESSIMISTIC_WRITE);
        if (!Eligibility.clearanceApplies(view == null ? null : view.snapshot(), screeningId)) {
            LOG.infof("Clearance of screening %s does not concern the latest screening; eligibility unchanged",
                    screeningId);
            return;
        }
        view.clearedBy = clearedBy;
        view.clearedAt = clearedAt;
        if (validUntil != null) {
            view.validUntil = validUntil;
        }
        view.updatedAt = clock.instant();
        LOG.infof("Eligibility follows the clearance of screening %s", screeningId);
    }
}
