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
    public void screeningCompleted(String patientId, UUID screeningId, Outcome outcome, int totalPoints,
            Instant screenedAt, Instant validUntil, List<LimbRestriction> limbRestrictions) {
        PatientEligibility view = PatientEligibility.findById(patientId, LockModeType.PESSIMISTIC_WRITE);
        if (!Eligibility.supersedes(view == null ? null : view.snapshot(), screenedAt)) {
            LOG.infof("Screening %s is older than the one on record; eligibility unchanged", screeningId);
            HeldClearance.deleteById(screeningId);
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
        LOG.infof("Eligibility follows screening %s (%s)", screeningId, outcome);
        HeldClearance held = HeldClearance.findById(screeningId);
        if (held != null && held.patientId.equals(patientId)
                && Eligibility.clearanceFate(view.snapshot(), screeningId, held.clearedAt)
                        == Eligibility.ClearanceFate.APPLY) {
            clear(view, held.clearedBy, held.clearedAt, held.validUntil);
            LOG.infof("Eligibility follows the clearance of screening %s, which arrived before the screening",
                    screeningId);
        }
        if (fresh) {
            view.persist();
        }
        // What was held for this screening is used up; what was given before it was completed names an older one.
        HeldClearance.delete("patientId = ?1 and (screeningId = ?2 or clearedAt < ?3)", patientId, screeningId,
                screenedAt);
    }

    /**
     * Applies a clinician's clearance, but only to the screening it names, and only if that is the latest. A
     * clearance of a screening not seen yet waits for it.
     */
    public void clearanceGranted(String patientId, UUID screeningId, String clearedBy, Instant clearedAt,
            Instant validUntil) {
        PatientEligibility view = PatientEligibility.findById(patientId, LockModeType.PESSIMISTIC_WRITE);
        switch (Eligibility.clearanceFate(view == null ? null : view.snapshot(), screeningId, clearedAt)) {
            case APPLY -> {
                clear(view, clearedBy, clearedAt, validUntil);
                LOG.infof("Eligibility follows the clearance of screening %s", screeningId);
            }
            case HOLD -> {
                hold(patientId, screeningId, clearedBy, clearedAt, validUntil);
                LOG.infof("Clearance of screening %s arrived before the screening; it waits for it", screeningId);
            }
            case DISCARD -> LOG.infof("Clearance of screening %s does not concern the latest screening; "
                    + "eligibility unchanged", screeningId);
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

    private void hold(String patientId, UUID screeningId, String clearedBy, Instant clearedAt, Instant validUntil) {
        HeldClearance held = HeldClearance.findById(screeningId, LockModeType.PESSIMISTIC_WRITE);
        boolean fresh = held == null;
        if (fresh) {
            held = new HeldClearance();
            held.screeningId = screeningId;
            held.patientId = patientId;
        } else if (!clearedAt.isAfter(held.clearedAt)) {
            return;
        }
        held.clearedBy = clearedBy;
        held.clearedAt = clearedAt;
        held.validUntil = validUntil;
        held.receivedAt = clock.instant();
        if (fresh) {
            held.persist();
        }
    }
}
