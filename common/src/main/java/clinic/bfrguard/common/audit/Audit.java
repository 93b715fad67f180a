package clinic.bfrguard.common.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Writes the audit trail. {@link #record} joins the caller's transaction, like the outbox, so an entry commits
 * together with the change it describes: a change that is rolled back (a refusal, a failure) leaves no entry.
 * Entries carry names and ids only, never free text such as notes.
 * <p>
 * Each entry is the next link of the service's hash chain ({@link AuditChain}). Appends are serialised by a
 * transaction-scoped advisory lock, taken at a transaction's first entry and held until it ends, so the chain stays
 * linear with concurrent writers and with several replicas on one database: the next writer reads the head only
 * once the last one has committed or rolled back. A transaction's later entries follow its own first one without
 * asking the database again. The cost: audited changes of one service commit one at a time from their first entry
 * on, so a service records an entry after it has changed the rows it describes.
 */
@ApplicationScoped
public class Audit {

    /** The actor of changes that the service makes on its own: timers, sweeps, incoming events. */
    public static final String SYSTEM = "system";

    /** The advisory lock that serialises appends to the chain (one key per database, for all replicas). */
    static final long CHAIN_LOCK = 0x0a0d_17c4_a1a5L;

    private final Clock clock;
    private final EntityManager em;
    private final TransactionSynchronizationRegistry transaction;

    public Audit(Clock clock, EntityManager em, TransactionSynchronizationRegistry transaction) {
        this.clock = clock;
        this.em = em;
        this.transaction = transaction;
    }

    /**
     * Records that {@code actor} did {@code action} to the {@code targetType} with id {@code targetId}, concerning
     * {@code patientId} (null when no patient is concerned). Must run inside the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String targetType, Object targetId, String patientId) {
        record(actor, null, action, targetType, targetId, patientId);
    }

    /**
     * As {@link #record(String, String, String, Object, String)}, with the actor's subject at the identity provider
     * ({@code sub}) beside the username, when the caller knows it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String actorSubject, String action, String targetType, Object targetId,
            String patientId) {
        AuditEntry entry = new AuditEntry();
        // to the microsecond, as PostgreSQL keeps it: the hash is recomputed from what is read back
        entry.at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        entry.actor = Objects.requireNonNull(actor, "actor");
        entry.actorSubject = actorSubject;
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = String.valueOf(targetId);
        entry.patientId = patientId;
        Head head = head();
        entry.chainSeq = head.seq() + 1;
        entry.prevHash = head.hash();
        entry.hash = AuditChain.hash(entry.chainSeq, entry.at, entry.actor, entry.actorSubject, entry.action,
                entry.targetType, entry.targetId, entry.patientId, entry.prevHash);
        entry.persist();
        transaction.putResource(Head.class, new Head(entry.chainSeq, entry.hash));
    }

    /** The chain's last entry as this transaction sees it: read under the lock at its first entry. */
    private Head head() {
        Head mine = (Head) transaction.getResource(Head.class);
        if (mine != null) {
            return mine;
        }
        // Two statements: under READ COMMITTED each takes its own snapshot, so the head is read after the lock is
        // granted and sees the entry of whoever held it before. (Read in the statement that waits for the lock, it
        // would miss that entry; the unique chain_seq would then refuse the fork at the insert.)
        em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:key)) as chain_lock")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("audit_entry")
                .setParameter("key", CHAIN_LOCK)
                .getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> last = em.createNativeQuery("select chain_seq, hash from audit_entry"
                        + " where chain_seq is not null order by chain_seq desc limit 1")
                .unwrap(NativeQuery.class).addSynchronizedQuerySpace("audit_entry")
                .getResultList();
        return last.isEmpty() ? new Head(0, AuditChain.GENESIS)
                : new Head(((Number) last.get(0)[0]).longValue(), (String) last.get(0)[1]);
    }

    private record Head(long seq, String hash) {
    }
}
