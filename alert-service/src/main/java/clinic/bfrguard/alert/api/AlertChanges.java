package clinic.bfrguard.alert.api;

import clinic.bfrguard.common.stream.ChangeLog;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The alert-service's change table, {@code alert_change}: what the clinicians' alert stream sends. */
@ApplicationScoped
public class AlertChanges extends ChangeLog {

    @Inject
    public AlertChanges(AgroalDataSource dataSource) {
        super(dataSource, "alert");
    }

    /** For the bean's proxy. */
    protected AlertChanges() {
    }
}
