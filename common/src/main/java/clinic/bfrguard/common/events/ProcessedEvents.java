package clinic.bfrguard.common.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/**
 * Makes a consumer idempotent: the id of every applied event is recorded in the same transaction as the change it
 * caused, so a redelivered or replayed event changes nothing.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager em;
    private final Clock clock;

    public ProcessedEvents(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Records {@code eventId} as applied by {@code consumer}; returns {@code false} when it was applied before,
     * in which case the caller must do nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        int inserted = em.createNativeQuery("insert into processed_event (event_id, consumer, processed_at) "
                        + "values (:id, :consumer, :at) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("consumer", consumer)
                .setParameter("at", clock.instant())
                .executeUpdate();
        return inserted == 1;
    }
}
