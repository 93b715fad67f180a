package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One BFR training session of one patient, run by one physiotherapist. */
@Entity
@Table(name = "training_session")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The patient's site when the session started. */
    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public String physiotherapist;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SessionStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "completed_by")
    public String completedBy;

    @Column(name = "completed_at")
    public Instant completedAt;

    /**
     * The status is a literal, not a parameter, so that PostgreSQL answers from the partial index of active
     * sessions: with a parameter, the plan it caches for the prepared statement scans every session ever recorded.
     */
    public static Optional<UUID> activeFor(String patientId) {
        return Session.<Session>find("patientId = ?1 and status = " + SessionStatus.class.getName() + ".ACTIVE",
                patientId).firstResultOptional().map(s -> s.id);
    }

    /** Newest first, of the given sites; either filter may be null. */
    public static List<Session> search(String patientId, SessionStatus status, Collection<String> sites,
            int limit) {
        StringBuilder query = new StringBuilder("site in :sites");
        Parameters parameters = Parameters.with("sites", sites);
        if (patientId != null) {
            query.append(" and patientId = :patientId");
            parameters.and("patientId", patientId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        query.append(" order by startedAt desc, id");
        return Session.<Session>find(query.toString(), parameters).page(0, limit).list();
    }
}
