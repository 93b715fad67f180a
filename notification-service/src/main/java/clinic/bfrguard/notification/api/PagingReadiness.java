package clinic.bfrguard.notification.api;

import clinic.bfrguard.notification.domain.AlertState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness names the open paging alerts nobody could be told of, so whoever looks at it sees them; it stays UP
 * for them, because the service must stay reachable for the rota to be fixed ({@link PagingHealthCheck} is the
 * check that goes DOWN).
 */
@Readiness
@ApplicationScoped
public class PagingReadiness implements HealthCheck {

    @Override
    @Transactional
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(PagingHealthCheck.NAME).up()
                .withData(PagingHealthCheck.DATA, AlertState.openUnrouted()).build();
    }
}
