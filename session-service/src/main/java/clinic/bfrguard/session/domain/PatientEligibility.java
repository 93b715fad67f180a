package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The eligibility view: one row per patient holding their latest screening, fed by {@code screening-events}. */
@Entity
@Table(name = "patient_eligibility")
public class PatientEligibility extends PanacheEntityBase {

    @Id
    @Column(name = "patient_id")
    public String patientId;

    /** The site of the latest screening, and so the patient's site. */
    @Column(nullable = false)
    public String site;

    @Column(name = "screening_id", nullable = false)
    public UUID screeningId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "total_points", nullable = false)
    public int totalPoints;

    @Column(name = "screened_at", nullable = false)
    public Instant screenedAt;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "limb_restrictions", nullable = false)
    public List<LimbRestriction> limbRestrictions;

    @Column(name = "cleared_by")
    public String clearedBy;

    @Column(name = "cleared_at")
    public Instant clearedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public ScreeningSnapshot snapshot() {
        return new ScreeningSnapshot(screeningId, outcome, totalPoints, screenedAt, validUntil, limbRestrictions,
                clearedBy, clearedAt);
    }
}
