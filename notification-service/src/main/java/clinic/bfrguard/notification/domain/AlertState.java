package clinic.bfrguard.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An alert as {@code alert-events} last told it: what a notification says, and whether paging must stop. */
@Entity
@Table(name = "alert_state")
public class AlertState extends PanacheEntityBase {

    public static final String OPEN = "OPEN";

    @Id
    @Column(name = "alert_id")
    public UUID alertId;

    @Column(nullable = false)
    public String site;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String severity;

    @Column(nullable = false)
    public String status;

    public String limb;

    public String symptom;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    @Column(name = "escalation_level", nullable = false)
    public int escalationLevel;

    /** A paging alert for which nobody could be notified; cleared once somebody is. */
    @Column(nullable = false)
    public boolean unrouted;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    public AlertSummary summary() {
        return new AlertSummary(alertId, site, patientId, type, severity, status, limb, symptom, raisedAt,
                escalationLevel);
    }

    public static long openUnrouted() {
        return count("unrouted = true and status = ?1", OPEN);
    }
}
