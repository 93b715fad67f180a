package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.AlertState;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * DOWN while a paging alert that nobody could be told of is still open, for the clinic's monitoring
 * ({@code /q/health/group/paging}). Readiness reports the same count ({@link PagingReadiness}) but stays UP: an
 * unready service would be taken out of the Ingress, and the admin could not reach the very API
 * ({@code PUT /api/oncall/{site}}) that fixes the rota.
 */
@HealthGroup("paging")
@ApplicationScoped
public class PagingHealthCheck implements HealthCheck {

    static final String NAME = "paging";
    static final String DATA = "openAlertsNobodyWasPagedFor";

    @Override
    @Transactional
    public HealthCheckResponse call() {
        long unrouted = AlertState.openUnrouted();
        return HealthCheckResponse.named(NAME).status(unrouted == 0).withData(DATA, unrouted).build();
    }
}
