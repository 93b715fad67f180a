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
 * so a row once committed stays as it was written.
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

    @Column(nullable = false)
    public String action;

    @Column(name = "target_type", nullable = false)
    public String targetType;

    @Column(name = "target_id", nullable = false)
    public String targetId;

    @Column(name = "patient_id")
    public String patientId;

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
        Sort newestFirst = Sort.descending("at", "id");
        return (where.isEmpty() ? AuditEntry.<AuditEntry>findAll(newestFirst)
                : AuditEntry.<AuditEntry>find(String.join(" and ", where), newestFirst, parameters))
                .page(0, query.limit()).list();
    }

    /** What {@link #search} filters by. */
    public record AuditQuery(Instant from, Instant to, String actor, String action, int limit) {
    }
}
