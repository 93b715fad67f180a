package clinic.bfrguard.screening.config;

import clinic.bfrguard.screening.domain.ClearanceRule;
import clinic.bfrguard.screening.domain.RiskScreen;
import clinic.bfrguard.screening.domain.ScreeningPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Builds the plain-Java screening rules from configuration; a bad policy stops the service at start. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    ScreeningPolicy policy(ScreeningConfig config) {
        return config.policy();
    }

    @Produces
    @Singleton
    RiskScreen riskScreen(ScreeningPolicy policy) {
        return new RiskScreen(policy);
    }

    @Produces
    @Singleton
    ClearanceRule clearanceRule(ScreeningConfig config) {
        return new ClearanceRule(config.allowSelfClearance());
    }
}
