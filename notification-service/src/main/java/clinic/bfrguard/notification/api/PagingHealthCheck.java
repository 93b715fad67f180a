package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.AlertState;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * DOWN while a paging alert that nobody could be told of is still open, for the clinic's monitoring
 * ({@code /q/health/group/paging}).
 * Kept out of readiness on purpose: an unready service would be taken out of the Ingress, and the admin could not
 * reach the very API ({@code PUT /api/oncall/{site}}) that fixes the rota.
 */
@HealthGroup("paging")
@ApplicationScoped
public class PagingHealthCheck implements HealthCheck {

    @Override
    @Transactional
    public HealthCheckResponse call() {
        long unrouted = AlertState.openUnrouted();
        return HealthCheckResponse.named("paging").status(unrouted == 0)
                .withData("openAlertsNobodyWasPagedFor", unrouted).build();
    }
}
