package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.domain.RuleViolation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What is refused because it would put a patient at risk before it happens. Each check throws a
 * {@link RuleViolation} saying why.
 */
public final class SessionRules {

    private SessionRules() {
    }

    public static void requireEligible(ScreeningSnapshot latest, Instant now) {
        Eligibility.refusal(latest, now).ifPresent(reason -> {
            throw new RuleViolation(reason);
        });
    }

    /** One session at a time per patient: bands and sets are logged against the one that is running. */
    public static void requireNoActiveSession(Optional<UUID> activeSession) {
        activeSession.ifPresent(id -> {
            throw new RuleViolation("The patient already has an active session " + id
                    + "; complete it before starting another");
        });
    }

    public static void requireActive(SessionStatus status) {
        if (status != SessionStatus.ACTIVE) {
            throw new RuleViolation("The session is " + status + "; nothing more can be recorded on it");
        }
    }

    public static void requireLimbFree(Limb limb, Collection<Limb> limbsBanded) {
        if (limbsBanded.contains(limb)) {
            throw new RuleViolation(limb + " already wears a band; release it before applying another");
        }
    }

    public static void requireLimbNotRestricted(Limb limb, List<LimbRestriction> restrictions) {
        List<String> reasons = restrictions.stream()
                .filter(r -> r.limb() == limb)
                .map(r -> r.description() + " (" + r.code() + ")")
                .toList();
        if (!reasons.isEmpty()) {
            throw new RuleViolation("No band on " + limb + ": the screening restricts this limb because of "
                    + String.join(", ", reasons));
        }
    }

    public static void requireNoBandOn(Collection<Limb> limbsBanded) {
        if (!limbsBanded.isEmpty()) {
            throw new RuleViolation("A band is still on " + limbsBanded.stream().sorted().toList()
                    + "; release every band before completing the session");
        }
    }
}
