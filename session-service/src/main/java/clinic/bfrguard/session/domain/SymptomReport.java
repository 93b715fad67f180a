package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A symptom the patient reported during a session. */
@Entity
@Table(name = "symptom_report")
public class SymptomReport extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Symptom symptom;

    public String note;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    @Column(name = "reported_at", nullable = false)
    public Instant reportedAt;

    public static List<SymptomReport> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by reportedAt", sessionId);
    }

    /** The symptoms of several sessions in one query, each session's in the order of {@link #ofSession}. */
    public static List<SymptomReport> ofSessions(Collection<UUID> sessionIds) {
        return list("sessionId in ?1 order by reportedAt, id", sessionIds);
    }
}
