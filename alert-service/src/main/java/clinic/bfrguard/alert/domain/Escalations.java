package clinic.bfrguard.alert.domain;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The escalation sweep. Due times live in the database, so escalations survive a restart; each alert escalates in
 * its own transaction through a conditional update, so two replicas sweeping at once escalate it once.
 */
@ApplicationScoped
public class Escalations {

    private static final Logger LOG = Logger.getLogger(Escalations.class);
    private static final int BATCH = 100;

    private final AlertService alerts;
    private volatile boolean stopping;

    public Escalations(AlertService alerts) {
        this.alerts = alerts;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${clinic.alerts.escalation-sweep}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (stopping) {
            return;
        }
        try {
            int escalated;
            do {
                escalated = 0;
                var due = alerts.dueForEscalation(BATCH);
                for (UUID id : due) {
                    if (alerts.escalate(id)) {
                        escalated++;
                        LOG.infof("Alert %s escalated", id);
                    }
                }
                if (due.size() < BATCH) {
                    return;
                }
            } while (escalated > 0);
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.warnf("Escalation sweep failed, will retry on the next sweep: %s", e.toString());
        }
    }
}
