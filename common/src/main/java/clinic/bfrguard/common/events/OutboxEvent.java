package clinic.bfrguard.common.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event waiting in (or sent from) the transactional outbox. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The envelope id. */
    @Id
    public UUID id;

    /** Commit-independent insertion order, assigned by the database; the relay sends in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String key;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    public static List<OutboxEvent> pending(int limit) {
        return find("sentAt is null order by seq").page(0, limit).list();
    }

    public static long countPending() {
        return count("sentAt is null");
    }

    public static long deleteSentBefore(Instant cutoff) {
        return delete("sentAt < ?1", cutoff);
    }
}
