package clinic.bfrguard.common.events;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /**
     * The oldest pending events, not tracked for changes: the relay marks them with {@link #markSent} and
     * {@link #markFailed} instead of one update per row at commit.
     */
    public static List<OutboxEvent> pending(int limit) {
        return getEntityManager().createQuery("from OutboxEvent where sentAt is null order by seq", OutboxEvent.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Marks the given events sent, in one statement. Plain JDBC with an array parameter: the query text stays the
     * same whatever the batch size, where a JPQL {@code in :ids} with a list is translated again on every call.
     */
    public static int markSent(List<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("update outbox_event set sent_at = ?,"
                    + " attempts = attempts + 1, last_error = null where id = any (?)")) {
                update.setObject(1, at.atOffset(ZoneOffset.UTC));
                update.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                return update.executeUpdate();
            }
        });
    }

    /** Records a failed attempt; the event stays pending. */
    public static int markFailed(UUID id, String error) {
        return getEntityManager().createQuery("update OutboxEvent set attempts = attempts + 1, lastError = :error"
                        + " where id = :id")
                .setParameter("error", error)
                .setParameter("id", id)
                .executeUpdate();
    }

    public static long countPending() {
        return count("sentAt is null");
    }

    public static long deleteSentBefore(Instant cutoff) {
        return delete("sentAt < ?1", cutoff);
    }
}
