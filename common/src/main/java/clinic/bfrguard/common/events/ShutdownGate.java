package clinic.bfrguard.common.events;

import clinic.bfrguard.common.config.ConsumerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the consumers finish what they are applying when the service is told to stop, while its database is still
 * open (Quarkus closes the persistence unit before the Kafka consumers), and then lets nothing more in.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);

    private final AtomicInteger underWay = new AtomicInteger();
    private volatile boolean stopping;

    void stop(@Observes ShutdownEvent event, ConsumerConfig config) {
        close(config.shutdownDrain());
    }

    /** Whether a record may be applied now; if so, {@link #leave()} must follow once it is done. */
    public boolean enter() {
        // counted before the check: the closing side either sees this record under way or this record sees it closed
        underWay.incrementAndGet();
        if (stopping) {
            underWay.decrementAndGet();
            return false;
        }
        return true;
    }

    public void leave() {
        underWay.decrementAndGet();
    }

    /** Whether the service is stopping: a failed attempt is then left for redelivery, not retried. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Lets nothing more in and waits, at most {@code drain}, for what is under way; returns how many records were
     * still under way when it gave up (0 when all finished).
     */
    public int close(Duration drain) {
        stopping = true;
        long deadline = System.nanoTime() + drain.toNanos();
        while (underWay.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = underWay.get();
        if (left > 0) {
            LOG.warnf("Stopping with %d events still being applied; they are delivered again", left);
        }
        return left;
    }
}
