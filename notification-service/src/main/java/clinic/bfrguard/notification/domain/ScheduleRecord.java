package clinic.bfrguard.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A site's on-call schedule as stored: the {@link OnCallSchedule} as JSON, and who set it when. */
@Entity
@Table(name = "oncall_schedule")
public class ScheduleRecord extends PanacheEntityBase {

    @Id
    public String site;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String schedule;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
