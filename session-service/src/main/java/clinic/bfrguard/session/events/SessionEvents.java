package clinic.bfrguard.session.events;

import clinic.bfrguard.common.events.EventContract;
import clinic.bfrguard.common.events.Outbox;
import clinic.bfrguard.session.api.FloorChanges;
import clinic.bfrguard.session.domain.Band;
import clinic.bfrguard.session.domain.Deviation;
import clinic.bfrguard.session.domain.DeviationRule;
import clinic.bfrguard.session.domain.ExerciseSet;
import clinic.bfrguard.session.domain.FloorTile;
import clinic.bfrguard.session.domain.Limb;
import clinic.bfrguard.session.domain.RecordedDeviation;
import clinic.bfrguard.session.domain.Session;
import clinic.bfrguard.session.domain.Symptom;
import clinic.bfrguard.session.domain.SymptomReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The events this service publishes on {@value #TOPIC}, written to the outbox in the caller's transaction and keyed
 * by the patient. Symptom notes do travel: a clinician acting on the alert needs them. A change of what the clinic
 * floor shows (a session started or completed, a band applied or released, a symptom reported) also writes the
 * session's floor tile to {@code session_change}, in the same transaction.
 */
@ApplicationScoped
public class SessionEvents {

    public static final String TOPIC = EventContract.SESSION_EVENTS;
    public static final String SESSION_STARTED = EventContract.SESSION_STARTED;
    public static final String BAND_APPLIED = EventContract.BAND_APPLIED;
    public static final String BAND_RELEASED = EventContract.BAND_RELEASED;
    public static final String SET_LOGGED = EventContract.SET_LOGGED;
    public static final String SYMPTOM_REPORTED = EventContract.SYMPTOM_REPORTED;
    public static final String GUIDELINE_DEVIATION = EventContract.GUIDELINE_DEVIATION;
    public static final String BAND_TIME_WARNING = EventContract.BAND_TIME_WARNING;
    public static final String BAND_TIME_OVERRUN = EventContract.BAND_TIME_OVERRUN;
    public static final String SESSION_COMPLETED = EventContract.SESSION_COMPLETED;

    private final Outbox outbox;
    private final FloorChanges floor;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Event<FloorChanged> floorChanged;

    public SessionEvents(Outbox outbox, FloorChanges floor, EntityManager em, ObjectMapper mapper, Clock clock,
            Event<FloorChanged> floorChanged) {
        this.outbox = outbox;
        this.floor = floor;
        this.em = em;
        this.mapper = mapper;
        this.clock = clock;
        this.floorChanged = floorChanged;
    }

    public void sessionStarted(Session s) {
        outbox.publish(TOPIC, SESSION_STARTED, s.patientId,
                new SessionStarted(s.id, s.site, s.physiotherapist, s.startedAt));
        floorChange(s, SESSION_STARTED);
    }

    public void bandApplied(Band b) {
        outbox.publish(TOPIC, BAND_APPLIED, b.patientId, new BandApplied(b.sessionId, b.site, b.id, b.limb,
                b.perceivedPressure, b.pressureMmHg, b.appliedAt, b.warnAt, b.deadline));
        floorChange(Session.findById(b.sessionId), BAND_APPLIED);
    }

    public void bandReleased(Band b) {
        outbox.publish(TOPIC, BAND_RELEASED, b.patientId, new BandReleased(b.sessionId, b.site, b.id, b.limb, b.appliedAt,
                b.releasedAt, b.deadline, wornSeconds(b), b.releasedBy));
        floorChange(Session.findById(b.sessionId), BAND_RELEASED);
    }

    public void setLogged(Session session, ExerciseSet s) {
        outbox.publish(TOPIC, SET_LOGGED, session.patientId, new SetLogged(s.sessionId, session.site, s.id, s.exercise, s.limb,
                Deviation.plain(s.loadPercentOneRm), s.reps, s.rpe, s.setNumber));
    }

    public void symptomReported(Session session, SymptomReport r) {
        outbox.publish(TOPIC, SYMPTOM_REPORTED, session.patientId, new SymptomReported(r.sessionId, session.site, r.id, r.symptom,
                r.note, r.reportedBy, r.reportedAt));
        floorChange(session, SYMPTOM_REPORTED);
    }

    public void guidelineDeviation(Session session, RecordedDeviation d) {
        outbox.publish(TOPIC, GUIDELINE_DEVIATION, session.patientId, new GuidelineDeviation(d.sessionId,
                session.site, d.rule, d.limb,
                d.exercise, d.bandId, d.setId, Deviation.plain(d.actual), Deviation.plain(d.limit), d.unit,
                d.message, d.occurredAt));
    }

    public void bandTimeWarning(Band b, Instant raisedAt) {
        outbox.publish(TOPIC, BAND_TIME_WARNING, b.patientId, new BandTimeWarning(b.sessionId, b.site, b.id, b.limb,
                b.appliedAt, b.warnAt, b.deadline, raisedAt));
    }

    public void bandTimeOverrun(Band b, Instant raisedAt) {
        outbox.publish(TOPIC, BAND_TIME_OVERRUN, b.patientId, new BandTimeOverrun(b.sessionId, b.site, b.id, b.limb,
                b.appliedAt, b.deadline, b.limitSeconds, raisedAt));
    }

    public void sessionCompleted(Session s) {
        outbox.publish(TOPIC, SESSION_COMPLETED, s.patientId,
                new SessionCompleted(s.id, s.site, s.completedBy, s.completedAt));
        floorChange(s, SESSION_COMPLETED);
    }

    /**
     * The floor's change of {@code session} ({@code kind} = the event's type), with its tile after the change, in
     * the caller's transaction; the floor stream pushes it after the commit.
     */
    private void floorChange(Session session, String kind) {
        FloorTile tile = FloorTile.of(session, Band.ofSession(session.id), SymptomReport.ofSession(session.id));
        String json;
        try {
            json = mapper.writeValueAsString(tile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the floor tile of session " + session.id + " cannot be serialised", e);
        }
        floorChanged.fire(new FloorChanged(floor.append(em, session.id, session.site, kind, json, clock.instant())));
    }

    public static long wornSeconds(Band b) {
        return Duration.between(b.appliedAt, b.releasedAt).toSeconds();
    }

    public record SessionStarted(UUID sessionId, String site, String physiotherapist, Instant startedAt) {
    }

    public record BandApplied(UUID sessionId, String site, UUID bandId, Limb limb, int perceivedPressure, Integer pressureMmHg,
            Instant appliedAt, Instant warnAt, Instant deadline) {
    }

    public record BandReleased(UUID sessionId, String site, UUID bandId, Limb limb, Instant appliedAt, Instant releasedAt,
            Instant deadline, long wornSeconds, String releasedBy) {
    }

    public record SetLogged(UUID sessionId, String site, UUID setId, String exercise, Limb limb, BigDecimal loadPercentOneRm,
            int reps, Integer rpe, int setNumber) {
    }

    public record SymptomReported(UUID sessionId, String site, UUID symptomId, Symptom symptom, String note, String reportedBy,
            Instant reportedAt) {
    }

    public record GuidelineDeviation(UUID sessionId, String site, DeviationRule rule, Limb limb, String exercise, UUID bandId,
            UUID setId, BigDecimal actual, BigDecimal limit, String unit, String message, Instant occurredAt) {
    }

    public record BandTimeWarning(UUID sessionId, String site, UUID bandId, Limb limb, Instant appliedAt, Instant warnAt,
            Instant deadline, Instant raisedAt) {
    }

    public record BandTimeOverrun(UUID sessionId, String site, UUID bandId, Limb limb, Instant appliedAt, Instant deadline,
            long limitSeconds, Instant raisedAt) {
    }

    public record SessionCompleted(UUID sessionId, String site, String completedBy, Instant completedAt) {
    }
}
