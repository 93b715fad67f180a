package clinic.bfrguard.screening.domain;

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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One screening of one patient, and its clearance by a clinician when one was needed. */
@Entity
@Table(name = "screening")
public class Screening extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    /** The site the patient was screened at, and so the site their sessions and alerts belong to. */
    @Column(nullable = false)
    public String site;

    @Column(nullable = false)
    public int systolic;

    @Column(nullable = false)
    public int diastolic;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ConditionCode> conditions;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Outcome outcome;

    @Column(name = "total_points", nullable = false)
    public int totalPoints;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Reason> reasons;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "limb_restrictions", nullable = false)
    public List<LimbRestriction> limbRestrictions;

    public String notes;

    @Column(name = "screened_by", nullable = false)
    public String screenedBy;

    @Column(name = "screened_at", nullable = false)
    public Instant screenedAt;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @Column(name = "cleared_by")
    public String clearedBy;

    @Column(name = "cleared_at")
    public Instant clearedAt;

    @Column(name = "clearance_note")
    public String clearanceNote;

    public static Optional<Screening> latestFor(String patientId) {
        return find("patientId = ?1 order by screenedAt desc, id desc", patientId).firstResultOptional();
    }

    /** The patient's screenings of the given sites, newest first, in the order {@link #latestFor} picks the latest. */
    public static List<Screening> historyOf(String patientId, Collection<String> sites, int limit) {
        return Screening.<Screening>find("patientId = ?1 and site in ?2 order by screenedAt desc, id desc",
                patientId, sites).page(0, limit).list();
    }

    /** The patient's screenings recorded at the latest instant up to and including {@code at}. */
    public static List<Screening> latestUpTo(String patientId, Instant at) {
        return list("patientId = ?1 and screenedAt = (select max(s.screenedAt) from Screening s"
                + " where s.patientId = ?1 and s.screenedAt <= ?2)", patientId, at);
    }
}
