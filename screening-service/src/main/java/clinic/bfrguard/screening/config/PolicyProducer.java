package clinic.bfrguard.screening.config;

import clinic.bfrguard.screening.domain.RiskScreen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Builds the plain-Java points screen from configuration; a bad policy stops the service at start. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    RiskScreen riskScreen(ScreeningConfig config) {
        return new RiskScreen(config.policy());
    }
}
