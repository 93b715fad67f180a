package clinic.bfrguard.session.domain;

import clinic.bfrguard.common.audit.Audit;
import clinic.bfrguard.session.config.BandConfig;
import clinic.bfrguard.session.events.SessionEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Raises the band warnings and overruns that are due, each exactly once, however many replicas and timers try.
 * The transition is one conditional UPDATE ({@code released_at is null and ..._raised_at is null}); only the rows it
 * changed get an event, written to the outbox in the same transaction. {@code for update skip locked} lets two
 * replicas split a batch instead of queueing behind each other, and leaves a band that is being released alone.
 */
@ApplicationScoped
public class BandAlarms {

    private static final Logger LOG = Logger.getLogger(BandAlarms.class);

    /**
     * A warning is only worth raising while the deadline is ahead: once it has passed, the overrun says more and a
     * warning on top would be noise.
     */
    private static final String RAISE_WARNINGS = """
            with due as (
                select id from band
                where released_at is null and warning_raised_at is null and overrun_raised_at is null
                  and warn_at <= :now and deadline > :now
                order by warn_at
                limit :limit
                for update skip locked)
            update band b set warning_raised_at = :now
            from due
            where b.id = due.id and b.released_at is null and b.warning_raised_at is null
              and b.overrun_raised_at is null
            returning b.id""";

    private static final String RAISE_OVERRUNS = """
            with due as (
                select id from band
                where released_at is null and overrun_raised_at is null and deadline <= :now
                order by deadline
                limit :limit
                for update skip locked)
            update band b set overrun_raised_at = :now
            from due
            where b.id = due.id and b.released_at is null and b.overrun_raised_at is null
            returning b.id""";

    private final EntityManager em;
    private final SessionEvents events;
    private final BandConfig config;
    private final Audit audit;
    private final Clock clock;
    private final Timer overrunLateness;
    private final Timer warningLateness;

    public BandAlarms(EntityManager em, SessionEvents events, BandConfig config, Audit audit, Clock clock,
            MeterRegistry registry) {
        this.em = em;
        this.events = events;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
        this.overrunLateness = Timer.builder("bfrguard.band.overrun.lateness")
                .description("How long after its deadline a band overrun was raised")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.warningLateness = Timer.builder("bfrguard.band.warning.lateness")
                .description("How long after its warning time a band warning was raised")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Raises one batch of what is due now; returns how many alarms it raised. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Raised raiseDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<Band> warned = transition(RAISE_WARNINGS, now);
        for (Band band : warned) {
            events.bandTimeWarning(band, now);
            audit.record(Audit.SYSTEM, SessionEvents.BAND_TIME_WARNING, "band", band.id, band.patientId);
            warningLateness.record(lateness(band.warnAt, now));
        }
        List<Band> overrun = transition(RAISE_OVERRUNS, now);
        for (Band band : overrun) {
            events.bandTimeOverrun(band, now);
            audit.record(Audit.SYSTEM, SessionEvents.BAND_TIME_OVERRUN, "band", band.id, band.patientId);
            overrunLateness.record(lateness(band.deadline, now));
            LOG.warnf("Band %s in session %s overran its deadline %s", band.id, band.sessionId, band.deadline);
        }
        return new Raised(warned.size(), overrun.size());
    }

    /** The due times of everything still to raise, for the in-memory timer after a start. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Instant> pendingDueTimes() {
        List<Instant> times = new ArrayList<>();
        List<Band> pending = Band.list("releasedAt is null and overrunRaisedAt is null");
        for (Band band : pending) {
            if (band.warningRaisedAt == null) {
                times.add(band.warnAt);
            }
            times.add(band.deadline);
        }
        return times;
    }

    private List<Band> transition(String sql, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(sql)
                .setParameter("now", now)
                .setParameter("limit", config.raiseBatchSize())
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> uuids = ids.stream().map(id -> id instanceof UUID u ? u : UUID.fromString(id.toString())).toList();
        return Band.list("id in ?1 order by deadline, id", uuids);
    }

    private static Duration lateness(Instant due, Instant raisedAt) {
        Duration late = Duration.between(due, raisedAt);
        return late.isNegative() ? Duration.ZERO : late;
    }

    /** How many warnings and overruns one pass raised. */
    public record Raised(int warnings, int overruns) {

        public boolean full(int batchSize) {
            return warnings >= batchSize || overruns >= batchSize;
        }
    }
}
