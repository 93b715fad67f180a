package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A band (cuff) on one limb. Its warning and overrun times live here, so that a restarted service still raises
 * them; {@code warningRaisedAt} and {@code overrunRaisedAt} record that each was raised, exactly once.
 */
@Entity
@Table(name = "band")
@DynamicUpdate
public class Band extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id", nullable = false)
    public UUID sessionId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The session's site. */
    @Column(nullable = false)
    public String site;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Limb limb;

    @Column(name = "perceived_pressure", nullable = false)
    public int perceivedPressure;

    @Column(name = "pressure_mmhg")
    public Integer pressureMmHg;

    @Column(name = "applied_by", nullable = false)
    public String appliedBy;

    @Column(name = "applied_at", nullable = false)
    public Instant appliedAt;

    @Column(name = "warn_at", nullable = false)
    public Instant warnAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "limit_seconds", nullable = false)
    public long limitSeconds;

    @Column(name = "released_by")
    public String releasedBy;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "warning_raised_at")
    public Instant warningRaisedAt;

    @Column(name = "overrun_raised_at")
    public Instant overrunRaisedAt;

    public boolean isOn() {
        return releasedAt == null;
    }

    public static List<Band> ofSession(UUID sessionId) {
        return list("sessionId = ?1 order by appliedAt, id", sessionId);
    }

    /** The bands of several sessions in one query, each session's in the order of {@link #ofSession}. */
    public static List<Band> ofSessions(Collection<UUID> sessionIds) {
        return list("sessionId in ?1 order by appliedAt, id", sessionIds);
    }

    public static List<Limb> limbsBanded(UUID sessionId) {
        return Band.<Band>list("sessionId = ?1 and releasedAt is null", sessionId).stream().map(b -> b.limb).toList();
    }

    /** When the patient's {@code limb} last came free of a band, in any session. */
    public static Optional<Instant> lastReleased(String patientId, Limb limb) {
        return Band.<Band>find("patientId = ?1 and limb = ?2 and releasedAt is not null order by releasedAt desc",
                patientId, limb).firstResultOptional().map(b -> b.releasedAt);
    }
}
