package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A {@link Deviation} as it stands in the session's log. */
@Entity
@Table(name = "guideline_deviation")
public class RecordedDeviation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeviationRule rule;

    @Enumerated(EnumType.STRING)
    public Limb limb;

    public String exercise;

    @Column(name = "band_id")
    public UUID bandId;

    @Column(name = "set_id")
    public UUID setId;

    @Column(nullable = false)
    public BigDecimal actual;

    @Column(name = "limit_value", nullable = false)
    public BigDecimal limit;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public String message;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    public static List<RecordedDeviation> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by occurredAt", sessionId);
    }

    /** The deviations of several sessions in one query, each session's in the order of {@link #ofSession}. */
    public static List<RecordedDeviation> ofSessions(Collection<UUID> sessionIds) {
        return list("sessionId in ?1 order by occurredAt, id", sessionIds);
    }
}
