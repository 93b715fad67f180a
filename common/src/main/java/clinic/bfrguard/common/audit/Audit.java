package clinic.bfrguard.common.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.Objects;

/**
 * Writes the audit trail. {@link #record} joins the caller's transaction, like the outbox, so an entry commits
 * together with the change it describes: a change that is rolled back (a refusal, a failure) leaves no entry.
 * Entries carry names and ids only, never free text such as notes.
 */
@ApplicationScoped
public class Audit {

    /** The actor of changes that the service makes on its own: timers, sweeps, incoming events. */
    public static final String SYSTEM = "system";

    private final Clock clock;

    public Audit(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to the {@code targetType} with id {@code targetId}, concerning
     * {@code patientId} (null when no patient is concerned). Must run inside the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String targetType, Object targetId, String patientId) {
        AuditEntry entry = new AuditEntry();
        entry.at = clock.instant();
        entry.actor = Objects.requireNonNull(actor, "actor");
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = String.valueOf(targetId);
        entry.patientId = patientId;
        entry.persist();
    }
}
