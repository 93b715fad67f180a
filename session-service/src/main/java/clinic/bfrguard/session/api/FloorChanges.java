package clinic.bfrguard.session.api;

import clinic.bfrguard.common.stream.ChangeLog;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The session-service's change table, {@code session_change}: what the floor stream sends. */
@ApplicationScoped
public class FloorChanges extends ChangeLog {

    @Inject
    public FloorChanges(AgroalDataSource dataSource) {
        super(dataSource, "session");
    }

    /** For the bean's proxy. */
    protected FloorChanges() {
    }
}
