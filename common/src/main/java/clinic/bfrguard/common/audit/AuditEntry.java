package clinic.bfrguard.common.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the audit trail. Immutable for Hibernate, and the database refuses any UPDATE or DELETE of the table,
 * so a row once committed stays as it was written; its place in the hash chain ({@link AuditChain}) shows if one
 * was changed all the same, by someone able to switch the database's protection off.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    /** From a sequence handed out in blocks, so that a burst of entries goes to the database in JDBC batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    /** The actor's subject at the identity provider ({@code sub}); null for the system and older entries. */
    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(nullable = false)
    public String action;

    @Column(name = "target_type", nullable = false)
    public String targetType;

    @Column(name = "target_id", nullable = false)
    public String targetId;

    @Column(name = "patient_id")
    public String patientId;

    /** Its place in the service's hash chain: 1 for the first entry, one more for each after it. */
    @Column(name = "chain_seq")
    public Long chainSeq;

    /** The hash of the entry before it in the chain ({@link AuditChain#GENESIS} for the first). */
    @Column(name = "prev_hash")
    public String prevHash;

    /** SHA-256 over this entry's fields and {@link #prevHash} ({@link AuditChain#hash}). */
    @Column(name = "hash")
    public String hash;

    /** The chained entries after place {@code afterSeq}, in chain order, at most {@code limit} of them. */
    public static List<AuditChain.Link> chainAfter(long afterSeq, int limit) {
        return AuditEntry.<AuditEntry>find("chainSeq > ?1", Sort.ascending("chainSeq"), afterSeq)
                .page(0, limit).stream()
                .map(e -> new AuditChain.Link(e.id, e.chainSeq, e.at, e.actor, e.actorSubject, e.action,
                        e.targetType, e.targetId, e.patientId, e.prevHash, e.hash))
                .toList();
    }

    /** Entries from before the chain began (written before the migration that added it). */
    public static long unchained() {
        return AuditEntry.count("chainSeq is null");
    }

    /** The entries matching every given filter (a null filter matches all), newest first. */
    public static List<AuditEntry> search(AuditQuery query) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (query.from() != null) {
            where.add("at >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("at < :to");
            parameters.and("to", query.to());
        }
        if (query.actor() != null) {
            where.add("actor = :actor");
            parameters.and("actor", query.actor());
        }
        if (query.action() != null) {
            where.add("action = :action");
            parameters.and("action", query.action());
        }
        if (query.target() != null) {
            // a patient's id names every entry about the patient; any other id, the entries about that record
            where.add("(patientId = :target or targetId = :target)");
            parameters.and("target", query.target());
        }
        Sort newestFirst = Sort.descending("at", "id");
        return (where.isEmpty() ? AuditEntry.<AuditEntry>findAll(newestFirst)
                : AuditEntry.<AuditEntry>find(String.join(" and ", where), newestFirst, parameters))
                .page(0, query.limit()).list();
    }

    /** What {@link #search} filters by. */
    public record AuditQuery(Instant from, Instant to, String actor, String action, String target, int limit) {
    }
}
