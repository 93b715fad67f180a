package clinic.bfrguard.session.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A clinician's clearance as it arrived, by the screening it names. Every clearance is remembered, so that one that
 * arrives before its screening still clears it when that screening arrives and becomes the latest.
 */
@Entity
@Table(name = "screening_clearance")
public class ScreeningClearance extends PanacheEntityBase {

    @Id
    @Column(name = "screening_id")
    public UUID screeningId;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "cleared_by", nullable = false)
    public String clearedBy;

    @Column(name = "cleared_at", nullable = false)
    public Instant clearedAt;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
