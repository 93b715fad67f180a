package clinic.bfrguard.common.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Records reads of patient data in the audit trail ({@value #READ}): who (username and the identity provider's
 * subject), what (the kind of record and its id), about which patient, when; never the data that was read. Each
 * read is its own short transaction, committed before the answer leaves, so a read that could not be recorded is
 * not answered. Only successful reads are recorded: a refused or failed one showed nothing.
 */
@ApplicationScoped
public class AuditReads {

    /** The action of a read entry. */
    public static final String READ = "READ";

    private final Audit audit;
    private final SecurityIdentity identity;

    public AuditReads(Audit audit, SecurityIdentity identity) {
        this.audit = audit;
        this.identity = identity;
    }

    /** The caller read the {@code targetType} {@code targetId}, which concerns {@code patientId}. */
    public void read(String targetType, Object targetId, String patientId) {
        String actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        String subject = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : null;
        QuarkusTransaction.requiringNew()
                .run(() -> audit.record(actor, subject, READ, targetType, targetId, patientId));
    }
}
