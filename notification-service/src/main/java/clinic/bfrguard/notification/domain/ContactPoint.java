package clinic.bfrguard.notification.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A clinician's contact points as stored; {@link ContactPoints} is their value. */
@Entity
@Table(name = "contact_point")
public class ContactPoint extends PanacheEntityBase {

    @Id
    public String username;

    /** The sites the clinician belonged to when they last saved their contact points (their token's). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "varchar(40)[]")
    public String[] sites;

    public String email;

    /** The webhook targets, as JSON ({@link Webhook}s). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String webhooks;

    /** The Web Push subscriptions, as JSON ({@link PushSubscription}s). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String push;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
