package clinic.bfrguard.session.support;

import clinic.bfrguard.common.sites.SitesConfig;
import clinic.bfrguard.session.domain.EligibilityService;
import clinic.bfrguard.session.domain.LimbRestriction;
import clinic.bfrguard.session.domain.Outcome;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fresh patients for tests that are about sessions rather than eligibility: their screening goes straight into the
 * eligibility view (the path from the topic is what EligibilityTest covers).
 */
public final class Patients {

    private Patients() {
    }

    public static String fresh() {
        return "P-" + UUID.randomUUID();
    }

    /** A patient cleared for training at the default site, the site of a test identity whose token names none. */
    public static String cleared(LimbRestriction... restrictions) {
        return clearedAt(Arc.container().instance(SitesConfig.class).get().defaultSite(), restrictions);
    }

    public static String clearedAt(String site, LimbRestriction... restrictions) {
        String patientId = fresh();
        Instant now = Instant.now();
        EligibilityService eligibility = Arc.container().instance(EligibilityService.class).get();
        QuarkusTransaction.requiringNew().run(() -> eligibility.screeningCompleted(patientId, site,
                UUID.randomUUID(), Outcome.CLEARED, 0, now.minusSeconds(60), now.plus(Duration.ofDays(90)),
                List.of(restrictions)));
        return patientId;
    }
}
