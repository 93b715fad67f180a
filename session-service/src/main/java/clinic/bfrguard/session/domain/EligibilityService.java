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

    /**
     * Applies a completed screening, unless the view already holds a newer one, together with a clearance of it that
     * arrived first.
     */
    public void screeningCompleted(String patientId, String site, UUID screeningId, Outcome outcome, int totalPoints,
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
        view.site = site;
        view.screeningId = screeningId;
        view.outcome = outcome;
        view.totalPoints = totalPoints;
        view.screenedAt = screenedAt;
        view.validUntil = validUntil;
        view.limbRestrictions = limbRestrictions == null ? List.of() : List.copyOf(limbRestrictions);
        view.clearedBy = null;
        view.clearedAt = null;
        view.updatedAt = clock.instant();
        LOG.infof("Eligibility follows screening %s (%s)", screeningId, outcome);
        ScreeningClearance early = ScreeningClearance.findById(screeningId);
        if (early != null && early.patientId.equals(patientId)
                && Eligibility.clearanceApplies(view.snapshot(), screeningId)) {
            clear(view, early.clearedBy, early.clearedAt, early.validUntil);
            LOG.infof("Eligibility follows the clearance of screening %s, which arrived before the screening",
                    screeningId);
        }
        if (fresh) {
            view.persist();
        }
    }

    /**
     * Remembers a clinician's clearance and applies it, but only to the screening it names, and only if that is the
     * latest. A clearance of a screening not seen yet is applied when that screening arrives.
     */
    public void clearanceGranted(String patientId, UUID screeningId, String clearedBy, Instant clearedAt,
            Instant validUntil) {
        PatientEligibility view = PatientEligibility.findById(patientId, LockModeType.PESSIMISTIC_WRITE);
        remember(patientId, screeningId, clearedBy, clearedAt, validUntil);
        if (Eligibility.clearanceApplies(view == null ? null : view.snapshot(), screeningId)) {
            clear(view, clearedBy, clearedAt, validUntil);
            LOG.infof("Eligibility follows the clearance of screening %s", screeningId);
        } else {
            LOG.infof("Clearance of screening %s does not concern the latest screening; it is kept in case that "
                    + "screening arrives later", screeningId);
        }
    }

    private void clear(PatientEligibility view, String clearedBy, Instant clearedAt, Instant validUntil) {
        view.clearedBy = clearedBy;
        view.clearedAt = clearedAt;
        if (validUntil != null) {
            view.validUntil = validUntil;
        }
        view.updatedAt = clock.instant();
    }

    private void remember(String patientId, UUID screeningId, String clearedBy, Instant clearedAt,
            Instant validUntil) {
        ScreeningClearance seen = ScreeningClearance.findById(screeningId, LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = seen == null;
        if (fresh) {
            seen = new ScreeningClearance();
            seen.screeningId = screeningId;
            seen.patientId = patientId;
        } else if (!clearedAt.isAfter(seen.clearedAt)) {
            return;
        }
        seen.clearedBy = clearedBy;
        seen.clearedAt = clearedAt;
        seen.validUntil = validUntil;
        seen.receivedAt = clock.instant();
        if (fresh) {
            seen.persist();
        }
    }
}
